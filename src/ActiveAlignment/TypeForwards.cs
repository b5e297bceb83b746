using System.Runtime.CompilerServices;

// The simplex projection moved down to ActiveAlignment.Numerics (the layer both model packages build on); code compiled
// against an earlier ActiveAlignment still finds it here.
[assembly: TypeForwardedTo(typeof(ActiveAlignment.Numerics.SimplexProjection))]

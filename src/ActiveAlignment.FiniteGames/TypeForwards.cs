using System.Runtime.CompilerServices;
using ActiveAlignment.Numerics.Exact;

// Exact rationals and the exact simplex moved down to ActiveAlignment.Numerics (the layer both model packages build on);
// code compiled against an earlier ActiveAlignment.FiniteGames still finds them here.
[assembly: TypeForwardedTo(typeof(Rational))]
[assembly: TypeForwardedTo(typeof(LinearProgram))]
[assembly: TypeForwardedTo(typeof(LinearProgramSolution))]
[assembly: TypeForwardedTo(typeof(LinearProgramStatus))]
[assembly: TypeForwardedTo(typeof(ExactSimplexSolver))]
[assembly: TypeForwardedTo(typeof(ILinearProgramSolver))]

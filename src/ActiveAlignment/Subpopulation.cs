using ActiveAlignment.Internal;

namespace ActiveAlignment;

/// <summary>
/// A human subpopulation (an ideological group, a region, a personality trait) that agents may align with,
/// together with its attractiveness aₖ (reach, audience share, engagement). docs/model.md#objects.
/// </summary>
public sealed record Subpopulation
{
    /// <summary>Creates a subpopulation.</summary>
    /// <param name="name">A non-empty name, unique within a game.</param>
    /// <param name="attractiveness">The attractiveness aₖ: any finite real.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space, or
    /// <paramref name="attractiveness"/> is NaN or infinite.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public Subpopulation(string name, double attractiveness)
    {
        Preconditions.CheckNotNull(name);
        if (string.IsNullOrWhiteSpace(name))
        {
            Preconditions.ThrowArgument(nameof(name), "A subpopulation name must be non-empty.");
        }
        Name = name;
        Attractiveness = Preconditions.CheckFinite(attractiveness, nameof(attractiveness));
    }

    /// <summary>The subpopulation's name (non-empty, unique within a game).</summary>
    public string Name { get; }

    /// <summary>The attractiveness aₖ of the subpopulation (finite).</summary>
    public double Attractiveness { get; }
}

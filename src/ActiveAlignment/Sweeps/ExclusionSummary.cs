using ActiveAlignment.Internal;

namespace ActiveAlignment.Sweeps;

/// <summary>Exclusion figures of one subpopulation (or of "any group") over a sweep (docs/model.md#exclusion).</summary>
/// <param name="Name">The subpopulation, or "any group".</param>
/// <param name="Excluded">Number of points at which it is excluded (weight below τ at an interior equilibrium).</param>
/// <param name="ExclusionArea">Excluded / all points.</param>
/// <param name="ConditionalExclusion">Excluded / points with an interior equilibrium; null when there are none.</param>
/// <param name="StableExcluded">
/// Of the excluded points, those whose interior equilibrium is stable for learning agents (docs/model.md#maps-and-steering): exclusion at an
/// outcome agents would stay at. 0 for the boundary-aware figures, which are not classified.
/// </param>
public sealed record GroupExclusion(string Name, long Excluded, double ExclusionArea, double? ConditionalExclusion, long StableExcluded = 0);

/// <summary>
/// The boundary-aware figures: at the points with no interior equilibrium, the boundary equilibrium of docs/model.md#boundary is
/// solved and a group counts as excluded when its weight is below τ (mechanically: often exactly 0). Reported apart from the
/// paper-style figures, never mixed into them.
/// </summary>
public sealed class BoundaryExclusion
{
    internal BoundaryExclusion(long solvedPoints, long unverifiedPoints, IReadOnlyList<GroupExclusion> groups, GroupExclusion anyGroup,
        IReadOnlyList<double> combinedExclusionArea, double combinedAnyGroupArea)
    {
        SolvedPoints = solvedPoints;
        UnverifiedPoints = unverifiedPoints;
        Groups = groups;
        AnyGroup = anyGroup;
        CombinedExclusionArea = combinedExclusionArea;
        CombinedAnyGroupArea = combinedAnyGroupArea;
    }

    /// <summary>Points with no interior equilibrium (noInterior or singular, concave) that were solved on the boundary.</summary>
    public long SolvedPoints { get; }

    /// <summary>Of those, points where the boundary solver could not verify its KKT point exactly (still counted by its iterate).</summary>
    public long UnverifiedPoints { get; }

    /// <summary>
    /// Per group: <c>Excluded</c> = boundary points where it is excluded; <c>ExclusionArea</c> = that / all points;
    /// <c>ConditionalExclusion</c> = that / <see cref="SolvedPoints"/>.
    /// </summary>
    public IReadOnlyList<GroupExclusion> Groups { get; }

    /// <summary>The same for "any group excluded".</summary>
    public GroupExclusion AnyGroup { get; }

    /// <summary>Per group: (excluded at interior points + excluded at boundary points) / all points.</summary>
    public IReadOnlyList<double> CombinedExclusionArea { get; }

    /// <summary>The same for "any group excluded".</summary>
    public double CombinedAnyGroupArea { get; }

    /// <summary>A one-line summary: the boundary points solved and the combined exclusion area of "any group".</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"BoundaryExclusion({SolvedPoints} solved, {UnverifiedPoints} unverified; any group excluded over {CombinedAnyGroupArea:P2} of the area)");
}

/// <summary>The result of an exclusion sweep (docs/model.md#exclusion): counts and per-group exclusion figures.</summary>
public sealed class ExclusionSummary
{
    internal ExclusionSummary(GridAxis x, GridAxis y, double threshold, long points, long interior, long noInterior, long singular,
        long notConcave, IReadOnlyList<GroupExclusion> groups, GroupExclusion anyGroup, BoundaryExclusion? boundary, bool diagonal)
    {
        X = x;
        Y = y;
        Threshold = threshold;
        Points = points;
        InteriorPoints = interior;
        NoInteriorPoints = noInterior;
        SingularPoints = singular;
        NotConcavePoints = notConcave;
        Groups = groups;
        AnyGroup = anyGroup;
        Boundary = boundary;
        UsedDiagonalPath = diagonal;
    }

    /// <summary>The first axis (varies fastest in row output).</summary>
    public GridAxis X { get; }

    /// <summary>The second axis.</summary>
    public GridAxis Y { get; }

    /// <summary>The exclusion threshold τ.</summary>
    public double Threshold { get; }

    /// <summary>Number of grid points.</summary>
    public long Points { get; }

    /// <summary>Points with an interior equilibrium (closed form interior).</summary>
    public long InteriorPoints { get; }

    /// <summary>Points with no interior equilibrium (the paper's white regions).</summary>
    public long NoInteriorPoints { get; }

    /// <summary>Points where ZᵀMZ is singular; reported apart.</summary>
    public long SingularPoints { get; }

    /// <summary>Points where own concavity fails (λ_C·κ &lt; 0).</summary>
    public long NotConcavePoints { get; }

    /// <summary>
    /// Interior points whose homogeneous equilibrium is unstable (docs/model.md#maps-and-steering): learning agents would leave it and
    /// specialise, so the paper-style map describes a point they would not stay at.
    /// </summary>
    public long UnstablePoints { get; internal init; }

    /// <summary>Interior points whose homogeneous equilibrium is stable (the rest of the interior points are degenerate, on the boundary line).</summary>
    public long StablePoints { get; internal init; }

    /// <summary>Per subpopulation, in the game's order.</summary>
    public IReadOnlyList<GroupExclusion> Groups { get; }

    /// <summary>"Any group excluded": points where at least one group is excluded.</summary>
    public GroupExclusion AnyGroup { get; }

    /// <summary>The boundary-aware figures, when requested.</summary>
    public BoundaryExclusion? Boundary { get; }

    /// <summary>True when the diagonal (generalised-eigen) fast path was used.</summary>
    public bool UsedDiagonalPath { get; }

    /// <summary>A one-line summary: the grid, the point counts and the exclusion area of "any group".</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"ExclusionSummary({X} × {Y}, τ = {Threshold:G6}: {Points} points, {InteriorPoints} interior; any group excluded at {AnyGroup.Excluded} ({AnyGroup.ExclusionArea:P2} of the area))");

    /// <summary>The figures of the subpopulation called <paramref name="name"/>.</summary>
    /// <param name="name">A subpopulation name.</param>
    /// <exception cref="KeyNotFoundException">No subpopulation has that name.</exception>
    public GroupExclusion this[string name]
    {
        get
        {
            Preconditions.CheckNotNull(name);
            return Groups.FirstOrDefault(g => g.Name == name)
                ?? throw new KeyNotFoundException($"No subpopulation is called \"{name}\"; the names are: {string.Join(", ", Groups.Select(g => g.Name))}.");
        }
    }

    /// <summary>The subpopulation with the largest exclusion area (the first in order among ties).</summary>
    public string LargestExclusionGroup
    {
        get
        {
            var best = Groups[0];
            foreach (var g in Groups)
            {
                if (g.Excluded > best.Excluded)
                {
                    best = g;
                }
            }
            return best.Name;
        }
    }
}

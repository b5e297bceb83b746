using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Steering;

/// <summary>Everything the regulation layer says about one game (docs/model.md#steering).</summary>
public sealed class SteeringReport
{
    private SteeringReport(HomogeneousEquilibrium equilibrium, double threshold, SensitivityReport sensitivity, SubsidyResult floor,
        SubsidyResult? target, MinimumDiversityResult minimumDiversity, Learning.DiversityStability stability,
        Learning.StabilityReport? minimumDiversityStability, IReadOnlyList<StableAlternative> stableAtMinimumDiversity)
    {
        Stability = stability;
        MinimumDiversityStability = minimumDiversityStability;
        StableAtMinimumDiversity = stableAtMinimumDiversity;
        Equilibrium = equilibrium;
        Threshold = threshold;
        Sensitivity = sensitivity;
        SubsidyToFloor = floor;
        SubsidyToTarget = target;
        MinimumDiversity = minimumDiversity;
    }

    /// <summary>Today's homogeneous equilibrium.</summary>
    public HomogeneousEquilibrium Equilibrium { get; }

    /// <summary>τ.</summary>
    public double Threshold { get; }

    /// <summary>Sensitivities of the interior equilibrium (undefined off the interior).</summary>
    public SensitivityReport Sensitivity { get; }

    /// <summary>The minimum-norm subsidy that brings every group to at least τ.</summary>
    public SubsidyResult SubsidyToFloor { get; }

    /// <summary>The minimum-norm subsidy reaching the requested target; null when no target was given.</summary>
    public SubsidyResult? SubsidyToTarget { get; }

    /// <summary>The smallest diversity coefficient that represents every group.</summary>
    public MinimumDiversityResult MinimumDiversity { get; }

    /// <summary>
    /// Today's stability and how far up in λ_D the homogeneous equilibrium stays stable (docs/model.md#maps-and-steering):
    /// <see cref="Learning.DiversityStability.StableUpTo"/>.
    /// </summary>
    public Learning.DiversityStability Stability { get; }

    /// <summary>The stability of the homogeneous equilibrium at the minimum diversity; null when there is none.</summary>
    public Learning.StabilityReport? MinimumDiversityStability { get; }

    /// <summary>True when the minimum diversity exists and the homogeneous equilibrium there is stable.</summary>
    public bool MinimumDiversityIsStable => MinimumDiversityStability?.IsStable == true;

    /// <summary>A one-line summary: the threshold, the equilibrium's status and the minimum diversity that represents every group.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"SteeringReport(τ = {Threshold:G6}, {Equilibrium.Status}; minimum diversity {(MinimumDiversity.Value is double v ? v.ToString("G6", System.Globalization.CultureInfo.InvariantCulture) : "none")}{(MinimumDiversity.Value is null ? "" : MinimumDiversityIsStable ? ", stable there" : ", not stable there")})");

    /// <summary>
    /// When the minimum diversity lands where the homogeneous equilibrium is not stable, the stable equilibria there, where
    /// learning agents would actually go, with their representation (every equilibrium for small games, otherwise the ends of
    /// gradient play from 64 seeded starts); empty otherwise.
    /// </summary>
    public IReadOnlyList<StableAlternative> StableAtMinimumDiversity { get; }

    /// <summary>Runs every steering analysis.</summary>
    /// <param name="game">The game.</param>
    /// <param name="threshold">τ in (0, 1); default 0.01.</param>
    /// <param name="target">A target mixture in the interior of the simplex, or null.</param>
    /// <param name="maximumDiversity">The largest λ_D considered; null for max(100, 10 × the current λ_D).</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument breaks the rules of the analyses it feeds.</exception>
    public static SteeringReport Analyze(AlignmentGame game, double threshold = 0.01, IReadOnlyList<double>? target = null, double? maximumDiversity = null)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        double maximum = maximumDiversity ?? Math.Max(100.0, 10.0 * game.Coefficients.Diversity);
        var minimum = Steering.MinimumDiversity.Find(game, threshold, maximum);
        Learning.StabilityReport? atMinimum = null;
        IReadOnlyList<StableAlternative> alternatives = [];
        if (minimum.Value is double d)
        {
            var there = game.WithCoefficients(game.Coefficients.With(CoefficientAxis.Diversity, d));
            atMinimum = EquilibriumSolver.Solve(there).Stability;
            if (!atMinimum.IsStable)
            {
                alternatives = StableAlternative.At(there);
            }
        }
        return new SteeringReport(
            EquilibriumSolver.Solve(game),
            threshold,
            SensitivityReport.Compute(game),
            AttractivenessSubsidy.ToFloor(game, threshold),
            target is null ? null : AttractivenessSubsidy.ToTarget(game, target.ToArray()),
            minimum,
            Learning.StabilityPath.AlongDiversity(game),
            atMinimum,
            alternatives);
    }
}

/// <summary>A stable equilibrium of a game, where learning agents settle, with its representation (docs/model.md#representation).</summary>
public sealed class StableAlternative
{
    /// <summary>Games with at most this many support profiles are enumerated exactly; larger ones are explored by gradient play.</summary>
    public const long EnumerationLimit = 50_000;

    private StableAlternative(IReadOnlyList<IReadOnlyList<double>> profile, IReadOnlyList<double> representation, System.Numerics.BigInteger? multiplicity,
        double? share, Learning.StabilityReport stability, string source)
    {
        Profile = profile;
        Representation = representation;
        Multiplicity = multiplicity;
        Share = share;
        Stability = stability;
        Source = source;
    }

    /// <summary>One mixture per agent, agents sorted lexicographically.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Profile { get; }

    /// <summary>r = (1/N) Σᵢ wᵢ.</summary>
    public IReadOnlyList<double> Representation { get; }

    /// <summary>The number of agent orders (exact enumeration); null when found by dynamics.</summary>
    public System.Numerics.BigInteger? Multiplicity { get; }

    /// <summary>The share of the gradient-play starts that ended here (dynamics); null when enumerated.</summary>
    public double? Share { get; }

    /// <summary>Its stability.</summary>
    public Learning.StabilityReport Stability { get; }

    /// <summary>"every equilibrium" (exact enumeration) or "gradient play from 64 starts".</summary>
    public string Source { get; }

    /// <summary>The stable equilibria of a game: exact enumeration when small, gradient play otherwise.</summary>
    /// <param name="game">The game.</param>
    /// <returns>The stable equilibria (possibly none).</returns>
    public static IReadOnlyList<StableAlternative> At(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        if (!game.IsOwnConcave)
        {
            return [];
        }
        if (Learning.EquilibriumEnumeration.SupportProfileCount(game.Count, game.Agents) <= EnumerationLimit)
        {
            var set = Learning.EquilibriumEnumeration.Enumerate(game);
            return set.Stable.Select(e => new StableAlternative(e.Profile, e.Representation, e.Multiplicity, null, e.Stability, "every equilibrium")).ToList();
        }
        var result = Learning.LearningDynamics.Run(game, new Learning.DynamicsOptions { Starts = 64, Seed = 1 });
        return result.Outcomes.Where(o => o.Stability.IsStable)
            .Select(o => new StableAlternative(o.Profile, o.Representation, null, o.Share, o.Stability, "gradient play from 64 starts")).ToList();
    }

    /// <summary>A one-line summary: the representation each group gets, its stability and where it came from.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"StableAlternative([{string.Join(", ", Representation.Select(r => r.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}], {Stability.Label}, from {Source})";
}

using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Steering;

/// <summary>Everything the regulation layer says about one game (docs/model.md#steering).</summary>
public sealed class SteeringReport
{
    private SteeringReport(HomogeneousEquilibrium equilibrium, double threshold, SensitivityReport sensitivity, SubsidyResult floor,
        SubsidyResult? target, MinimumDiversityResult minimumDiversity)
    {
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
        return new SteeringReport(
            EquilibriumSolver.Solve(game),
            threshold,
            SensitivityReport.Compute(game),
            AttractivenessSubsidy.ToFloor(game, threshold),
            target is null ? null : AttractivenessSubsidy.ToTarget(game, target.ToArray()),
            Steering.MinimumDiversity.Find(game, threshold, maximum));
    }
}

using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Steering;

/// <summary>A minimum-norm attractiveness subsidy δ (docs/model.md#steering), or why there is none.</summary>
public sealed class SubsidyResult
{
    internal SubsidyResult(string? reason, double[]? delta, double[]? weights, double[]? multipliers)
    {
        Reason = reason;
        Status = reason is null ? SteeringStatus.Found : SteeringStatus.NotFound;
        Delta = delta;
        Weights = weights;
        Multipliers = multipliers;
    }

    /// <summary>Found, or not found (see <see cref="Reason"/>).</summary>
    public SteeringStatus Status { get; }

    /// <summary>True when a subsidy exists (<see cref="Status"/> is <see cref="SteeringStatus.Found"/>).</summary>
    public bool Exists => Status == SteeringStatus.Found;

    /// <summary>Why there is no subsidy; null when there is one.</summary>
    public string? Reason { get; }

    /// <summary>δ, added to the attractiveness vector a; budget-neutral (Σδ = 0).</summary>
    public IReadOnlyList<double>? Delta { get; }

    /// <summary>The closed-form equilibrium after the subsidy, w*(a + δ).</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>
    /// For the floor subsidy: the KKT multipliers μ ≥ 0 of min ‖δ‖² s.t. w* + λ_A R δ ≥ τ1, with 2δ = λ_A R μ and μₖ = 0 where
    /// the floor is slack (normalised so that the smallest slack multiplier is 0). Null for the target subsidy.
    /// </summary>
    public IReadOnlyList<double>? Multipliers { get; }

    /// <summary>‖δ‖₂; null when there is no subsidy.</summary>
    public double? Norm => Delta is null ? null : Math.Sqrt(Delta.Sum(d => d * d));

    /// <summary>A one-line summary: δ and its norm, or why there is none.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Delta is null
        ? $"no subsidy: {Reason}"
        : string.Create(CultureInfo.InvariantCulture, $"subsidy δ = [{string.Join(", ", Delta.Select(d => d.ToString("G6", CultureInfo.InvariantCulture)))}], norm {Norm:G6}");
}

/// <summary>Minimum-norm attractiveness subsidies (docs/model.md#steering).</summary>
public static class AttractivenessSubsidy
{
    /// <summary>
    /// The minimum-norm δ with w*(a + δ) = target: δ = P_T(M w_t / λ_A − a), budget-neutral.
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="target">A point of the interior of the simplex (every entry &gt; 0, sum 1 within 1e-9).</param>
    /// <returns>The subsidy, or the reason there is none (λ_A = 0, ZᵀMZ singular, own concavity fails).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="target"/> is not in the interior of the simplex.</exception>
    public static SubsidyResult ToTarget(AlignmentGame game, ReadOnlySpan<double> target)
    {
        Preconditions.CheckNotNull(game);
        Certificates.NashGap.CheckMixture(target, game.Count, nameof(target));
        for (int i = 0; i < target.Length; i++)
        {
            if (!(target[i] > 0))
            {
                Preconditions.ThrowArgument(nameof(target), string.Create(CultureInfo.InvariantCulture,
                    $"target[{i}] = {target[i]:R}; a target must lie in the interior of the simplex (every weight > 0)."));
            }
        }
        if (Unavailable(game) is string reason)
        {
            return new SubsidyResult(reason, null, null, null);
        }
        int k = game.Count;
        var m = new double[k * k];
        game.FillInteractionMatrix(m);
        var delta = new double[k];
        double lambdaA = game.Coefficients.Attractiveness;
        for (int i = 0; i < k; i++)
        {
            double mw = 0;
            for (int j = 0; j < k; j++)
            {
                mw += m[(i * k) + j] * target[j];
            }
            delta[i] = (mw / lambdaA) - game.Attractiveness[i];
        }
        ProjectToTangent(delta);
        return new SubsidyResult(null, delta, Subsidised(game, delta), null);
    }

    /// <summary>
    /// The minimum-norm δ such that every group has weight ≥ τ at the closed-form equilibrium: min ‖δ‖² subject to
    /// w* + λ_A R δ ≥ τ1 (docs/model.md#steering), solved exactly. It applies to the closed-form candidate, so it also lifts a boundary
    /// equilibrium into the interior. Zero when every weight is already ≥ τ. Applied verbatim (the game re-solved with a + δ),
    /// every group lands at or above τ, never a few ulps below it (which would read as excluded, since exclusion is w &lt; τ):
    /// where rounding would do that, the floor aimed at is raised by a relative 1e-12 (then 1e-10, …, 1e-6).
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="threshold">τ in (0, 1/K]: no mixture gives every one of K groups more than 1/K.</param>
    /// <returns>The subsidy with its KKT multipliers, or the reason there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is outside (0, 1).</exception>
    public static SubsidyResult ToFloor(AlignmentGame game, double threshold)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        int k = game.Count;
        double slack = 1.0 - (k * threshold);
        if (slack < -1e-12)
        {
            return new SubsidyResult(string.Create(CultureInfo.InvariantCulture,
                $"no mixture gives each of {k} groups at least {threshold:G4}: the floor must be at most 1/K = {1.0 / k:G4}"), null, null, null);
        }
        if (Unavailable(game) is string reason)
        {
            return new SubsidyResult(reason, null, null, null);
        }
        // Applied verbatim, the subsidy must land every group at or above τ: when rounding would leave a floored group a few
        // ulps below τ (and so "excluded"), the floor aimed at is raised by a relative 1e-12, then 1e-10, …, up to 1e-6.
        SubsidyResult? result = null;
        foreach (double margin in (double[])[0, 1e-12, 1e-10, 1e-8, 1e-6])
        {
            result = FloorSubsidy(game, threshold, threshold * (1 + margin));
            if (result.Weights!.All(w => w >= threshold))
            {
                break;
            }
        }
        return result!;
    }

    /// <summary>The minimum-norm subsidy aiming every group at <paramref name="floor"/> (τ, or τ raised by a rounding margin).</summary>
    private static SubsidyResult FloorSubsidy(AlignmentGame game, double threshold, double floor)
    {
        int k = game.Count;
        double slack = Math.Max(0.0, 1.0 - (k * floor));
        var closedForm = ClosedFormSolver.Solve(game);
        var wStar = closedForm.Weights!.ToArray();
        double lambdaA = game.Coefficients.Attractiveness;
        var m = new double[k * k];
        game.FillInteractionMatrix(m);
        double[] target;
        if (wStar.All(w => w >= floor))
        {
            target = wStar;
        }
        else if (slack <= 0)
        {
            target = Enumerable.Repeat(1.0 / k, k).ToArray();
        }
        else
        {
            // Reachable weights w = w* + λ_A R δ cover the whole affine hull, and the minimum-norm δ reaching w is
            // P_T M (w − w*) / λ_A. With w = τ1 + s·v, v ∈ Δ, s = 1 − Kτ, minimise ‖P M (c₀ + s v)‖², c₀ = τ1 − w*:
            // a strictly convex QP on the simplex (Hessian 2s²·MPM, and ZᵀMPMZ = (ZᵀMZ)² ≻ 0).
            var h = MPM(m, k);
            var c0 = new double[k];
            for (int i = 0; i < k; i++)
            {
                c0[i] = floor - wStar[i];
            }
            var hess = new double[k * k];
            var linear = new double[k];
            for (int i = 0; i < k; i++)
            {
                double hc = 0;
                for (int j = 0; j < k; j++)
                {
                    hess[(i * k) + j] = 2 * slack * slack * h[(i * k) + j];
                    hc += h[(i * k) + j] * c0[j];
                }
                linear[i] = -2 * slack * hc;
            }
            var start = new double[k];
            for (int i = 0; i < k; i++)
            {
                start[i] = (wStar[i] - floor) / slack;
            }
            var v = SimplexQuadraticProgram.Maximize(hess, linear, k, start).X;
            target = new double[k];
            for (int i = 0; i < k; i++)
            {
                target[i] = floor + (slack * v[i]);
            }
        }
        var delta = new double[k];
        for (int i = 0; i < k; i++)
        {
            double s = 0;
            for (int j = 0; j < k; j++)
            {
                s += m[(i * k) + j] * (target[j] - wStar[j]);
            }
            delta[i] = s / lambdaA;
        }
        ProjectToTangent(delta);
        var weights = Subsidised(game, delta);
        return new SubsidyResult(null, delta, weights, FloorMultipliers(m, k, lambdaA, delta, weights, threshold));
    }

    /// <summary>μ = (2/λ_A) P M δ + t1, with t making the smallest multiplier of a slack floor 0 (complementary slackness).</summary>
    private static double[] FloorMultipliers(double[] m, int k, double lambdaA, double[] delta, double[] weights, double threshold)
    {
        var mu = new double[k];
        for (int i = 0; i < k; i++)
        {
            double s = 0;
            for (int j = 0; j < k; j++)
            {
                s += m[(i * k) + j] * delta[j];
            }
            mu[i] = 2.0 * s / lambdaA;
        }
        ProjectToTangent(mu);
        double shift = double.PositiveInfinity;
        double tolerance = 1e-9;
        for (int i = 0; i < k; i++)
        {
            if (weights[i] > threshold + tolerance)
            {
                shift = Math.Min(shift, mu[i]);
            }
        }
        if (double.IsPositiveInfinity(shift))
        {
            shift = mu.Min();
        }
        for (int i = 0; i < k; i++)
        {
            mu[i] -= shift;
        }
        return mu;
    }

    private static double[] MPM(double[] m, int k)
    {
        // (M P M)ᵢⱼ = Σₗ Mᵢₗ Mₗⱼ − (M1)ᵢ (M1)ⱼ / K
        var row = new double[k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                row[i] += m[(i * k) + j];
            }
        }
        var h = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double s = 0;
                for (int l = 0; l < k; l++)
                {
                    s += m[(i * k) + l] * m[(l * k) + j];
                }
                h[(i * k) + j] = s - (row[i] * row[j] / k);
            }
        }
        return h;
    }

    internal static string? Unavailable(AlignmentGame game)
    {
        if (game.Coefficients.Attractiveness == 0)
        {
            return "λ_A = 0: attractiveness does not enter the utility, so no subsidy of it moves the equilibrium";
        }
        if (!game.IsOwnConcave)
        {
            return "own concavity fails: there is no certified equilibrium to steer";
        }
        return ClosedFormSolver.Solve(game).Status == ClosedFormStatus.Singular
            ? "ZᵀMZ is singular: the closed form does not determine the equilibrium"
            : null;
    }

    private static double[] Subsidised(AlignmentGame game, double[] delta)
    {
        var a = new double[game.Count];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = game.Attractiveness[i] + delta[i];
        }
        return ClosedFormSolver.Solve(game.WithAttractiveness(a)).Weights!.ToArray();
    }

    private static void ProjectToTangent(double[] v)
    {
        double mean = v.Average();
        for (int i = 0; i < v.Length; i++)
        {
            v[i] -= mean;
        }
    }
}

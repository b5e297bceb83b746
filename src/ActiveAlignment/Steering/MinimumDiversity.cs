using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Steering;

/// <summary>The smallest diversity coefficient that represents every group (MODEL.md §6), or why there is none.</summary>
public sealed class MinimumDiversityResult
{
    internal MinimumDiversityResult(double? value, bool alreadyRepresented, string reason, double[]? weights)
    {
        Value = value;
        AlreadyRepresented = alreadyRepresented;
        Reason = reason;
        Weights = weights;
    }

    /// <summary>The smallest λ_D ≥ the current one at which every group has weight ≥ τ at the interior equilibrium; null when unreachable.</summary>
    public double? Value { get; }

    /// <summary>True when the current λ_D already represents every group.</summary>
    public bool AlreadyRepresented { get; }

    /// <summary>One sentence: what was found, or why nothing was (always set).</summary>
    public string Reason { get; }

    /// <summary>The equilibrium weights at <see cref="Value"/>; null when unreachable.</summary>
    public IReadOnlyList<double>? Weights { get; }
}

/// <summary>Minimum diversity (MODEL.md §6): bracket on a scan of [current λ_D, maximum], then bisect to a relative 1e-10.</summary>
public static class MinimumDiversity
{
    private const int ScanPoints = 512;

    /// <summary>Finds the smallest λ_D ≥ the game's at which every group has weight ≥ τ at the homogeneous interior equilibrium.</summary>
    /// <param name="game">The game.</param>
    /// <param name="threshold">τ in (0, 1).</param>
    /// <param name="maximum">The largest λ_D to consider; ≥ the game's λ_D.</param>
    /// <returns>The value, or null with the reason (N = 1, own concavity fails, or unreachable up to the maximum and why).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is outside (0, 1), or <paramref name="maximum"/> is below the current λ_D or not finite.</exception>
    public static MinimumDiversityResult Find(AlignmentGame game, double threshold, double maximum)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        double current = game.Coefficients.Diversity;
        Preconditions.CheckFinite(maximum, nameof(maximum));
        if (maximum < current)
        {
            Preconditions.ThrowArgument(nameof(maximum), string.Create(CultureInfo.InvariantCulture,
                $"maximum = {maximum:R} is below the current diversity coefficient {current:R}; it must be at least that."));
        }
        if (game.Agents == 1)
        {
            return new MinimumDiversityResult(null, false, "N = 1: diversity has no effect (there is no other agent to differ from)", null);
        }
        if (!game.OwnConcavity.IsConcave)
        {
            return new MinimumDiversityResult(null, false, "own concavity fails: there is no certified equilibrium to steer", null);
        }
        var family = ClosedFormFamily.Create(game);
        var w = new double[game.Count];
        bool Represented(double d)
        {
            if (family.EvaluateCore(game.Coefficients.Attractiveness, game.Coefficients.Consistency, d, w) != ClosedFormStatus.Interior)
            {
                return false;
            }
            foreach (double x in w)
            {
                if (x < threshold)
                {
                    return false;
                }
            }
            return true;
        }
        if (Represented(current))
        {
            return new MinimumDiversityResult(current, true, string.Create(CultureInfo.InvariantCulture,
                $"every group already has weight at least {threshold:G4} at the current diversity {current:G6}"), w.ToArray());
        }
        double previous = current;
        for (int i = 1; i <= ScanPoints; i++)
        {
            double d = i == ScanPoints ? maximum : current + ((maximum - current) * i / ScanPoints);
            if (!Represented(d))
            {
                previous = d;
                continue;
            }
            double lo = previous, hi = d;
            while (hi - lo > 1e-10 * Math.Max(hi, 1e-300))
            {
                double mid = 0.5 * (lo + hi);
                if (mid <= lo || mid >= hi)
                {
                    break;
                }
                if (Represented(mid))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }
            Represented(hi);
            return new MinimumDiversityResult(hi, false, string.Create(CultureInfo.InvariantCulture,
                $"raising diversity from {current:G6} to {hi:G6} brings every group to at least {threshold:G4} (smallest weight {w.Min():G4})"), w.ToArray());
        }
        return new MinimumDiversityResult(null, false, Unreachable(game, threshold, maximum), null);
    }

    /// <summary>Explains unreachability through the λ_D → ∞ limit: the stationary point of ½wᵀSw on the affine hull.</summary>
    private static string Unreachable(AlignmentGame game, double threshold, double maximum)
    {
        var limit = new double[game.Count];
        string prefix = string.Create(CultureInfo.InvariantCulture, $"unreachable up to λ_max = {maximum:G6}");
        if (ClosedFormSolver.SolveCore(game, 0.0, 0.0, 1.0, limit, out _, out _) == ClosedFormStatus.Singular)
        {
            return prefix + ": ZᵀSZ is singular, so diversity alone does not pin the mixture down as λ_D grows";
        }
        int worst = 0;
        for (int k = 1; k < limit.Length; k++)
        {
            if (limit[k] < limit[worst])
            {
                worst = k;
            }
        }
        if (limit[worst] < threshold)
        {
            return prefix + string.Create(CultureInfo.InvariantCulture,
                $": the similarity kernel keeps {game.Subpopulations[worst].Name} below {threshold:G4} as λ_D grows (its weight tends to {limit[worst]:G4})");
        }
        return prefix + string.Create(CultureInfo.InvariantCulture,
            $"; as λ_D grows every weight tends to at least {limit[worst]:G4} ≥ {threshold:G4}, so a larger maximum would reach it");
    }
}

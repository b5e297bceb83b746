using System.Globalization;
using ActiveAlignment.Equilibria;
using MathNet.Numerics.LinearAlgebra;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Steering;

/// <summary>The smallest diversity coefficient that represents every group (docs/model.md#steering), or why there is none.</summary>
public sealed class MinimumDiversityResult
{
    internal MinimumDiversityResult(double? value, bool alreadyRepresented, string reason, double[]? weights,
        IReadOnlyList<(double From, double To)>? intervals = null)
    {
        Intervals = intervals ?? [];
        Value = value;
        Status = alreadyRepresented ? SteeringStatus.AlreadyRepresented : value is null ? SteeringStatus.NotFound : SteeringStatus.Found;
        Reason = reason;
        Weights = weights;
    }

    /// <summary>The smallest λ_D ≥ the current one at which every group has weight ≥ τ at the interior equilibrium; null when unreachable.</summary>
    public double? Value { get; }

    /// <summary>Found, already represented at today's λ_D, or not found (see <see cref="Reason"/>).</summary>
    public SteeringStatus Status { get; }

    /// <summary>True when the current λ_D already represents every group (<see cref="Status"/> is <see cref="SteeringStatus.AlreadyRepresented"/>).</summary>
    public bool AlreadyRepresented => Status == SteeringStatus.AlreadyRepresented;

    /// <summary>One sentence: what was found, or why nothing was (always set).</summary>
    public string Reason { get; }

    /// <summary>The equilibrium weights at <see cref="Value"/>; null when unreachable.</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>
    /// Every interval of [current λ_D, maximum] on which every group has weight ≥ τ at the interior equilibrium, in order
    /// (empty when unreachable). Its endpoints are breakpoints computed as generalised eigenvalues, refined by bisection.
    /// </summary>
    public IReadOnlyList<(double From, double To)> Intervals { get; }

    /// <summary>The one-sentence <see cref="Reason"/>.</summary>
    public override string ToString() => Reason;
}

/// <summary>
/// Minimum diversity (docs/model.md#steering), exact and complete. Along λ_D = t every weight of the closed form is a rational
/// function of t, so the set {t : every wₖ(t) ≥ τ} is a finite union of intervals whose endpoints are among: the poles (t
/// where the bordered matrix [M(t) 1; 1ᵀ 0] is singular) and, for each group k, the t where wₖ(t) = τ. Both are the
/// generalised eigenvalues of a matrix pencil A₀ + tA₁ (for the crossings, the bordered system with the extra row
/// eₖᵀw = τ, homogenised), computed as t = t₀ − 1/ξ from the eigenvalues ξ of A(t₀)⁻¹A₁ (MathNet). Between consecutive
/// breakpoints the answer cannot change, so one closed-form evaluation per piece classifies it; each endpoint is then refined
/// by bisection on the classification itself. Nothing can be stepped over, unlike a scan.
/// </summary>
public static class MinimumDiversity
{
    /// <summary>Finds the smallest λ_D ≥ the game's at which every group has weight ≥ τ at the homogeneous interior equilibrium.</summary>
    /// <param name="game">The game.</param>
    /// <param name="threshold">τ in (0, 1).</param>
    /// <param name="maximum">The largest λ_D to consider; ≥ the game's λ_D.</param>
    /// <returns>The value and every feasible interval, or null with the reason (N = 1, own concavity fails, τ &gt; 1/K, or
    /// unreachable up to the maximum and why).</returns>
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
        if (!game.IsOwnConcave)
        {
            return new MinimumDiversityResult(null, false, "own concavity fails: there is no certified equilibrium to steer", null);
        }
        if (threshold * game.Count > 1)
        {
            return new MinimumDiversityResult(null, false, string.Create(CultureInfo.InvariantCulture,
                $"unreachable at any λ_D: τ = {threshold:G4} > 1/K = {1.0 / game.Count:G4}, and {game.Count} weights summing to 1 cannot all be ≥ τ"), null);
        }
        var w = new double[game.Count];
        bool Represented(double d)
        {
            if (ClosedFormSolver.SolveCore(game, game.Coefficients.Attractiveness, game.Coefficients.Consistency, d, w, out _, out _)
                != ClosedFormStatus.Interior)
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
        var points = new List<double> { current };
        foreach (double t in Breakpoints(game, threshold, current, maximum))
        {
            points.Add(t);
        }
        points.Add(maximum);
        points.Sort();
        // Classify each piece between consecutive breakpoints by its midpoint, and the breakpoints themselves.
        var intervals = new List<(double From, double To)>();
        double? openFrom = null;
        double lastFeasible = current;
        void Visit(double t, bool feasible)
        {
            if (feasible)
            {
                openFrom ??= t;
                lastFeasible = t;
            }
            else if (openFrom is double from)
            {
                intervals.Add((from, lastFeasible));
                openFrom = null;
            }
        }
        // A change of class between two classified points lies between them: refine it on the classification itself.
        void Transition(double lo, bool loFeasible, double hi, bool hiFeasible)
        {
            if (loFeasible == hiFeasible)
            {
                return;
            }
            double edge = Refine(lo, hi, loFeasible, Represented);
            if (!hiFeasible)
            {
                Visit(Refine(lo, hi, loFeasible, Represented, feasibleSide: true), true);
            }
            Visit(edge, hiFeasible);
        }
        double previous = current;
        bool previousFeasible = Represented(current);
        Visit(current, previousFeasible);
        foreach (double t in points)
        {
            if (!(t > previous))
            {
                continue;
            }
            double mid = previous + (0.5 * (t - previous));
            bool midFeasible = Represented(mid);
            Transition(previous, previousFeasible, mid, midFeasible);
            Visit(mid, midFeasible);
            bool endFeasible = Represented(t);
            Transition(mid, midFeasible, t, endFeasible);
            Visit(t, endFeasible);
            previous = t;
            previousFeasible = endFeasible;
        }
        if (openFrom is double open)
        {
            intervals.Add((open, lastFeasible));
        }
        if (intervals.Count == 0)
        {
            return new MinimumDiversityResult(null, false, Unreachable(game, threshold, maximum), null);
        }
        double value = intervals[0].From;
        Represented(value);
        bool already = value == current;
        string listed = intervals.Count == 1 ? string.Empty : string.Create(CultureInfo.InvariantCulture,
            $"; every group is represented on {intervals.Count} intervals: {string.Join(", ", intervals.Select(x => $"[{x.From:G6}, {x.To:G6}]"))}");
        string reason = already
            ? string.Create(CultureInfo.InvariantCulture, $"every group already has weight at least {threshold:G4} at the current diversity {current:G6}{listed}")
            : string.Create(CultureInfo.InvariantCulture,
                $"raising diversity from {current:G6} to {value:G6} brings every group to at least {threshold:G4} (smallest weight {w.Min():G4}){listed}");
        return new MinimumDiversityResult(value, already, reason, w.ToArray(), intervals);
    }

    /// <summary>
    /// The boundary between <paramref name="lo"/> (classified <paramref name="loFeasible"/>) and <paramref name="hi"/> (the
    /// other class), by bisection to adjacent doubles or relative 1e-15: the first point of the <paramref name="hi"/> side,
    /// or with <paramref name="feasibleSide"/> the last point of the <paramref name="lo"/> side.
    /// </summary>
    private static double Refine(double lo, double hi, bool loFeasible, Func<double, bool> represented, bool feasibleSide = false)
    {
        while (hi - lo > 1e-15 * Math.Abs(hi))
        {
            double mid = lo + (0.5 * (hi - lo));
            if (mid <= lo || mid >= hi)
            {
                break;
            }
            if (represented(mid) == loFeasible)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return feasibleSide ? lo : hi;
    }

    /// <summary>
    /// Candidate breakpoints in (current, maximum): generalised eigenvalues of the pole pencil and of each group's crossing
    /// pencil. Real parts of nearly real eigenvalues are kept too (a spurious candidate costs one evaluation; a missed one
    /// could hide an interval).
    /// </summary>
    private static List<double> Breakpoints(AlignmentGame game, double threshold, double current, double maximum)
    {
        int k = game.Count;
        var result = new List<double>();
        var m0 = new double[k * k];
        var s = game.Similarity;
        double lambdaA = game.Coefficients.Attractiveness, lambdaC = game.Coefficients.Consistency;
        // Pencils are factorised at a shift t₀ inside the range where the matrix is regular.
        double span = Math.Max(maximum - current, Math.Max(Math.Abs(current), 1e-300));
        double[] shifts = [current + (0.3183098861837907 * span), current + (0.7071067811865476 * span), current + (1.6180339887498949 * span), current + (0.1 * span) + 1];
        foreach (int target in Enumerable.Range(-1, k + 1))
        {
            int n = target < 0 ? k + 1 : k + 2;
            foreach (double t0 in shifts)
            {
                game.FillInteractionMatrix(lambdaC, t0, m0);
                var a0 = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
                var a1 = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
                for (int i = 0; i < k; i++)
                {
                    for (int j = 0; j < k; j++)
                    {
                        a0[i, j] = m0[(i * k) + j];
                        a1[i, j] = s[i, j];
                    }
                    a0[i, k] = 1;
                    a0[k, i] = 1;
                }
                if (target >= 0)
                {
                    // Homogenised: [M 1 −b; 1ᵀ 0 −1; eₖᵀ 0 −τ][w; ν; σ] = 0.
                    for (int i = 0; i < k; i++)
                    {
                        a0[i, k + 1] = -lambdaA * game.Attractiveness[i];
                    }
                    a0[k, k + 1] = -1;
                    a0[k + 1, target] = 1;
                    a0[k + 1, k + 1] = -threshold;
                }
                var lu = a0.LU();
                var solved = lu.Solve(a1);
                if (!solved.ForAll(double.IsFinite) || Math.Abs(lu.Determinant) == 0)
                {
                    continue;
                }
                MathNet.Numerics.LinearAlgebra.Factorization.Evd<double> evd;
                try
                {
                    evd = solved.Evd();
                }
                catch (Exception e) when (e is ArithmeticException or IndexOutOfRangeException or ArgumentException)
                {
                    continue;
                }
                foreach (var xi in evd.EigenValues)
                {
                    double magnitude = xi.Magnitude;
                    if (!(magnitude > 0) || Math.Abs(xi.Imaginary) > 1e-3 * magnitude)
                    {
                        continue;
                    }
                    double t = t0 - (1 / xi.Real);
                    if (t > current && t < maximum)
                    {
                        result.Add(t);
                    }
                }
                break;
            }
        }
        return result;
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

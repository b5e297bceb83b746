using Vector = System.Numerics.Vector;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;
using MathNet.Numerics.LinearAlgebra;

using Layout = ActiveAlignment.Sweeps.SweepCounters.Layout;

namespace ActiveAlignment.Equilibria;

/// <summary>
/// The closed form of docs/model.md#closed-form prepared for many coefficient triples (λ_A, λ_C, λ_D) of one game: the hot path of the
/// exclusion sweeps. ZᵀMZ = 2λ_C Ĉ + λ_D Ŝ with Ĉ = ZᵀCZ, Ŝ = ZᵀSZ. When Ŝ ≻ 0 (or else Ĉ ≻ 0), a generalised symmetric
/// eigendecomposition done once at set-up (MathNet Cholesky + symmetric eigen), VᵀŜV = I and VᵀĈV = Λ, makes every solve
/// diagonal: z = (λ_A Vᵀâ − 2λ_C Vᵀĉ − λ_D Vᵀŝ) / (2λ_C Λ + λ_D) and w* = 1/K + (ZV) z, with â = Zᵀa, ĉ = ZᵀC1/K,
/// ŝ = ZᵀS1/K. A point then costs O(K) for one weight and O(K²) for all of them, allocation-free. Without such structure
/// every point is factorised afresh (as <see cref="ClosedFormSolver"/> does).
/// </summary>
/// <remarks>
/// On the diagonal path a point is singular when min|dⱼ| &lt; 1e-12·max|dⱼ| for the pencil eigenvalues dⱼ = 2λ_C μᶜⱼ + λ_D μˢⱼ
/// (for S = I these are the eigenvalues of ZᵀMZ: the 2-norm reciprocal condition number). Thread-safe: instances are immutable.
/// </remarks>
public sealed class ClosedFormFamily
{
    private const double SingularThreshold = Tolerances.SingularReciprocalCondition;

    private readonly AlignmentGame _game;
    private readonly int _k;
    private readonly double[]? _basis;   // W = Z V, K × (K−1) row-major
    private readonly double[]? _muC;     // pencil eigenvalues of Ĉ
    private readonly double[]? _muS;     // pencil eigenvalues of Ŝ
    private readonly double[]? _alpha;   // Vᵀ Zᵀ a
    private readonly double[]? _gamma;   // Vᵀ Zᵀ C 1/K
    private readonly double[]? _sigma;   // Vᵀ Zᵀ S 1/K
    private readonly bool _notConcaveWhenConsistencyPositive;

    private ClosedFormFamily(AlignmentGame game)
    {
        _game = game;
        _k = game.Count;
        var structure = game.Structure;
        _notConcaveWhenConsistencyPositive = !structure.ConcaveOnSimplex;
        int m = _k - 1;
        double[] v;
        double[] lambda;
        bool metricIsS;
        if (m <= SymmetricEigen.JacobiLimit)
        {
            if (!SmallPencil(structure, m, out v, out lambda, out metricIsS))
            {
                return; // no structure: per-point factorisation
            }
        }
        else
        {
            var reducedC = Matrix<double>.Build.Dense(m, m, (i, j) => structure.ReducedInconsistency[(i * m) + j]);
            var reducedS = Matrix<double>.Build.Dense(m, m, (i, j) => structure.ReducedSimilarity[(i * m) + j]);
            // Prefer Ŝ as the metric (the usual case S = I); otherwise Ĉ. Symmetrise the rounding of the Householder products.
            Matrix<double>? metric = null, other = null;
            metricIsS = true;
            if (TryPositiveDefinite(reducedS, out var cholS))
            {
                metric = cholS;
                other = reducedC;
            }
            else if (TryPositiveDefinite(reducedC, out var cholC))
            {
                metric = cholC;
                other = reducedS;
                metricIsS = false;
            }
            if (metric is null || other is null)
            {
                return; // no structure: per-point factorisation
            }
            // metric = L (lower Cholesky factor). A' = L⁻¹ other L⁻ᵀ = Q Λ Qᵀ; V = L⁻ᵀ Q.
            var lInverse = metric.Inverse();
            var sym = lInverse * other * lInverse.Transpose();
            sym = 0.5 * (sym + sym.Transpose());
            var evd = sym.Evd(Symmetricity.Symmetric);
            v = (lInverse.Transpose() * evd.EigenVectors).ToRowMajorArray();
            lambda = evd.EigenValues.Real().ToArray();
        }
        _muC = metricIsS ? lambda : Enumerable.Repeat(1.0, m).ToArray();
        _muS = metricIsS ? Enumerable.Repeat(1.0, m).ToArray() : lambda;

        var frame = new SimplexFrame(_k);
        _basis = new double[_k * m];
        var column = new double[m];
        var expanded = new double[_k];
        for (int j = 0; j < m; j++)
        {
            for (int i = 0; i < m; i++)
            {
                column[i] = v[(i * m) + j];
            }
            frame.Expand(column, 0.0, expanded);
            for (int i = 0; i < _k; i++)
            {
                _basis[(i * m) + j] = expanded[i];
            }
        }
        var reducedA = new double[m];
        frame.ReduceVector(game.Attractiveness, reducedA);
        var uniform = Enumerable.Repeat(1.0 / _k, _k).ToArray();
        var cTimesUniform = new double[_k];
        var sTimesUniform = new double[_k];
        game.Inconsistency.Multiply(uniform, cTimesUniform);
        game.Similarity.Multiply(uniform, sTimesUniform);
        var reducedCu = new double[m];
        var reducedSu = new double[m];
        frame.ReduceVector(cTimesUniform, reducedCu);
        frame.ReduceVector(sTimesUniform, reducedSu);
        _alpha = TransposeTimes(v, reducedA);
        _gamma = TransposeTimes(v, reducedCu);
        _sigma = TransposeTimes(v, reducedSu);
    }

    /// <summary>Prepares the family for a game (O(K³) set-up).</summary>
    /// <param name="game">The game; its own coefficients are ignored by <see cref="Evaluate"/>, apart from N (λ_D = 0 when N = 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static ClosedFormFamily Create(AlignmentGame game) => new(Preconditions.CheckNotNull(game));

    /// <summary>The game the family was prepared for.</summary>
    public AlignmentGame Game => _game;

    /// <summary>True when the diagonal (generalised-eigen) path applies; false when each point is factorised afresh.</summary>
    public bool IsDiagonal => _basis is not null;

    /// <summary>
    /// The closed-form candidate for the given coefficients, written into <paramref name="weights"/>; the classification of
    /// docs/model.md#closed-form. Allocation-free. λ_D is taken as 0 when the game has N = 1.
    /// </summary>
    /// <param name="coefficients">(λ_A, λ_C, λ_D).</param>
    /// <param name="weights">Receives w* (length K); unspecified when the status is Singular.</param>
    /// <returns>The classification.</returns>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not have length K.</exception>
    public ClosedFormStatus Evaluate(in IncentiveCoefficients coefficients, Span<double> weights)
    {
        Preconditions.CheckLength(weights.Length, _k, nameof(weights), "subpopulations");
        return EvaluateCore(coefficients.Attractiveness, coefficients.Consistency, coefficients.Diversity, weights);
    }

    internal ClosedFormStatus EvaluateCore(double lambdaA, double lambdaC, double lambdaD, Span<double> weights)
    {
        if (_game.Agents == 1)
        {
            lambdaD = 0;
        }
        if (_basis is null)
        {
            return ClosedFormSolver.SolveCore(_game, lambdaA, lambdaC, lambdaD, weights, out _, out _);
        }
        int m = _k - 1;
        Span<double> z = m <= 256 ? stackalloc double[m] : new double[m];
        if (!Coordinates(lambdaA, lambdaC, lambdaD, z))
        {
            return ClosedFormStatus.Singular;
        }
        double offset = 1.0 / _k;
        ReadOnlySpan<double> basis = _basis;
        bool positive = true;
        for (int i = 0; i < _k; i++)
        {
            ReadOnlySpan<double> row = basis.Slice(i * m, m);
            double sum = offset;
            for (int j = 0; j < m; j++)
            {
                sum += row[j] * z[j];
            }
            weights[i] = sum;
            positive &= sum > 0;
        }
        if (lambdaC > 0 && _notConcaveWhenConsistencyPositive)
        {
            return ClosedFormStatus.NotConcave;
        }
        return positive ? ClosedFormStatus.Interior : ClosedFormStatus.NoInterior;
    }

    /// <summary>
    /// The stability label of the interior homogeneous equilibrium at these coefficients (docs/model.md#maps-and-steering), as a sweep counts
    /// it: <see cref="Learning.StabilityLabel.Stable"/> when both A₊ = 2λ_C ZᵀCZ + λ_D ZᵀSZ and A₋ = 2λ_C ZᵀCZ − λ_D ZᵀSZ/(N−1)
    /// are positive definite beyond <see cref="Tolerances.PositiveDefiniteRelative"/> times their largest |eigenvalue|,
    /// <see cref="Learning.StabilityLabel.Unstable"/> when either has an eigenvalue below minus that, degenerate otherwise.
    /// It does not depend on λ_A, and it describes an equilibrium only where the closed form is interior.
    /// </summary>
    /// <param name="coefficients">(λ_A, λ_C, λ_D).</param>
    /// <returns>The label.</returns>
    public Learning.StabilityLabel InteriorStability(in IncentiveCoefficients coefficients)
        => StabilityAt(coefficients.Consistency, coefficients.Diversity) switch
        {
            > 0 => Learning.StabilityLabel.Stable,
            < 0 => Learning.StabilityLabel.Unstable,
            _ => Learning.StabilityLabel.Degenerate,
        };

    /// <summary>
    /// The stability of an interior homogeneous equilibrium at (λ_C, λ_D) (docs/model.md#maps-and-steering): +1 stable (both A₊ =
    /// 2λ_C ZᵀCZ + λ_D ZᵀSZ and A₋ = 2λ_C ZᵀCZ − λ_D ZᵀSZ/(N−1) positive definite beyond the tolerance), −1 unstable (either has
    /// an eigenvalue below minus the tolerance), 0 within the tolerance. On the diagonal path the pencil's congruence VᵀA±V =
    /// diag(2λ_C μᶜ ± γ μˢ) gives the inertia in O(K), with the same operations as the sweep's SIMD lanes; otherwise both
    /// matrices are factorised. The tolerance is <see cref="Tolerances.PositiveDefiniteRelative"/> times the largest |eigenvalue|.
    /// </summary>
    internal int StabilityAt(double lambdaC, double lambdaD)
    {
        bool single = _game.Agents == 1;
        if (single)
        {
            lambdaD = 0;
        }
        double beta = single ? 0.0 : lambdaD / (_game.Agents - 1);
        int m = _k - 1;
        if (_basis is not null)
        {
            double twoLc = lambdaC + lambdaC;
            double plusMin = double.PositiveInfinity, minusMin = double.PositiveInfinity, max = 0;
            for (int j = 0; j < m; j++)
            {
                double c = twoLc * _muC![j];
                double plus = c + (lambdaD * _muS![j]);
                double minus = single ? double.PositiveInfinity : c - (beta * _muS[j]);
                plusMin = Math.Min(plusMin, plus);
                minusMin = Math.Min(minusMin, minus);
                max = Math.Max(max, Math.Max(Math.Abs(plus), single ? 0.0 : Math.Abs(minus)));
            }
            double tolerance = Tolerances.PositiveDefiniteRelative * max;
            return plusMin > tolerance && minusMin > tolerance ? 1 : plusMin < -tolerance || minusMin < -tolerance ? -1 : 0;
        }
        var structure = _game.Structure;
        int worst = 1;
        foreach (double gamma in single ? new[] { lambdaD } : new[] { lambdaD, -beta })
        {
            var a = new double[m * m];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = (2.0 * lambdaC * structure.ReducedInconsistency[i]) + (gamma * structure.ReducedSimilarity[i]);
            }
            double scale = (2.0 * Math.Abs(lambdaC) * _game.Inconsistency.MaxAbs) + (Math.Abs(gamma) * _game.Similarity.MaxAbs);
            if (UniquenessReport.IsPositiveDefinite(a, 1.0, a, 0.0, m, scale))
            {
                continue;
            }
            double min = SymmetricEigen.MinEigenvalue((i, j) => a[(i * m) + j], m);
            worst = min < -UniquenessReport.PivotFloor(Kernels.MaxAbs(a), scale, _k) ? -1 : Math.Min(worst, 0);
            if (worst < 0)
            {
                return -1;
            }
        }
        return worst;
    }

    /// <summary>
    /// A whole row of a sweep: the coefficient named by <paramref name="xAxis"/> takes each value of <paramref name="xs"/>, the
    /// other two are fixed. On the diagonal path the points are evaluated <c>Vector&lt;double&gt;.Count</c> at a time (SIMD), in
    /// the same order of operations as <see cref="EvaluateCore"/>, so the results are identical to point-by-point evaluation.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void EvaluateRow(double lambdaA, double lambdaC, double lambdaD, CoefficientAxis xAxis, ReadOnlySpan<double> xs,
        Span<double> weights, Span<ClosedFormStatus> statuses)
        => Row(lambdaA, lambdaC, lambdaD, xAxis, xs, weights, statuses, 0.0, default);

    /// <summary>
    /// Counts one row of a sweep without writing its weights: the counters of a sweep row (per group: excluded among the
    /// interior points; then any group, interior, no interior, singular, not concave) are incremented exactly as
    /// <see cref="EvaluateRow"/> followed by a comparison of every weight with <paramref name="threshold"/> would, lane by
    /// lane in SIMD registers.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal void CountRow(double lambdaA, double lambdaC, double lambdaD, CoefficientAxis xAxis, ReadOnlySpan<double> xs, double threshold,
        Span<long> counters)
        => Row(lambdaA, lambdaC, lambdaD, xAxis, xs, default, default, threshold, counters);

    /// <summary>
    /// One row of a sweep, a SIMD lane per grid point: with <paramref name="counters"/> empty, every point's weights and
    /// status are written (<see cref="EvaluateRow"/>); otherwise only the counts are kept, in registers (<see cref="CountRow"/>).
    /// The arithmetic is the same in both, so the counts equal those of the written weights.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Row(double lambdaA, double lambdaC, double lambdaD, CoefficientAxis xAxis, ReadOnlySpan<double> xs, Span<double> weights,
        Span<ClosedFormStatus> statuses, double threshold, Span<long> counters)
    {
        int k = _k, m = k - 1, nx = xs.Length, width = System.Numerics.Vector<double>.Count;
        bool single = _game.Agents == 1, counting = !counters.IsEmpty;
        int i = 0;
        if (_basis is not null && m <= 64)
        {
            ReadOnlySpan<double> muC = _muC, muS = _muS, alpha = _alpha, gamma = _gamma, sigma = _sigma, basis = _basis;
            Span<double> z = stackalloc double[m * width];
            Span<System.Numerics.Vector<long>> below = stackalloc System.Numerics.Vector<long>[k];
            Span<System.Numerics.Vector<long>> excluded = stackalloc System.Numerics.Vector<long>[k];
            Span<System.Numerics.Vector<long>> stableExcluded = stackalloc System.Numerics.Vector<long>[k];
            excluded.Clear();
            stableExcluded.Clear();
            var agentsLessOne = new System.Numerics.Vector<double>(Math.Max(1, _game.Agents - 1));
            var positiveDefinite = new System.Numerics.Vector<double>(Tolerances.PositiveDefiniteRelative);
            var anyCount = System.Numerics.Vector<long>.Zero;
            var stableAnyCount = anyCount;
            var stableCount = anyCount;
            var unstableCount = anyCount;
            var interiorCount = anyCount;
            var noInteriorCount = anyCount;
            var singularCount = anyCount;
            var notConcaveCount = anyCount;
            var offset = new System.Numerics.Vector<double>(1.0 / k);
            var singularThreshold = new System.Numerics.Vector<double>(SingularThreshold);
            var tau = new System.Numerics.Vector<double>(threshold);
            var zero = System.Numerics.Vector<double>.Zero;
            for (; i + width <= nx; i += width)
            {
                var x = new System.Numerics.Vector<double>(xs.Slice(i, width));
                var la = xAxis == CoefficientAxis.Attractiveness ? x : new System.Numerics.Vector<double>(lambdaA);
                var lc = xAxis == CoefficientAxis.Consistency ? x : new System.Numerics.Vector<double>(lambdaC);
                var ld = single ? zero : xAxis == CoefficientAxis.Diversity ? x : new System.Numerics.Vector<double>(lambdaD);
                var twoLc = lc + lc;
                var dMin = new System.Numerics.Vector<double>(double.PositiveInfinity);
                var dMax = zero;
                var plusMin = dMin;
                var minusMin = dMin;
                var stabilityMax = zero;
                var beta = single ? zero : ld / agentsLessOne;
                for (int j = 0; j < m; j++)
                {
                    var c = twoLc * muC[j];
                    var d = c + (ld * muS[j]);
                    var ad = Vector.Abs(d);
                    dMin = Vector.Min(dMin, ad);
                    dMax = Vector.Max(dMax, ad);
                    if (counting)
                    {
                        plusMin = Vector.Min(plusMin, d);
                        stabilityMax = Vector.Max(stabilityMax, ad);
                        if (!single)
                        {
                            var minus = c - (beta * muS[j]);
                            minusMin = Vector.Min(minusMin, minus);
                            stabilityMax = Vector.Max(stabilityMax, Vector.Abs(minus));
                        }
                    }
                    (((la * alpha[j]) - (twoLc * gamma[j]) - (ld * sigma[j])) / d).CopyTo(z.Slice(j * width, width));
                }
                var minW = new System.Numerics.Vector<double>(double.PositiveInfinity);
                for (int r = 0; r < k; r++)
                {
                    ReadOnlySpan<double> row = basis.Slice(r * m, m);
                    var sum = offset;
                    for (int j = 0; j < m; j++)
                    {
                        sum += new System.Numerics.Vector<double>(z.Slice(j * width, width)) * row[j];
                    }
                    minW = Vector.Min(minW, sum);
                    if (counting)
                    {
                        below[r] = Vector.LessThan(sum, tau);
                    }
                    else
                    {
                        for (int l = 0; l < width; l++)
                        {
                            weights[((i + l) * k) + r] = sum[l];
                        }
                    }
                }
                var regular = Vector.GreaterThanOrEqual(dMin, singularThreshold * dMax) & Vector.GreaterThan(dMax, zero);
                if (!counting)
                {
                    for (int l = 0; l < width; l++)
                    {
                        statuses[i + l] = regular[l] == 0 ? ClosedFormStatus.Singular
                            : lc[l] > 0 && _notConcaveWhenConsistencyPositive ? ClosedFormStatus.NotConcave
                            : minW[l] > 0 ? ClosedFormStatus.Interior : ClosedFormStatus.NoInterior;
                    }
                    continue;
                }
                var notConcave = _notConcaveWhenConsistencyPositive ? regular & Vector.GreaterThan(lc, zero) : System.Numerics.Vector<long>.Zero;
                var decided = regular & ~notConcave;
                var positive = Vector.GreaterThan(minW, zero);
                var interior = decided & positive;
                var stabilityTolerance = stabilityMax * positiveDefinite;
                var stable = interior & Vector.GreaterThan(plusMin, stabilityTolerance) & Vector.GreaterThan(minusMin, stabilityTolerance);
                var unstable = interior & (Vector.LessThan(plusMin, -stabilityTolerance) | Vector.LessThan(minusMin, -stabilityTolerance));
                var any = System.Numerics.Vector<long>.Zero;
                var stableAny = any;
                for (int r = 0; r < k; r++)
                {
                    var e = below[r] & interior;
                    excluded[r] -= e; // a true lane is −1
                    stableExcluded[r] -= e & stable;
                    any |= e;
                }
                stableAnyCount -= any & stable;
                stableCount -= stable;
                unstableCount -= unstable;
                anyCount -= any;
                interiorCount -= interior;
                noInteriorCount -= decided & ~positive;
                singularCount -= ~regular;
                notConcaveCount -= notConcave;
            }
            if (counting)
            {
                for (int r = 0; r < k; r++)
                {
                    counters[r] += Vector.Sum(excluded[r]);
                }
                counters[Layout.Any(k)] += Vector.Sum(anyCount);
                counters[Layout.Interior(k)] += Vector.Sum(interiorCount);
                counters[Layout.NoInterior(k)] += Vector.Sum(noInteriorCount);
                counters[Layout.Singular(k)] += Vector.Sum(singularCount);
                counters[Layout.NotConcave(k)] += Vector.Sum(notConcaveCount);
                int o = Layout.Stability(k);
                for (int r = 0; r < k; r++)
                {
                    counters[o + r] += Vector.Sum(stableExcluded[r]);
                }
                counters[Layout.StableAny(k)] += Vector.Sum(stableAnyCount);
                counters[Layout.Unstable(k)] += Vector.Sum(unstableCount);
                counters[Layout.Stable(k)] += Vector.Sum(stableCount);
            }
        }
        Span<double> lambda = [lambdaA, lambdaC, lambdaD];
        Span<double> w = counting ? (k <= 256 ? stackalloc double[k] : new double[k]) : default;
        for (; i < nx; i++)
        {
            lambda[(int)xAxis] = xs[i];
            if (counting)
            {
                var status = EvaluateCore(lambda[0], lambda[1], lambda[2], w);
                CountPoint(status, w, threshold, counters, status == ClosedFormStatus.Interior ? StabilityAt(lambda[1], lambda[2]) : 0);
            }
            else
            {
                statuses[i] = EvaluateCore(lambda[0], lambda[1], lambda[2], weights.Slice(i * k, k));
            }
        }
    }

    /// <summary>
    /// Adds one point to a sweep row's counters (the layout of <see cref="CountRow"/>); <paramref name="stability"/> is the
    /// interior point's <see cref="StabilityAt"/> (+1 stable, −1 unstable, 0 neither).
    /// </summary>
    internal static void CountPoint(ClosedFormStatus status, ReadOnlySpan<double> w, double threshold, Span<long> counters, int stability)
    {
        int k = w.Length, o = Layout.Stability(k);
        switch (status)
        {
            case ClosedFormStatus.Interior:
                counters[Layout.Interior(k)]++;
                bool any = false;
                for (int g = 0; g < k; g++)
                {
                    if (w[g] < threshold)
                    {
                        counters[g]++;
                        any = true;
                        if (stability > 0)
                        {
                            counters[o + g]++;
                        }
                    }
                }
                if (any)
                {
                    counters[Layout.Any(k)]++;
                    if (stability > 0)
                    {
                        counters[Layout.StableAny(k)]++;
                    }
                }
                if (stability < 0)
                {
                    counters[Layout.Unstable(k)]++;
                }
                else if (stability > 0)
                {
                    counters[Layout.Stable(k)]++;
                }
                break;
            case ClosedFormStatus.NoInterior:
                counters[Layout.NoInterior(k)]++;
                break;
            case ClosedFormStatus.Singular:
                counters[Layout.Singular(k)]++;
                break;
            default:
                counters[Layout.NotConcave(k)]++;
                break;
        }
    }

    /// <summary>
    /// One weight w*ₖ of the closed-form candidate in O(K) on the diagonal path (O(K³) otherwise); NaN when the point is
    /// singular. The candidate is classified only by <see cref="Evaluate"/>, which needs every weight.
    /// </summary>
    /// <param name="coefficients">(λ_A, λ_C, λ_D).</param>
    /// <param name="subpopulation">The index k, 0 ≤ k &lt; K.</param>
    /// <returns>w*ₖ, or NaN at a singular point.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="subpopulation"/> is outside [0, K).</exception>
    public double EvaluateWeight(in IncentiveCoefficients coefficients, int subpopulation)
    {
        if ((uint)subpopulation >= (uint)_k)
        {
            throw new ArgumentOutOfRangeException(nameof(subpopulation), subpopulation, $"subpopulation must lie in [0, {_k - 1}].");
        }
        double lambdaD = _game.Agents == 1 ? 0 : coefficients.Diversity;
        if (_basis is null)
        {
            Span<double> all = _k <= 256 ? stackalloc double[_k] : new double[_k];
            return ClosedFormSolver.SolveCore(_game, coefficients.Attractiveness, coefficients.Consistency, lambdaD, all, out _, out _)
                == ClosedFormStatus.Singular ? double.NaN : all[subpopulation];
        }
        int m = _k - 1;
        double lambdaA = coefficients.Attractiveness, twoLc = 2.0 * coefficients.Consistency;
        ReadOnlySpan<double> row = _basis.AsSpan(subpopulation * m, m);
        double sum = 1.0 / _k, dMin = double.PositiveInfinity, dMax = 0;
        for (int j = 0; j < m; j++)
        {
            double d = (twoLc * _muC![j]) + (lambdaD * _muS![j]);
            double ad = Math.Abs(d);
            dMin = Math.Min(dMin, ad);
            dMax = Math.Max(dMax, ad);
            sum += row[j] * (((lambdaA * _alpha![j]) - (twoLc * _gamma![j]) - (lambdaD * _sigma![j])) / d);
        }
        return dMin >= SingularThreshold * dMax && dMax > 0 ? sum : double.NaN;
    }

    private bool Coordinates(double lambdaA, double lambdaC, double lambdaD, Span<double> z)
    {
        int m = _k - 1;
        double twoLc = 2.0 * lambdaC;
        double dMin = double.PositiveInfinity, dMax = 0;
        for (int j = 0; j < m; j++)
        {
            double d = (twoLc * _muC![j]) + (lambdaD * _muS![j]);
            double ad = Math.Abs(d);
            dMin = Math.Min(dMin, ad);
            dMax = Math.Max(dMax, ad);
            z[j] = ((lambdaA * _alpha![j]) - (twoLc * _gamma![j]) - (lambdaD * _sigma![j])) / d;
        }
        return dMax > 0 && dMin >= SingularThreshold * dMax;
    }

    /// <summary>
    /// The pencil's eigenvectors V (row-major, m×m) and eigenvalues for m ≤ <see cref="SymmetricEigen.JacobiLimit"/>, with the
    /// same choice of metric as the MathNet path: L the Cholesky factor of the metric, Q Λ Qᵀ = L⁻¹ other L⁻ᵀ (cyclic Jacobi),
    /// V = L⁻ᵀ Q. When the metric is exactly the identity (S = I, the usual case) L = I and no inverse is formed.
    /// </summary>
    private static bool SmallPencil(Internal.GameStructure structure, int m, out double[] v, out double[] lambda, out bool metricIsS)
    {
        v = null!;
        lambda = null!;
        var c = Symmetrised(structure.ReducedInconsistency, m);
        var s = structure.SimilarityIsIdentity ? null : Symmetrised(structure.ReducedSimilarity, m);
        double[] other;
        double[]? lower = null;
        metricIsS = true;
        if (s is null)
        {
            other = c;
        }
        else if (FactorIfPositiveDefinite(s, m) is { } ls)
        {
            lower = ls;
            other = c;
        }
        else if (FactorIfPositiveDefinite(c, m) is { } lc)
        {
            lower = lc;
            other = s;
            metricIsS = false;
        }
        else
        {
            return false;
        }
        double[] sym;
        double[]? inverse = null;
        if (lower is null)
        {
            sym = (double[])other.Clone();
        }
        else
        {
            inverse = LowerInverse(lower, m);
            var half = Multiply(inverse, other, m, transposeRight: false);
            sym = Multiply(half, inverse, m, transposeRight: true);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    double mean = 0.5 * (sym[(i * m) + j] + sym[(j * m) + i]);
                    sym[(i * m) + j] = sym[(j * m) + i] = mean;
                }
            }
        }
        var q = new double[m * m];
        var values = SymmetricEigen.Jacobi(sym, m, q);
        if (values is null)
        {
            return false;
        }
        lambda = values;
        if (inverse is null)
        {
            v = q;
            return true;
        }
        // V = L⁻ᵀ Q: (L⁻ᵀ)ᵢₗ = (L⁻¹)ₗᵢ.
        v = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int l = 0; l < m; l++)
            {
                double x = inverse[(l * m) + i];
                if (x != 0)
                {
                    for (int j = 0; j < m; j++)
                    {
                        v[(i * m) + j] += x * q[(l * m) + j];
                    }
                }
            }
        }
        return true;
    }

    private static double[] Symmetrised(double[] a, int m)
    {
        var s = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                s[(i * m) + j] = (0.5 * a[(i * m) + j]) + (0.5 * a[(j * m) + i]);
            }
        }
        return s;
    }

    /// <summary>The lower Cholesky factor (row-major, upper triangle zero) when the matrix passes the test of definiteness.</summary>
    private static double[]? FactorIfPositiveDefinite(double[] a, int m)
    {
        if (!UniquenessReport.IsPositiveDefinite(a, 1.0, a, 0.0, m))
        {
            return null;
        }
        var l = (double[])a.Clone();
        if (!Cholesky.Factor(l, m, 0.0, 0.0))
        {
            return null;
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = i + 1; j < m; j++)
            {
                l[(i * m) + j] = 0;
            }
        }
        return l;
    }

    /// <summary>L⁻¹ for a lower-triangular L (row-major), by forward substitution on the columns of I.</summary>
    private static double[] LowerInverse(double[] l, int m)
    {
        var x = new double[m * m];
        for (int j = 0; j < m; j++)
        {
            x[(j * m) + j] = 1.0 / l[(j * m) + j];
            for (int i = j + 1; i < m; i++)
            {
                double sum = 0;
                for (int p = j; p < i; p++)
                {
                    sum += l[(i * m) + p] * x[(p * m) + j];
                }
                x[(i * m) + j] = -sum / l[(i * m) + i];
            }
        }
        return x;
    }

    /// <summary>A·B or A·Bᵀ (m×m, row-major).</summary>
    private static double[] Multiply(double[] a, double[] b, int m, bool transposeRight)
    {
        var result = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double sum = 0;
                for (int p = 0; p < m; p++)
                {
                    sum += a[(i * m) + p] * (transposeRight ? b[(j * m) + p] : b[(p * m) + j]);
                }
                result[(i * m) + j] = sum;
            }
        }
        return result;
    }

    private static bool TryPositiveDefinite(Matrix<double> matrix, out Matrix<double> lower)
    {
        lower = null!;
        int n = matrix.RowCount;
        var sym = 0.5 * (matrix + matrix.Transpose());
        double max = sym.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        if (!(max > 0) || !UniquenessReport.IsPositiveDefinite(sym.ToRowMajorArray(), 1.0, new double[n * n], 0.0, n))
        {
            return false;
        }
        lower = sym.Cholesky().Factor;
        return true;
    }

    private static double[] TransposeTimes(double[] v, double[] x)
    {
        int m = x.Length;
        var result = new double[m];
        for (int j = 0; j < m; j++)
        {
            double s = 0;
            for (int i = 0; i < m; i++)
            {
                s += v[(i * m) + j] * x[i];
            }
            result[j] = s;
        }
        return result;
    }
    /// <summary>A one-line summary: the game and whether the diagonal path applies.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"ClosedFormFamily({Game}, {(IsDiagonal ? "diagonal path" : "per-point factorisation")})";
}

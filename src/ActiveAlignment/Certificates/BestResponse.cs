using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Certificates;

/// <summary>An agent's best response to the mean mixture of the others (docs/model.md#certificates).</summary>
public sealed class BestResponseResult
{
    internal BestResponseResult(double[] weights, double utility, bool isCertified, int iterations)
    {
        Weights = weights;
        Utility = utility;
        IsCertified = isCertified;
        Iterations = iterations;
    }

    /// <summary>The best-response mixture v* ∈ Δ.</summary>
    public IReadOnlyList<double> Weights { get; }

    internal ReadOnlySpan<double> WeightsSpan => (double[])Weights;

    /// <summary>Uᵢ(v*; w₋ᵢ), the best attainable utility.</summary>
    public double Utility { get; }

    /// <summary>
    /// True when <see cref="Utility"/> is the global maximum to rounding: the programme was concave and the active-set polish
    /// verified its KKT conditions, or the objective was linear, or own concavity failed with K ≤ 12 and every face was
    /// enumerated. False when own concavity fails with K &gt; 12 (only a local maximum is known).
    /// </summary>
    public bool IsCertified { get; }

    /// <summary>Iterations spent (projected gradient plus active-set steps, or faces enumerated).</summary>
    public int Iterations { get; }

    /// <summary>A one-line summary: the best response's utility and whether it is certified.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"BestResponse(utility {Utility:G10}, {(IsCertified ? "certified" : "not certified")}, w = [{string.Join(", ", Weights.Select(w => w.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}])");
}

/// <summary>
/// The exact best response of docs/model.md#certificates: max over v ∈ Δ of λ_A aᵀv − λ_C vᵀCv − λ_D vᵀS w̄₋ᵢ, a quadratic programme on
/// the simplex with Hessian −2λ_C C. Concave (λ_C·κ ≥ 0): projected gradient plus the active-set polish, exact to
/// rounding. Not concave and K ≤ 12: the global maximum over the stationary points of all 2ᴷ − 1 faces.
/// </summary>
public static class BestResponse
{
    /// <summary>The largest K for which a non-concave best response is found by enumerating every face.</summary>
    public const int EnumerationLimit = 12;

    /// <summary>Computes the best response to <paramref name="othersMean"/>.</summary>
    /// <param name="game">The game.</param>
    /// <param name="othersMean">w̄₋ᵢ (length K); ignored when N = 1.</param>
    /// <returns>The best response with its utility and whether it is certified global.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="othersMean"/> does not have length K or holds NaN or ±Inf.</exception>
    public static BestResponseResult Compute(AlignmentGame game, ReadOnlySpan<double> othersMean)
        => Compute(game, othersMean, othersMean);

    internal static BestResponseResult Compute(AlignmentGame game, ReadOnlySpan<double> othersMean, ReadOnlySpan<double> start)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckLength(othersMean.Length, game.Count, nameof(othersMean), "subpopulations");
        for (int k = 0; k < othersMean.Length; k++)
        {
            if (!double.IsFinite(othersMean[k]))
            {
                Preconditions.CheckFinite(othersMean[k], $"othersMean[{k}]"); // the field's name is formatted only for the error
            }
        }
        int n = game.Count;
        // A pooled work array: the K×K Hessian is needed only during this call.
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
        try
        {
            return Compute(game, othersMean, start, rented.AsSpan(0, n * n));
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static BestResponseResult Compute(AlignmentGame game, ReadOnlySpan<double> othersMean, ReadOnlySpan<double> start, Span<double> hessian)
    {
        int n = game.Count;
        game.FillInteractionMatrix(game.Coefficients.Consistency, 0.0, hessian); // 2λ_C C
        var linear = LinearTerm(game, othersMean);
        bool concave = game.IsOwnConcave;
        double[] best;
        int iterations;
        bool certified;
        if (concave)
        {
            var solution = SimplexQuadraticProgram.Maximize(hessian, linear, n, start);
            best = solution.X;
            iterations = solution.Iterations;
            certified = solution.Polished;
        }
        else if (n <= EnumerationLimit)
        {
            best = SimplexQuadraticProgram.GlobalMaximize(hessian, linear, n, out iterations);
            certified = true;
        }
        else
        {
            var solution = SimplexQuadraticProgram.Maximize(hessian, linear, n, start);
            best = solution.X;
            iterations = solution.Iterations;
            certified = false;
        }
        double value = SimplexQuadraticProgram.Objective(hessian, linear, n, best);
        // Vertices cost O(K) each and guard against a polish that stopped short.
        int vertex = -1;
        for (int k = 0; k < n; k++)
        {
            double v = linear[k] - (0.5 * hessian[(k * n) + k]);
            if (v > value)
            {
                value = v;
                vertex = k;
            }
        }
        if (vertex >= 0)
        {
            Array.Clear(best);
            best[vertex] = 1.0;
        }
        return new BestResponseResult(best, value, certified, iterations);
    }

    /// <summary>
    /// A proved upper bound on max_{v∈Δ} Uᵢ(v; m) − Uᵢ(w; m), whatever w is and however it was found
    /// (docs/model.md#certificates). With g = λ_A a − 2λ_C C w − λ_D S m the gradient at w and d = v − w,
    /// (with C read as its symmetric part, the exact gradient of vᵀCv) Uᵢ(v) − Uᵢ(w) = gᵀd − λ_C dᵀCd ≤ (maxₖ gₖ − gᵀw) + λ_C·max(0, −κ_low)·maxₖ‖eₖ − w‖², with κ_low = κ̂ minus its error
    /// bound (0 when C ⪰ 0 is proved on the whole space, by an equilibrated eigendecomposition); to this is added a bound on the rounding errors of evaluating it (γₙ per dot product) and, when w does not
    /// sum to 1 exactly, on the component of d along 1.
    /// </summary>
    internal static double GapUpperBound(AlignmentGame game, ReadOnlySpan<double> w, ReadOnlySpan<double> othersMean)
    {
        int n = game.Count;
        double lambdaA = game.Coefficients.Attractiveness, lambdaC = game.Coefficients.Consistency, lambdaD = game.EffectiveDiversity;
        ReadOnlySpan<double> a = game.Attractiveness;
        ReadOnlySpan<double> c = game.Inconsistency.AsSpan();
        ReadOnlySpan<double> s = game.Similarity.AsSpan();
        double gamma = Tolerances.Gamma((2 * n) + 4);
        double maxG = double.NegativeInfinity, gw = 0, maxErr = 0, errW = 0, absGw = 0, maxAbsG = 0;
        double sumW = 0, sumSquares = 0, minW = double.PositiveInfinity;
        // Only the non-zero weights contribute to the products below (a zero term changes neither a sum nor a sum of absolute
        // values): at a boundary equilibrium that is the support, so the bound costs O(K·|support|), not O(K²).
        Span<int> indices = n <= 256 ? stackalloc int[2 * n] : new int[2 * n];
        ReadOnlySpan<int> wSupport = indices[..SimplexQuadraticProgram.NonzeroIndices(w, indices)];
        ReadOnlySpan<int> mSupport = indices.Slice(n, SimplexQuadraticProgram.NonzeroIndices(othersMean, indices[n..]));
        for (int i = 0; i < n; i++)
        {
            double cw = 0, cwAbs = 0, sm = 0, smAbs = 0;
            ReadOnlySpan<double> cRow = c.Slice(i * n, n);
            foreach (int j in wSupport)
            {
                // The exact gradient of vᵀCv is (C + Cᵀ)v: C may be asymmetric within the input tolerance.
                double term = 0.5 * (cRow[j] + c[(j * n) + i]) * w[j];
                cw += term;
                cwAbs += Math.Abs(term);
            }
            if (lambdaD != 0)
            {
                ReadOnlySpan<double> sRow = s.Slice(i * n, n);
                foreach (int j in mSupport)
                {
                    double term = sRow[j] * othersMean[j];
                    sm += term;
                    smAbs += Math.Abs(term);
                }
            }
            double g = (lambdaA * a[i]) - (2 * lambdaC * cw) - (lambdaD * sm);
            double err = gamma * ((lambdaA * Math.Abs(a[i])) + (2 * lambdaC * cwAbs) + (lambdaD * smAbs));
            maxG = Math.Max(maxG, g);
            maxErr = Math.Max(maxErr, err);
            maxAbsG = Math.Max(maxAbsG, Math.Abs(g));
            gw += g * w[i];
            absGw += Math.Abs(g * w[i]);
            errW += err * Math.Abs(w[i]);
            sumW += w[i];
            sumSquares += w[i] * w[i];
            minW = Math.Min(minW, w[i]);
        }
        double curvature = 0;
        double off = Math.Abs(1 - sumW); // Σd ≠ 0 by rounding: bound the cross terms with the direction 1
        double cross = lambdaC * game.Inconsistency.MaxAbs * ((4 * n * off) + (off * off));
        bool crossSmall = !(cross > Tolerances.UnitRoundoff * game.NashGapTolerance);
        double linear = Math.Max(0.0, maxG - gw);
        double rounding = maxErr + errW + (Tolerances.Gamma(n + 2) * (maxAbsG + absGw));
        if (lambdaC > 0 && game.Structure.KappaProvedAboveTolerance
            && (linear + rounding + cross) * (1 + Tolerances.Gamma(4)) <= game.NashGapTolerance)
        {
            // κ ≥ 0 on the tangent space is proved (the shifted Cholesky proof, no eigendecomposition): the curvature along
            // every direction in it is ≥ 0, so only the cross terms with the direction 1 remain, and they are small enough
            // to certify. Otherwise the bounds below (C ⪰ 0 on the whole space, or κ itself) may do better.
            curvature = cross;
        }
        else if (lambdaC > 0 && !game.Structure.PositiveSemidefinite)
        {
            var concavity = game.OwnConcavity;
            double kappaLow = concavity.Kappa - concavity.Tolerance;
            double diameter = 1 - (2 * minW) + sumSquares; // maxₖ ‖eₖ − w‖²
            curvature = lambdaC * Math.Max(0.0, -kappaLow) * diameter * (1 + Tolerances.Gamma(n + 4));
            if (!crossSmall)
            {
                // Crude when one entry of C dwarfs the rest: use λ_min(C) on the whole space instead, if that is smaller.
                double fullLow = game.Structure.FullKappa - game.OwnConcavity.Tolerance;
                double whole = lambdaC * Math.Max(0.0, -fullLow) * diameter * (1 + Tolerances.Gamma(n + 4));
                curvature = Math.Min(curvature + cross, whole);
            }
            else
            {
                curvature += cross;
            }
        }
        double bound = linear + rounding + curvature;
        return bound * (1 + Tolerances.Gamma(4));
    }

    /// <summary>A bound on the rounding error of <see cref="AlignmentGame.Utility"/> at (v; m).</summary>
    internal static double UtilityRoundingBound(AlignmentGame game, ReadOnlySpan<double> v, ReadOnlySpan<double> othersMean)
    {
        double l1 = 0, m1 = 0, maxA = 0;
        foreach (double x in v)
        {
            l1 += Math.Abs(x);
        }
        foreach (double x in othersMean)
        {
            m1 += Math.Abs(x);
        }
        foreach (double x in game.Attractiveness)
        {
            maxA = Math.Max(maxA, Math.Abs(x));
        }
        double magnitude = (game.Coefficients.Attractiveness * maxA * l1) + (game.Coefficients.Consistency * game.Inconsistency.MaxAbs * l1 * l1)
            + (game.EffectiveDiversity * game.Similarity.MaxAbs * l1 * m1);
        return Tolerances.Gamma((2 * game.Count) + 4) * magnitude;
    }

    /// <summary>b = λ_A a − λ_D S w̄₋ᵢ (λ_D = 0 when N = 1).</summary>
    internal static double[] LinearTerm(AlignmentGame game, ReadOnlySpan<double> othersMean)
    {
        int n = game.Count;
        var b = new double[n];
        double lambdaA = game.Coefficients.Attractiveness;
        double lambdaD = game.EffectiveDiversity;
        ReadOnlySpan<double> a = game.Attractiveness;
        ReadOnlySpan<double> s = game.Similarity.AsSpan();
        Span<int> indices = n <= 512 ? stackalloc int[n] : new int[n];
        ReadOnlySpan<int> support = indices[..SimplexQuadraticProgram.NonzeroIndices(othersMean, indices)];
        for (int i = 0; i < n; i++)
        {
            double sw = 0;
            if (lambdaD != 0)
            {
                ReadOnlySpan<double> row = s.Slice(i * n, n);
                foreach (int j in support)
                {
                    sw += row[j] * othersMean[j]; // zeros of othersMean skipped: exact
                }
            }
            b[i] = (lambdaA * a[i]) - (lambdaD * sw);
        }
        return b;
    }
}

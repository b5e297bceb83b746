using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Certificates;

/// <summary>An agent's best response to the mean mixture of the others (MODEL.md §4).</summary>
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
}

/// <summary>
/// The exact best response of MODEL.md §4: max over v ∈ Δ of λ_A aᵀv − λ_C vᵀCv − λ_D vᵀS w̄₋ᵢ, a quadratic programme on
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
            Preconditions.CheckFinite(othersMean[k], $"othersMean[{k}]");
        }
        int n = game.Count;
        var hessian = new double[n * n];
        game.FillInteractionMatrix(game.Coefficients.Consistency, 0.0, hessian); // 2λ_C C
        var linear = LinearTerm(game, othersMean);
        bool concave = game.OwnConcavity.IsConcave;
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

    /// <summary>b = λ_A a − λ_D S w̄₋ᵢ (λ_D = 0 when N = 1).</summary>
    internal static double[] LinearTerm(AlignmentGame game, ReadOnlySpan<double> othersMean)
    {
        int n = game.Count;
        var b = new double[n];
        double lambdaA = game.Coefficients.Attractiveness;
        double lambdaD = game.EffectiveDiversity;
        ReadOnlySpan<double> a = game.Attractiveness;
        ReadOnlySpan<double> s = game.Similarity.AsSpan();
        for (int i = 0; i < n; i++)
        {
            double sw = 0;
            if (lambdaD != 0)
            {
                for (int j = 0; j < n; j++)
                {
                    sw += s[(i * n) + j] * othersMean[j];
                }
            }
            b[i] = (lambdaA * a[i]) - (lambdaD * sw);
        }
        return b;
    }
}

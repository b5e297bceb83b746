using ActiveAlignment.Internal;

namespace ActiveAlignment.Equilibria;

/// <summary>
/// The uniqueness conditions of docs/model.md#uniqueness (Rosen's diagonal strict concavity): for N ≥ 2,
/// (1) 2λ_C ZᵀCZ + λ_D ZᵀSZ ≻ 0 — the homogeneous equilibrium is unique;
/// (2) 2λ_C ZᵀCZ − λ_D ZᵀSZ/(N−1) ≻ 0 — together with (1), the whole game has a unique Nash equilibrium,
/// necessarily the homogeneous one. For N = 1 both read λ_C ZᵀCZ ≻ 0.
/// </summary>
public sealed class UniquenessReport
{
    internal UniquenessReport(bool homogeneousUnique, bool rosenCondition)
    {
        HomogeneousUnique = homogeneousUnique;
        RosenCondition = rosenCondition;
    }

    /// <summary>Condition (1): ZᵀMZ ≻ 0, so the homogeneous equilibrium is unique.</summary>
    public bool HomogeneousUnique { get; }

    /// <summary>Condition (2): 2λ_C ZᵀCZ − λ_D ZᵀSZ/(N−1) ≻ 0.</summary>
    public bool RosenCondition { get; }

    /// <summary>Both conditions: the game has exactly one Nash equilibrium, the homogeneous one.</summary>
    public bool UniqueEquilibrium => HomogeneousUnique && RosenCondition;

    /// <summary>One sentence saying which conditions hold.</summary>
    public string Description => (HomogeneousUnique, RosenCondition) switch
    {
        (true, true) => "Unique Nash equilibrium (Rosen's diagonal strict concavity holds): it is the homogeneous one.",
        (true, false) => "Unique homogeneous equilibrium; diversity is strong enough that asymmetric equilibria (agents specialising) are not ruled out.",
        (false, true) => "ZᵀMZ is not positive definite: the homogeneous equilibrium need not be unique.",
        _ => "Neither uniqueness condition holds: neither the homogeneous equilibrium nor the equilibrium of the game is known to be unique.",
    };

    /// <summary>Evaluates both conditions for a game (O(K³): two Cholesky attempts on (K−1)×(K−1) matrices).</summary>
    /// <param name="game">The game.</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static UniquenessReport For(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        var structure = game.Structure;
        double lambdaC = game.Coefficients.Consistency;
        if (game.Agents == 1)
        {
            bool pd = IsPositiveDefinite(structure.ReducedInconsistency, 2.0 * lambdaC, structure.ReducedSimilarity, 0.0, game.Count - 1);
            return new UniquenessReport(pd, pd);
        }
        double lambdaD = game.Coefficients.Diversity;
        bool first = IsPositiveDefinite(structure.ReducedInconsistency, 2.0 * lambdaC, structure.ReducedSimilarity, lambdaD, game.Count - 1);
        bool second = IsPositiveDefinite(structure.ReducedInconsistency, 2.0 * lambdaC, structure.ReducedSimilarity, -lambdaD / (game.Agents - 1), game.Count - 1);
        return new UniquenessReport(first, second);
    }

    /// <summary>
    /// Whether αX + βY ≻ 0 (n×n): Cholesky with every pivot above 1e-12·max|entry| (pivots are ≥ λ_min, and an
    /// exactly singular matrix leaves a pivot at rounding level).
    /// </summary>
    internal static bool IsPositiveDefinite(ReadOnlySpan<double> x, double alpha, ReadOnlySpan<double> y, double beta, int n)
    {
        var a = new double[n * n];
        double max = 0;
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (alpha * x[i]) + (beta * y[i]);
            max = Math.Max(max, Math.Abs(a[i]));
        }
        if (!(max > 0))
        {
            return false;
        }
        double threshold = Tolerances.PositiveDefiniteRelative * max;
        for (int j = 0; j < n; j++)
        {
            double d = a[(j * n) + j] - Numerics.Kernels.Dot(a.AsSpan(j * n, j), a.AsSpan(j * n, j));
            if (!(d > threshold))
            {
                return false;
            }
            double l = Math.Sqrt(d);
            a[(j * n) + j] = l;
            for (int i = j + 1; i < n; i++)
            {
                double sum = a[(i * n) + j] - Numerics.Kernels.Dot(a.AsSpan(i * n, j), a.AsSpan(j * n, j));
                a[(i * n) + j] = sum / l;
            }
        }
        return true;
    }
}

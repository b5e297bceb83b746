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

    /// <summary>The plain-words reading, <see cref="Description"/>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Description;

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
    public static UniquenessReport For(AlignmentGame game) => For(game, null, null);

    /// <summary>
    /// As <see cref="For(AlignmentGame)"/>, with either condition already decided (by the same test of the same matrix:
    /// the first by the closed form's solve, which factorises ZᵀMZ reduced from M = 2λ_C C + λ_D S; the second by
    /// <see cref="SecondCondition"/>, which the solver runs first), or null to decide it here.
    /// </summary>
    internal static UniquenessReport For(AlignmentGame game, bool? first, bool? second)
    {
        Preconditions.CheckNotNull(game);
        // N = 1: M = 2λ_C C (the diversity term is off), so the first condition is λ_C ZᵀCZ ≻ 0 and the second does not apply.
        bool firstHolds = first ?? ReducedInteractionPositiveDefinite(game);
        if (game.Agents == 1)
        {
            return new UniquenessReport(firstHolds, firstHolds);
        }
        return new UniquenessReport(firstHolds, second ?? SecondCondition(game));
    }

    /// <summary>2λ_C ZᵀCZ − λ_D ZᵀSZ/(N−1) ≻ 0, for N ≥ 2 (the Cholesky test below).</summary>
    internal static bool SecondCondition(AlignmentGame game)
    {
        var structure = game.Structure;
        double beta = -game.Coefficients.Diversity / (game.Agents - 1);
        if (structure.SimilarityIsIdentity)
        {
            // ZᵀSZ = I: the same matrix as below, 2λ_C·Ĉ + β·I, without forming the identity.
            int n = game.Count - 1;
            double alpha = 2.0 * game.Coefficients.Consistency;
            // A pooled work array: the factor is needed only during this call.
            double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent(n * n);
            try
            {
                Span<double> a = rented.AsSpan(0, n * n);
                Numerics.Kernels.Scale(a, alpha, structure.ReducedInconsistency);
                Span<double> diagonal = n <= 512 ? stackalloc double[n] : new double[n];
                for (int i = 0; i < n; i++)
                {
                    a[(i * n) + i] += beta;
                    diagonal[i] = a[(i * n) + i];
                }
                if (!IsPositiveDefiniteInPlace(a, n, SecondConditionScale(game)))
                {
                    return false;
                }
                if (structure.ShiftedFactorProvesKappa(alpha, -beta, diagonal))
                {
                    // The same factorisation proves own concavity (κ above its tolerance): the set-up need not factorise Ĉ again.
                    structure.RecordKappaProof();
                }
                return true;
            }
            finally
            {
                System.Buffers.ArrayPool<double>.Shared.Return(rented);
            }
        }
        return IsPositiveDefinite(structure.ReducedInconsistency, 2.0 * game.Coefficients.Consistency, structure.ReducedSimilarity,
            -game.Coefficients.Diversity / (game.Agents - 1), game.Count - 1, SecondConditionScale(game));
    }

    /// <summary>The magnitude of 2λ_C C − λ_D S/(N−1) before its reduction to the tangent space (a bound on its largest entry).</summary>
    private static double SecondConditionScale(AlignmentGame game)
        => (2.0 * Math.Abs(game.Coefficients.Consistency) * game.Inconsistency.MaxAbs)
            + (Math.Abs(game.Coefficients.Diversity) / (game.Agents - 1) * game.Similarity.MaxAbs);

    /// <summary>ZᵀMZ ≻ 0 by the Cholesky test below, with ZᵀMZ reduced from M exactly as the closed form's solve reduces it.</summary>
    private static bool ReducedInteractionPositiveDefinite(AlignmentGame game)
    {
        int k = game.Count, m = k - 1;
        var interaction = new double[k * k];
        game.FillInteractionMatrix(interaction);
        var reduced = new double[m * m];
        new Numerics.SimplexFrame(k).ReduceMatrix(interaction, reduced, new double[k]);
        return IsPositiveDefinite(reduced, 1.0, reduced, 0.0, m, Numerics.Kernels.MaxAbs(interaction));
    }

    /// <summary>
    /// Whether αX + βY ≻ 0 (n×n): Cholesky with every pivot above 1e-12·max|entry| (pivots are ≥ λ_min, and an
    /// exactly singular matrix leaves a pivot at rounding level).
    /// </summary>
    /// <remarks>
    /// <paramref name="scale"/>, when given, is the magnitude of the K×K matrix before its reduction to the tangent space
    /// (n = K − 1); the pivots must then also clear 16·u·K·scale, the size of the rounding noise the reduction can leave.
    /// Where the exact reduced matrix is singular (a duplicated group, say), that noise is all there is, and measured against
    /// itself alone it could look positive definite.
    /// </remarks>
    internal static bool IsPositiveDefinite(ReadOnlySpan<double> x, double alpha, ReadOnlySpan<double> y, double beta, int n, double scale = 0)
    {
        var a = new double[n * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (alpha * x[i]) + (beta * y[i]);
        }
        return IsPositiveDefiniteInPlace(a, n, scale);
    }

    /// <summary>The test above on A itself, overwritten by its factor.</summary>
    private static bool IsPositiveDefiniteInPlace(Span<double> a, int n, double scale)
    {
        double max = Numerics.Kernels.MaxAbs(a);
        return max > 0 && Numerics.Cholesky.Factor(a, n, 0.0, PivotFloor(max, scale, n + 1));
    }

    /// <summary>
    /// The pivot floor of the test: 1e-12·max|A|, and at least 16·u·K·scale, the rounding noise of reducing a K×K matrix of
    /// that scale to the tangent space (scale 0: no such floor).
    /// </summary>
    internal static double PivotFloor(double maxAbs, double scale, int k)
        => Math.Max(Tolerances.PositiveDefiniteRelative * maxAbs, Tolerances.EigenvalueRelative * k * scale);
}

using System.Buffers;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Equilibria;

/// <summary>How the closed-form candidate of docs/model.md#closed-form classifies.</summary>
public enum ClosedFormStatus
{
    /// <summary>Every w*ₖ &gt; 0 and own concavity holds: w* is a homogeneous interior Nash equilibrium.</summary>
    Interior,

    /// <summary>Some w*ₖ ≤ 0: no interior homogeneous equilibrium exists; a boundary one does (docs/model.md#boundary).</summary>
    NoInterior,

    /// <summary>ZᵀMZ is singular or numerically so (reciprocal condition number below 1e-12).</summary>
    Singular,

    /// <summary>Own concavity fails (λ_C·κ &lt; 0): the candidate is only a stationary point.</summary>
    NotConcave,
}

/// <summary>The closed-form candidate of docs/model.md#closed-form and its classification.</summary>
public sealed class ClosedFormSolution
{
    internal ClosedFormSolution(AlignmentGame game, ClosedFormStatus status, double[]? weights, double? multiplier, double reciprocalCondition,
        bool? reducedPositiveDefinite = null)
    {
        ReducedPositiveDefinite = reducedPositiveDefinite;
        Game = game;
        Status = status;
        Weights = weights;
        Multiplier = multiplier;
        ReciprocalCondition = reciprocalCondition;
    }

    /// <summary>The game solved.</summary>
    public AlignmentGame Game { get; }

    /// <summary>The classification.</summary>
    public ClosedFormStatus Status { get; }

    /// <summary>w* = 1/K + Z y (sums to 1, may have entries ≤ 0 unless <see cref="Status"/> is Interior); null when Singular.</summary>
    public IReadOnlyList<double>? Weights { get; }

    /// <summary>ν, the common marginal utility F(w*)ₖ; null when Singular.</summary>
    public double? Multiplier { get; }

    /// <summary>The 1-norm reciprocal condition number of ZᵀMZ (Hager–Higham estimate; 0 when exactly singular).</summary>
    public double ReciprocalCondition { get; }

    /// <summary>
    /// The outcome of the Cholesky test of ZᵀMZ ≻ 0 run by the solve (the uniqueness report's first condition), or null when
    /// the solve did not run it (an equilibrated system).
    /// </summary>
    internal bool? ReducedPositiveDefinite { get; }

    /// <summary>"Interior (reciprocal condition 0.494)".</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Status} (reciprocal condition {ReciprocalCondition:G3})");
}

/// <summary>
/// The homogeneous interior equilibrium in closed form (docs/model.md#closed-form): the bordered system
/// [M 1; 1ᵀ 0][w; ν] = [λ_A a; 1] with M = 2λ_C C + λ_D S, solved through its reduced form
/// w* = 1/K + Z y, (ZᵀMZ) y = Zᵀ(λ_A a − M 1/K), Z the Householder basis of T. A singular M with non-singular
/// ZᵀMZ is fine. O(K³) per call (Cholesky of the (K−1)×(K−1) reduced matrix, LU when it is not clearly positive definite); no allocation (work on the stack for K ≤ 12, pooled arrays above).
/// </summary>
public static class ClosedFormSolver
{
    private const int StackLimit = 12;

    /// <summary>Solves and classifies the closed-form candidate.</summary>
    /// <param name="game">The game.</param>
    /// <returns>The candidate, its multiplier and classification.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static ClosedFormSolution Solve(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        var weights = new double[game.Count];
        var status = SolveCore(game, game.Coefficients.Attractiveness, game.Coefficients.Consistency, game.EffectiveDiversity, weights,
            out double nu, out double rcond, out bool? positiveDefinite);
        return status == ClosedFormStatus.Singular
            ? new ClosedFormSolution(game, status, null, null, rcond, positiveDefinite)
            : new ClosedFormSolution(game, status, weights, nu, rcond, positiveDefinite);
    }

    /// <summary>
    /// Allocation-free form of <see cref="Solve(AlignmentGame)"/>: writes w* into a caller-owned span.
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="weights">Receives w* (length K); left unspecified when the status is Singular.</param>
    /// <param name="multiplier">ν, or NaN when Singular.</param>
    /// <param name="reciprocalCondition">The reciprocal condition number of ZᵀMZ.</param>
    /// <returns>The classification of docs/model.md#closed-form.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not have length K.</exception>
    public static ClosedFormStatus Solve(AlignmentGame game, Span<double> weights, out double multiplier, out double reciprocalCondition)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckLength(weights.Length, game.Count, nameof(weights), "subpopulations");
        return SolveCore(game, game.Coefficients.Attractiveness, game.Coefficients.Consistency, game.EffectiveDiversity, weights,
            out multiplier, out reciprocalCondition);
    }

    /// <summary>The closed form for explicit coefficients (λ_D already 0 when N = 1), without argument checks.</summary>
    internal static ClosedFormStatus SolveCore(AlignmentGame game, double lambdaA, double lambdaC, double lambdaD, Span<double> weights,
        out double multiplier, out double reciprocalCondition)
        => SolveCore(game, lambdaA, lambdaC, lambdaD, weights, out multiplier, out reciprocalCondition, out _);

    private static ClosedFormStatus SolveCore(AlignmentGame game, double lambdaA, double lambdaC, double lambdaD, Span<double> weights,
        out double multiplier, out double reciprocalCondition, out bool? reducedPositiveDefinite)
    {
        int k = game.Count;
        int length = (k * k) + k + BorderedSystem.WorkspaceLength(k);
        double[]? rented = null;
        int[]? rentedPivots = null;
        // Small systems on the stack; larger ones pooled, since a stackalloc is zeroed on every call and a pooled array is not.
        Span<double> work = k <= StackLimit ? stackalloc double[length] : (rented = ArrayPool<double>.Shared.Rent(length)).AsSpan(0, length);
        Span<int> pivots = k <= StackLimit ? stackalloc int[k + 1] : (rentedPivots = ArrayPool<int>.Shared.Rent(k + 1)).AsSpan(0, k + 1);
        try
        {
            Span<double> m = work[..(k * k)];
            Span<double> rhs = work.Slice(k * k, k);
            game.FillInteractionMatrix(lambdaC, lambdaD, m);
            ReadOnlySpan<double> a = game.Attractiveness;
            for (int i = 0; i < k; i++)
            {
                rhs[i] = lambdaA * a[i];
            }
            if (!BorderedSystem.Solve(m, rhs, k, weights, out multiplier, out reciprocalCondition, out reducedPositiveDefinite, work[((k * k) + k)..], pivots,
                noiseIsSingular: true))
            {
                multiplier = double.NaN;
                return ClosedFormStatus.Singular;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<double>.Shared.Return(rented);
                ArrayPool<int>.Shared.Return(rentedPivots!);
            }
        }
        if (lambdaC > 0 && !game.Structure.ConcaveOnSimplex)
        {
            return ClosedFormStatus.NotConcave;
        }
        foreach (double w in weights)
        {
            if (!(w > 0))
            {
                return ClosedFormStatus.NoInterior;
            }
        }
        return ClosedFormStatus.Interior;
    }
}

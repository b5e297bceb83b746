using ActiveAlignment.Certificates;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;

namespace ActiveAlignment;

/// <summary>
/// The front door: the homogeneous Nash equilibrium of an <see cref="AlignmentGame"/>, whichever kind it is, with its
/// certificate. The closed form of docs/model.md#closed-form answers when it is interior; otherwise the projected-gradient
/// fallback of §3.2 with the exact active-set polish does.
/// </summary>
public static class EquilibriumSolver
{
    /// <summary>Solves for the homogeneous equilibrium.</summary>
    /// <param name="game">The game.</param>
    /// <returns>
    /// The equilibrium with status, weights, ν, support, iterations, KKT residual, Nash gap and uniqueness report.
    /// Mathematical outcomes (no interior equilibrium, not concave, singular) are reported, never thrown.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static HomogeneousEquilibrium Solve(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        // The second uniqueness condition first: with S = I its factorisation usually proves own concavity as well, which the
        // closed form then need not prove again.
        bool? second = game.Agents > 1 ? UniquenessReport.SecondCondition(game) : null;
        var closedForm = ClosedFormSolver.Solve(game);
        int k = game.Count;
        // M is needed only during the call: pooled, not allocated (K² doubles per solve otherwise).
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent((k * k) + k);
        try
        {
            var programme = Programme(game, rented);
            return SolveWith(game, second, closedForm, programme);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static HomogeneousEquilibrium SolveWith(AlignmentGame game, bool? second, ClosedFormSolution closedForm, ProgrammeData programme)
    {
        var uniqueness = UniquenessReport.For(game, closedForm.ReducedPositiveDefinite, second);
        bool concave = game.IsOwnConcave;
        bool fromClosedForm = closedForm.Status == ClosedFormStatus.Interior
            || (closedForm.Status == ClosedFormStatus.NotConcave && IsInterior(closedForm.Weights!));
        double[] weights;
        double nu;
        int iterations = 0;
        bool polished = true;
        if (fromClosedForm)
        {
            weights = closedForm.Weights!.ToArray();
            nu = closedForm.Multiplier!.Value;
        }
        else
        {
            (weights, nu, iterations, polished) = Boundary(programme, game.Count, closedForm.Weights is { } candidate ? candidate.ToArray() : Uniform(game.Count));
        }
        var gap = NashGap.OfHomogeneous(game, weights);
        if (concave && !gap.IsCertified && fromClosedForm)
        {
            // The closed form's rounding was not good enough to prove the gap: let the boundary solver polish it.
            var (w2, nu2, it2, polished2) = Boundary(programme, game.Count, weights);
            var gap2 = NashGap.OfHomogeneous(game, w2);
            if (gap2.UpperBound < gap.UpperBound)
            {
                (weights, nu, iterations, polished, gap) = (w2, nu2, it2, polished2, gap2);
            }
        }
        double residual = KktResidual(programme, game.Count, weights);
        EquilibriumStatus status;
        string? reason = null;
        if (!concave)
        {
            status = EquilibriumStatus.NotConcave;
            reason = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"own concavity fails (λ_C·κ = {game.Coefficients.Consistency * game.OwnConcavity.Kappa:G3} < 0): the weights are a stationary point, not a certified equilibrium");
        }
        else if (gap.IsCertified)
        {
            status = IsInterior(weights) ? EquilibriumStatus.Interior : EquilibriumStatus.Boundary;
        }
        else
        {
            status = EquilibriumStatus.NotConverged;
            reason = (polished ? string.Empty : "the boundary solver did not reach a verified KKT point; ") + gap.Reason;
        }
        return new HomogeneousEquilibrium(game, status, closedForm, weights, nu, iterations, residual, gap, uniqueness, reason);
    }

    private static (double[] Weights, double Nu, int Iterations, bool Polished) Boundary(ProgrammeData programme, int k, double[] start)
    {
        var solution = SimplexQuadraticProgram.Maximize(programme.M, programme.B, k, start);
        return (solution.X, solution.Multiplier, solution.Iterations, solution.Polished);
    }

    /// <summary>Solves, and reports whether the answer is a certified equilibrium (<see cref="HomogeneousEquilibrium.IsCertifiedEquilibrium"/>).</summary>
    /// <param name="game">The game.</param>
    /// <param name="equilibrium">The answer, certified or not (inspect its <see cref="HomogeneousEquilibrium.Status"/>).</param>
    /// <returns>True when the answer is a certified Nash equilibrium.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static bool TrySolve(AlignmentGame game, out HomogeneousEquilibrium equilibrium)
    {
        equilibrium = Solve(game);
        return equilibrium.IsCertifiedEquilibrium;
    }

    /// <summary>‖w − Π_Δ(w + F(w))‖∞ with F(w) = λ_A a − M w (docs/model.md#boundary).</summary>
    /// <param name="game">The game.</param>
    /// <param name="weights">w (length K).</param>
    /// <returns>The KKT residual; 0 exactly at a KKT point.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> does not have length K.</exception>
    public static double KktResidual(AlignmentGame game, ReadOnlySpan<double> weights)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckLength(weights.Length, game.Count, nameof(weights), "subpopulations");
        int k = game.Count;
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent((k * k) + k);
        try
        {
            return KktResidual(Programme(game, rented), k, weights);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static double KktResidual(ProgrammeData programme, int k, ReadOnlySpan<double> weights)
    {
        ReadOnlySpan<double> m = programme.M, b = programme.B;
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent(3 * k);
        try
        {
            Span<double> all = rented.AsSpan(0, 3 * k);
            all.Clear();
            Span<double> f = all[..k], projected = all.Slice(k, k), scratch = all.Slice(2 * k, k);
            SimplexQuadraticProgram.Gradient(m, b, k, weights, f);
            for (int i = 0; i < k; i++)
            {
                f[i] += weights[i];
            }
            SimplexProjection.Project(f, projected, scratch);
            double residual = 0;
            for (int i = 0; i < k; i++)
            {
                residual = Math.Max(residual, Math.Abs(weights[i] - projected[i]));
            }
            return residual;
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>M = 2λ_C C + λ_D S and b = λ_A a: the programme max bᵀw − ½wᵀMw of docs/model.md#boundary, in
    /// <paramref name="storage"/> (at least K² + K doubles).</summary>
    private static ProgrammeData Programme(AlignmentGame game, double[] storage)
    {
        int k = game.Count;
        var m = storage.AsMemory(0, k * k);
        game.FillInteractionMatrix(m.Span);
        var b = storage.AsMemory(k * k, k);
        for (int i = 0; i < k; i++)
        {
            b.Span[i] = game.Coefficients.Attractiveness * game.Attractiveness[i];
        }
        return new ProgrammeData(m, b);
    }

    /// <summary>The programme's M (K×K, row-major) and b.</summary>
    private readonly record struct ProgrammeData(ReadOnlyMemory<double> MStorage, ReadOnlyMemory<double> BStorage)
    {
        public ReadOnlySpan<double> M => MStorage.Span;

        public ReadOnlySpan<double> B => BStorage.Span;
    }

    private static bool IsInterior(IReadOnlyList<double> weights)
    {
        foreach (double w in weights)
        {
            if (!(w > 0))
            {
                return false;
            }
        }
        return true;
    }

    private static double[] Uniform(int k)
    {
        var u = new double[k];
        Array.Fill(u, 1.0 / k);
        return u;
    }
}

using ActiveAlignment.Certificates;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Populations;

/// <summary>The coupled closed form of a population: one linear system in (w_1..w_m, ν_1..ν_m), and its classification.</summary>
/// <param name="Status">Interior, NoInterior, Singular or NotConcave (some class's own concavity fails).</param>
/// <param name="Weights">w_c per class (null when singular).</param>
/// <param name="Multipliers">ν_c per class (null when singular).</param>
public sealed record PopulationClosedForm(ClosedFormStatus Status, IReadOnlyList<IReadOnlyList<double>>? Weights, IReadOnlyList<double>? Multipliers);

/// <summary>
/// Equilibria of populations of agent classes. At a class-symmetric profile the gradient of class c is
/// g_c = λ_A,c a_c − 2λ_C,c C_c w_c − (λ_D,c/(N−1)) S (Σ_d n_d w_d − w_c), and the profile is a Nash equilibrium (under each
/// class's own concavity) iff every class has ν_c with g_c,k ≤ ν_c, equality where w_c,k &gt; 0. With one class this is docs/model.md#homogeneous-equilibria.
/// </summary>
public static class PopulationSolver
{
    /// <summary>
    /// The interior closed form. The coupling is only through u = Σ n_d w_d: each class's bordered system makes w_c affine in
    /// u, and u solves one K×K system, so the cost is O(m K³), linear in the number of classes m.
    /// </summary>
    /// <param name="game">The population.</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static PopulationClosedForm ClosedForm(PopulationGame game)
    {
        Preconditions.CheckNotNull(game);
        var system = CoupledSystem.ForClasses(game, agentLevel: false);
        var full = Enumerable.Range(0, game.Classes.Count).Select(_ => Enumerable.Range(0, game.Count).ToArray()).ToArray();
        var solution = system.SolveOnSupports(full);
        if (solution is null)
        {
            return new PopulationClosedForm(ClosedFormStatus.Singular, null, null);
        }
        var (w, nu) = solution.Value;
        var status = game.Classes.Any(c => !c.Game.IsOwnConcave) ? ClosedFormStatus.NotConcave
            : w.All(x => x.All(v => v > 0)) ? ClosedFormStatus.Interior : ClosedFormStatus.NoInterior;
        return new PopulationClosedForm(status, w, nu);
    }

    /// <summary>
    /// The class-symmetric equilibrium, interior (closed form) or on the boundary (projected extragradient on the class-level
    /// variational inequality, then the exact support polish), with the Nash gap over every agent.
    /// </summary>
    /// <param name="game">The population.</param>
    /// <returns>The equilibrium and its certificate.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static PopulationEquilibrium Solve(PopulationGame game)
    {
        Preconditions.CheckNotNull(game);
        var closedForm = ClosedForm(game);
        var system = CoupledSystem.ForClasses(game, agentLevel: false);
        double[][] w;
        double[] nu;
        int iterations = 0;
        bool polished = true;
        if (closedForm.Status == ClosedFormStatus.Interior)
        {
            w = closedForm.Weights!.Select(x => x.ToArray()).ToArray();
            nu = closedForm.Multipliers!.ToArray();
        }
        else
        {
            var start = closedForm.Weights is { } candidate
                ? candidate.Select(x => x.ToArray()).ToArray()
                : game.Classes.Select(_ => Enumerable.Repeat(1.0 / game.Count, game.Count).ToArray()).ToArray();
            (w, nu, iterations, polished) = system.Solve(start, Tolerances.DualRelative * game.Scale);
        }
        var gap = ClassGaps(game, system, w);
        EquilibriumStatus status;
        string? reason = null;
        if (closedForm.Status == ClosedFormStatus.NotConcave)
        {
            status = EquilibriumStatus.NotConcave;
            reason = "own concavity fails for some class: the weights are a stationary point, not a certified equilibrium";
        }
        else if (gap.IsCertified)
        {
            status = w.All(x => x.All(v => v > 0)) ? EquilibriumStatus.Interior : EquilibriumStatus.Boundary;
        }
        else
        {
            status = EquilibriumStatus.NotConverged;
            reason = (polished ? string.Empty : "the boundary solver did not reach a verified KKT point; ") + gap.Reason;
        }
        return new PopulationEquilibrium(game, status, closedForm.Status, w, nu, iterations, system.KktResidual(w), gap,
            PopulationUniqueness.For(game), reason);
    }

    /// <summary>The gap of one agent of each class (its class-mates and the other classes held at w), with proved bounds.</summary>
    private static NashGapReport ClassGaps(PopulationGame game, CoupledSystem system, double[][] w)
    {
        var u = system.Coupling(w);
        var agents = new (double, double, bool)[game.Classes.Count];
        for (int c = 0; c < agents.Length; c++)
        {
            agents[c] = NashGap.OfAgent(game.Classes[c].Game, w[c], OthersMean(u, w[c], game.Agents));
        }
        return NashGapReport.Combine(agents, Tolerances.NashGapRelative * game.Scale);
    }

    internal static double[] OthersMean(double[] total, double[] own, int agents)
    {
        var others = new double[own.Length];
        if (agents > 1)
        {
            for (int i = 0; i < own.Length; i++)
            {
                others[i] = (total[i] - own[i]) / (agents - 1);
            }
        }
        return others;
    }
}

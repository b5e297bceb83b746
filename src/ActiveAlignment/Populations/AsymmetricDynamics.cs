using ActiveAlignment.Certificates;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Populations;

/// <summary>A profile with one mixture per agent, reached by <see cref="AsymmetricDynamics.Run"/>, with its Nash gap.</summary>
public sealed class AsymmetricProfile
{
    internal AsymmetricProfile(double[][] profile, NashGapReport gap, int iterations, bool polished, double kktResidual, bool isAsymmetric)
    {
        Profile = Array.AsReadOnly(profile.Select(mixture => (IReadOnlyList<double>)Array.AsReadOnly(mixture.ToArray())).ToArray());
        IsAsymmetric = isAsymmetric;
        NashGapReport = gap;
        Iterations = iterations;
        Polished = polished;
        KktResidual = kktResidual;
    }

    /// <summary>One mixture per agent, agents numbered class by class.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Profile { get; }

    /// <summary>The Nash gap over every agent, with each agent's gap.</summary>
    public NashGapReport NashGapReport { get; }

    /// <summary>Projected-gradient iterations before the exact polish.</summary>
    public int Iterations { get; }

    /// <summary>True when the exact support polish verified the KKT conditions of every agent.</summary>
    public bool Polished { get; }

    /// <summary>max over agents of ‖wᵢ − Π_Δ(wᵢ + gᵢ)‖∞.</summary>
    public double KktResidual { get; }

    /// <summary>True when the profile is not homogeneous within some class (agents specialise).</summary>
    public bool IsAsymmetric { get; }

    /// <summary>A one-line summary: the number of agents, whether the profile is asymmetric, and its certificate.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"AsymmetricProfile({Profile.Count} agents, {(IsAsymmetric ? "asymmetric" : "symmetric")}, {Iterations} iterations, KKT residual {KktResidual:G3}{(Polished ? ", polished" : "")})");
}

/// <summary>
/// Asymmetric equilibria: projected-(extra)gradient dynamics on the full profile (one mixture per agent) from a given start,
/// then the exact support polish and the Nash gap. Strong diversity (Rosen's second condition failing) can make identical
/// agents specialise.
/// </summary>
public static class AsymmetricDynamics
{
    /// <summary>Runs the dynamics.</summary>
    /// <param name="game">The population (a homogeneous game: <see cref="PopulationGame.FromGame"/>).</param>
    /// <param name="start">N starting mixtures, each on the simplex.</param>
    /// <param name="maxIterations">Iteration cap (≥ 1).</param>
    /// <returns>The profile reached and its certificate.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The start does not have N mixtures on the simplex, or the cap is below 1.</exception>
    public static AsymmetricProfile Run(PopulationGame game, IReadOnlyList<double[]> start, int maxIterations = 100_000)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(start);
        Preconditions.CheckAtLeast(maxIterations, 1, nameof(maxIterations));
        if (start.Count != game.Agents)
        {
            Preconditions.ThrowArgument(nameof(start), $"start has {start.Count} mixtures, expected one for each of the {game.Agents} agents.");
        }
        for (int i = 0; i < start.Count; i++)
        {
            NashGap.CheckMixture(start[i], game.Count, $"start[{i}]");
        }
        var system = CoupledSystem.ForClasses(game, agentLevel: true);
        // Follow the dynamics: a polished KKT point is accepted only once the iterate is within 1e-6 of it.
        var (w, _, iterations, polished) = system.Solve(start.Select(x => x.ToArray()).ToArray(), Tolerances.DualRelative * game.Scale, maxIterations, maxPolishDistance: 1e-6);
        var u = system.Coupling(w);
        var agents = new (double, double, bool)[w.Length];
        for (int i = 0; i < w.Length; i++)
        {
            var cls = game.Classes[game.ClassOf(i)];
            agents[i] = NashGap.OfAgent(cls.Game, w[i], PopulationSolver.OthersMean(u, w[i], game.Agents));
        }
        bool asymmetric = false;
        int agent = 0;
        foreach (var cls in game.Classes)
        {
            for (int i = 1; i < cls.Count; i++)
            {
                for (int k = 0; k < game.Count; k++)
                {
                    // Weights are shares in [0, 1]: an absolute difference is already scale-free.
                    asymmetric |= Math.Abs(w[agent + i][k] - w[agent][k]) > 1e-9;
                }
            }
            agent += cls.Count;
        }
        return new AsymmetricProfile(w, NashGapReport.Combine(agents, Tolerances.NashGapRelative * game.Scale), iterations, polished, system.KktResidual(w), asymmetric);
    }
}

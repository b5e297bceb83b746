using ActiveAlignment.Learning;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// Learning agents (docs/model.md#learning-agents): every equilibrium of a K = 5, N = 4 game (46,376 support multisets, each
/// filtered in doubles with a verified bound and the survivors decided in rationals), learning dynamics from 100 starts, the
/// stability of one equilibrium and the stability path along λ_D. Goal of the enumeration: well under a second.
/// </summary>
[MemoryDiagnoser]
public class LearningBenchmarks
{
    private AlignmentGame _k5n4 = null!;
    private AlignmentGame _specialising = null!;

    /// <summary>A seeded K = 5, N = 4 game with strong diversity (several equilibria), and the specialising sample.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var template = BenchmarkGames.Create(5, 1.0);
        _k5n4 = template.WithAgents(4).WithCoefficients(new IncentiveCoefficients(1.0, 0.3, 2.5));
        _specialising = AlignmentGame.Create(["left", "center", "right"], [0.5, 0.4, -0.1],
            new double[,] { { 1.0, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.1, 0.2, 1.2 } }, 4, new IncentiveCoefficients(1.0, 0.3, 1.3));
    }

    /// <summary>Every equilibrium of the K = 5, N = 4 game, exact.</summary>
    [Benchmark]
    public int EnumerateK5N4() => EquilibriumEnumeration.Enumerate(_k5n4).Equilibria.Count;

    /// <summary>Gradient play from 100 seeded starts on the K = 5, N = 4 game, one thread.</summary>
    [Benchmark]
    public int GradientK5N4() => LearningDynamics.Run(_k5n4, new DynamicsOptions { Starts = 100, Seed = 1, MaxDegreeOfParallelism = 1 }).Outcomes.Count;

    /// <summary>Hedge from 100 seeded starts on the specialising sample (K = 3, N = 4), one thread.</summary>
    [Benchmark]
    public int ReplicatorSpecialising() => LearningDynamics.Run(_specialising, new DynamicsOptions { Rule = LearningRule.Replicator, Starts = 100, Seed = 1, MaxDegreeOfParallelism = 1 }).Outcomes.Count;

    /// <summary>The stability of the homogeneous equilibrium (solve included).</summary>
    [Benchmark]
    public StabilityLabel SolveWithStabilityK5() => EquilibriumSolver.Solve(_k5n4).Stability.Label;

    /// <summary>stableUpTo along λ_D.</summary>
    [Benchmark]
    public double? StableUpToK5() => StabilityPath.AlongDiversity(_k5n4.WithCoefficients(new IncentiveCoefficients(1.0, 0.3, 0.2))).StableUpTo;
}

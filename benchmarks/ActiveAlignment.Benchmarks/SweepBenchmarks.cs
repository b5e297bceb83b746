using ActiveAlignment.Equilibria;
using ActiveAlignment.Sweeps;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// Sweep throughput (docs/model.md#exclusion) on a 200 × 200 consistency × diversity grid. Each benchmark reports the time per grid point
/// (OperationsPerInvoke = points), so points per second = 1e9 / Mean[ns].
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks
{
    private const int Side = 200;
    private const int Points = Side * Side;
    private AlignmentGame _game = null!;
    private ClosedFormFamily _family = null!;
    private GridAxis _x = null!;
    private GridAxis _y = null!;
    private double[] _weights = null!;

    /// <summary>K, the number of subpopulations.</summary>
    [Params(3, 5, 20)]
    public int K { get; set; }

    /// <summary>Seeded game and prepared family.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _game = BenchmarkGames.Create(K, attractivenessSpread: 0.5);
        _family = ClosedFormFamily.Create(_game);
        _x = GridAxis.Create(CoefficientAxis.Consistency, 0.01, 2, Side);
        _y = GridAxis.Create(CoefficientAxis.Diversity, 0, 3, Side);
        _weights = new double[K];
    }

    /// <summary>All weights at every point, classified and counted: the full sweep, all cores.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public long AllGroupsParallel() => ExclusionSweep.Run(_game, _x, _y).InteriorPoints;

    /// <summary>The same on one core.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public long AllGroupsOneCore() => ExclusionSweep.Run(_game, _x, _y, new SweepOptions { MaxDegreeOfParallelism = 1 }).InteriorPoints;

    /// <summary>All weights of every point through the family directly, one core, no counting.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double AllWeightsKernel()
    {
        double sum = 0;
        for (int j = 0; j < Side; j++)
        {
            for (int i = 0; i < Side; i++)
            {
                _family.Evaluate(new IncentiveCoefficients(1.0, _x.ValueAt(i), _y.ValueAt(j)), _weights);
                sum += _weights[0];
            }
        }
        return sum;
    }

    /// <summary>One group's weight at every point (O(K) each), one core.</summary>
    [Benchmark(OperationsPerInvoke = Points)]
    public double OneGroupKernel()
    {
        double sum = 0;
        for (int j = 0; j < Side; j++)
        {
            for (int i = 0; i < Side; i++)
            {
                sum += _family.EvaluateWeight(new IncentiveCoefficients(1.0, _x.ValueAt(i), _y.ValueAt(j)), K - 1);
            }
        }
        return sum;
    }
}

/// <summary>
/// The 1000 × 1000 grid at K = 5 that <c>benchmarks/peer/compare.py</c> also solves with batched numpy; time per point.
/// The game is <c>benchmarks/peer/game-k5.json</c>.
/// </summary>
[MemoryDiagnoser]
public class SweepGrid1000Benchmarks
{
    private const int Side = 1000;
    private AlignmentGame _game = null!;
    private GridAxis _x = null!;
    private GridAxis _y = null!;

    /// <summary>Loads the shared game file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _game = Serialization.GameJson.ReadFile(PeerGame.Path);
        _x = GridAxis.Create(CoefficientAxis.Consistency, 0.01, 2, Side);
        _y = GridAxis.Create(CoefficientAxis.Diversity, 0, 3, Side);
    }

    /// <summary>The whole sweep with its exclusion figures, all cores.</summary>
    [Benchmark(OperationsPerInvoke = Side * Side)]
    public long Sweep1000x1000() => ExclusionSweep.Run(_game, _x, _y).AnyGroup.Excluded;
}

/// <summary>Locates <c>benchmarks/peer/game-k5.json</c> from the benchmark's working directory.</summary>
internal static class PeerGame
{
    public static string Path
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "ActiveAlignment.sln")))
            {
                dir = dir.Parent;
            }
            return dir is null
                ? throw new FileNotFoundException("benchmarks/peer/game-k5.json not found: run from inside the repository.")
                : System.IO.Path.Combine(dir.FullName, "benchmarks", "peer", "game-k5.json");
        }
    }
}

/// <summary>
/// A boundary-aware sweep at K = 100 where every point lies on the boundary (200 × 200 consistency × diversity, the issue's
/// goal: under 5 s on 2 cores): each point is an exact active-set solve, started from the previous point of its row.
/// </summary>
[SimpleJob(BenchmarkDotNet.Engines.RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class BoundarySweepBenchmarks
{
    private AlignmentGame _game = null!;

    /// <summary>A seeded K = 100 game with a wide attractiveness spread (no interior equilibrium anywhere on the grid).</summary>
    [GlobalSetup]
    public void Setup() => _game = BenchmarkGames.Create(100, attractivenessSpread: 50.0);

    /// <summary>The whole boundary-aware sweep, all cores.</summary>
    [Benchmark]
    public long BoundarySweep200x200K100() => ExclusionSweep.Run(_game, GridAxis.Parse("consistency=0.05:2:200"), GridAxis.Parse("diversity=0:3:200"),
        new SweepOptions { Threshold = 0.01, BoundaryAware = true }).Boundary!.SolvedPoints;
}

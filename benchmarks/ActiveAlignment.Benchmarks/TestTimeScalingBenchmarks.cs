using ActiveAlignment.TestTimeScaling;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>v_k(π; ·) for every response: O(U·m) stable evaluations (m = 100 responses, U = 1000 user types).</summary>
[MemoryDiagnoser]
public class KSampleSharesBenchmarks
{
    private UserPopulation _population = null!;
    private double[] _policy = null!;
    private double[] _shares = null!;

    /// <summary>k.</summary>
    [Params(1, 10, 1000)]
    public int K { get; set; }

    /// <summary>A seeded population and policy.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _population = Testing.SeededGenerators.RandomUserPopulation(5, 100, 1000);
        var rng = new Random(9);
        _policy = Enumerable.Range(0, 100).Select(_ => rng.NextDouble()).ToArray();
        double sum = _policy.Sum();
        _policy = _policy.Select(p => p / sum).ToArray();
        _shares = new double[100];
    }

    /// <summary>All shares into a caller-owned span.</summary>
    [Benchmark]
    public double Shares()
    {
        KSampleShares.Shares(_population, _policy, K, _shares);
        return _shares[0];
    }
}

/// <summary>The symmetric equilibrium of the (k+1)-player alignment game (self-play, extragradient, Newton), k = 5, U = 50.</summary>
[MemoryDiagnoser]
public class AlignmentEquilibriumBenchmarks
{
    private UserPopulation _population = null!;

    /// <summary>m, the number of responses.</summary>
    [Params(10, 100)]
    public int Responses { get; set; }

    /// <summary>A seeded population.</summary>
    [GlobalSetup]
    public void Setup() => _population = Testing.SeededGenerators.RandomUserPopulation(3, Responses, 50);

    /// <summary>Solve and certify.</summary>
    [Benchmark]
    public double Solve() => AlignmentEquilibrium.Solve(_population, 5).Exploitability;
}

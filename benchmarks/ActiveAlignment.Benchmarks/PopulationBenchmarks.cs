using ActiveAlignment.Populations;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// Populations of m agent classes at K = 20: the coupled closed form should grow linearly in m (one K×K coupling system plus
/// one face factorisation per class), not cubically as a dense m(K+1) system would.
/// </summary>
[MemoryDiagnoser]
public class PopulationBenchmarks
{
    private PopulationGame _interior = null!;
    private PopulationGame _boundary = null!;

    /// <summary>m, the number of classes.</summary>
    [Params(2, 10, 100)]
    public int Classes { get; set; }

    /// <summary>Seeded interior (small attractiveness spread) and boundary (large spread) populations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _interior = Create(1e-3);
        _boundary = Create(20.0);
    }

    private PopulationGame Create(double spread)
    {
        const int k = 20;
        var template = BenchmarkGames.Create(k, spread);
        var rng = new Random(7);
        var classes = Enumerable.Range(0, Classes).Select(c => new AgentClassDefinition($"c{c}", 1 + rng.Next(5),
            new IncentiveCoefficients(0.5 + rng.NextDouble(), 0.5 + rng.NextDouble(), rng.NextDouble()),
            Enumerable.Range(0, k).Select(_ => spread * rng.NextDouble()).ToArray())).ToList();
        return PopulationGame.Create(template.Subpopulations, template.Inconsistency, classes);
    }

    /// <summary>The coupled closed form only.</summary>
    [Benchmark]
    public PopulationClosedForm ClosedForm() => PopulationSolver.ClosedForm(_interior);

    /// <summary>Full certified solve of an interior population.</summary>
    [Benchmark]
    public PopulationEquilibrium SolveInterior() => PopulationSolver.Solve(_interior);

    /// <summary>Full certified solve of a boundary population (extragradient + exact polish).</summary>
    [Benchmark]
    public PopulationEquilibrium SolveBoundary() => PopulationSolver.Solve(_boundary);
}

using ActiveAlignment.Equilibria;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// The linear-algebra hot path of the core: the closed-form solve (reduced bordered system, Cholesky or LU, condition estimate) and
/// the full certified solve on interior and boundary games.
/// </summary>
[MemoryDiagnoser]
public class EquilibriumBenchmarks
{
    private AlignmentGame _interior = null!;
    private AlignmentGame _boundary = null!;
    private double[] _weights = null!;

    /// <summary>K, the number of subpopulations.</summary>
    [Params(3, 5, 20, 100, 500)]
    public int K { get; set; }

    /// <summary>Builds seeded interior (small attractiveness spread) and boundary (large spread) games.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _interior = BenchmarkGames.Create(K, attractivenessSpread: 1e-3);
        _boundary = BenchmarkGames.Create(K, attractivenessSpread: 50.0);
        _weights = new double[K];
        if (ClosedFormSolver.Solve(_boundary).Status != ClosedFormStatus.NoInterior)
        {
            throw new InvalidOperationException("the boundary benchmark game must have no interior equilibrium");
        }
        _ = _interior.OwnConcavity; // set-up work (κ) belongs to the game, not to the timed call
        _ = _boundary.OwnConcavity;
    }

    /// <summary>Closed form into a caller-owned span: allocation-free (work on the stack for K ≤ 12, pooled above).</summary>
    [Benchmark]
    public ClosedFormStatus ClosedFormSpan() => ClosedFormSolver.Solve(_interior, _weights, out _, out _);

    /// <summary>Closed form returning its result object.</summary>
    [Benchmark]
    public ClosedFormSolution ClosedForm() => ClosedFormSolver.Solve(_interior);

    /// <summary>Full certified solve of an interior game (closed form + exact best response + uniqueness).</summary>
    [Benchmark]
    public HomogeneousEquilibrium SolveInterior() => EquilibriumSolver.Solve(_interior);

    /// <summary>Full certified solve of a boundary game (projected gradient + active-set polish + certificate).</summary>
    [Benchmark]
    public HomogeneousEquilibrium SolveBoundary() => EquilibriumSolver.Solve(_boundary);
}

using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// Complete exact enumeration of extreme equilibria and maximal Nash subsets (double description in integer arithmetic):
/// seeded random n×n games with one-decimal payoffs (generic), and the all-zero n×n game (maximally degenerate).
/// </summary>
[MemoryDiagnoser]
public class BimatrixBenchmarks
{
    private BimatrixGame _random = null!;
    private BimatrixGame _zero = null!;

    /// <summary>Actions per player.</summary>
    [Params(4, 8, 11)]
    public int N { get; set; }

    /// <summary>Seeded games.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(17);
        var a = new Rational[N, N];
        var b = new Rational[N, N];
        var zero = new Rational[N, N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                a[i, j] = new Rational(rng.Next(-50, 51), 10);
                b[i, j] = new Rational(rng.Next(-50, 51), 10);
                zero[i, j] = Rational.Zero;
            }
        }
        var names = Enumerable.Range(0, N).Select(i => $"a{i}").ToArray();
        _random = BimatrixGame.Create(names, names, a, b);
        _zero = BimatrixGame.Create(names, names, zero, zero);
    }

    /// <summary>A random game with one-decimal payoffs.</summary>
    [Benchmark]
    public int Random() => BimatrixSolver.Solve(_random).Equilibria.Count;

    /// <summary>The all-zero game: N² extreme equilibria in one component.</summary>
    [Benchmark]
    public int AllZero() => BimatrixSolver.Solve(_zero).Equilibria.Count;
}

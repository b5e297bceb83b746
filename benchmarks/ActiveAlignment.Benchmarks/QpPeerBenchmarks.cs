using System.Text.Json;
using ActiveAlignment.Equilibria;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// The certified boundary solve from scratch (game construction, own-concavity set-up, solve, certificate, uniqueness) on
/// the games <c>benchmarks/peer/qp_compare.py</c> writes and also gives to cvxopt, so that the two are timed on the same
/// inputs in one run. The games' directory comes from the environment variable AA_PEER_GAMES.
/// </summary>
[MemoryDiagnoser]
public class QpPeerBenchmarks
{
    private string[] _names = null!;
    private double[] _a = null!;
    private double[,] _c = null!;
    private IncentiveCoefficients _lambda;
    private int _agents;

    /// <summary>K, the number of subpopulations.</summary>
    [Params(5, 20, 100, 500)]
    public int K { get; set; }

    /// <summary>Reads <c>$AA_PEER_GAMES/k{K}.json</c> (a plain game with S = I).</summary>
    [GlobalSetup]
    public void Setup()
    {
        string dir = Environment.GetEnvironmentVariable("AA_PEER_GAMES")
            ?? throw new InvalidOperationException("set AA_PEER_GAMES to the folder written by benchmarks/peer/qp_compare.py");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, $"k{K}.json")));
        var root = doc.RootElement;
        _names = root.GetProperty("subpopulations").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToArray();
        _a = root.GetProperty("subpopulations").EnumerateArray().Select(s => s.GetProperty("attractiveness").GetDouble()).ToArray();
        var rows = root.GetProperty("inconsistency").EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
        _c = new double[K, K];
        for (int i = 0; i < K; i++)
        {
            for (int j = 0; j < K; j++)
            {
                _c[i, j] = rows[i][j];
            }
        }
        var lambda = root.GetProperty("coefficients");
        _lambda = new IncentiveCoefficients(lambda.GetProperty("attractiveness").GetDouble(), lambda.GetProperty("consistency").GetDouble(),
            lambda.GetProperty("diversity").GetDouble());
        _agents = root.GetProperty("agents").GetInt32();
    }

    /// <summary>Everything from the numbers to a certified equilibrium, as cvxopt is timed from its matrices to its answer.</summary>
    [Benchmark]
    public HomogeneousEquilibrium CertifiedSolveFromScratch()
    {
        var eq = EquilibriumSolver.Solve(AlignmentGame.Create(_names, _a, _c, _agents, _lambda));
        return eq.IsCertifiedEquilibrium ? eq : throw new InvalidOperationException($"K = {K}: not certified: {eq.Reason}");
    }
}

using System.Globalization;
using System.Text;
using ActiveAlignment.Estimation;
using ActiveAlignment.Sweeps;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// Estimation at scale (docs/estimation.md): reading a 1-million-row inconsistency table, bootstrapping it (B = 1000), and an
/// ensemble sweep (B = 1000 replicates of a 200 × 200 grid at K = 5). Each operation takes seconds, so one launch with three
/// measured iterations is enough: <c>dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter '*EstimationBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class EstimationBenchmarks
{
    private static readonly string[] Groups = ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"];
    private string _inconsistencyPath = null!;
    private AttractivenessTable _attractiveness = null!;
    private PairTable _inconsistency = null!;
    private Ensemble _ensemble = null!;

    /// <summary>Writes a seeded 1,000,000-row inconsistency table (50,000 prompts × 20 rows) to a temporary file.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _inconsistencyPath = Path.Combine(Path.GetTempPath(), $"aa-bench-inconsistency-{Environment.ProcessId}.csv");
        using (var writer = new StreamWriter(_inconsistencyPath, false, new UTF8Encoding(false), 1 << 16))
        {
            writer.Write("prompt,group_a,group_b,score\n");
            for (int p = 0; p < 50_000; p++)
            {
                for (int r = 0; r < 20; r++)
                {
                    int i = random.Next(5), j = r < 15 ? (i + r) % 5 : random.Next(5);
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"p{p},{Groups[i]},{Groups[j]},{random.NextDouble():F4}\n"));
                }
            }
        }
        var a = new StringBuilder("unit,group,value\n");
        for (int u = 0; u < 2000; u++)
        {
            a.Append(CultureInfo.InvariantCulture, $"u{u},{Groups[u % 5]},{random.NextDouble():F4}\n");
        }
        _attractiveness = AttractivenessTable.Read(new StringReader(a.ToString()));
        _inconsistency = PairTable.ReadFile(_inconsistencyPath, _attractiveness.Groups);
        _ensemble = GameEstimator.Estimate(_attractiveness, _inconsistency, null, GameEstimator.Template(Groups, 6, new(1, 0.5, 0.2)),
            new EstimationOptions { Replicates = 1000 }).Ensemble;
    }

    /// <summary>Removes the temporary table.</summary>
    [GlobalCleanup]
    public void Cleanup() => File.Delete(_inconsistencyPath);

    /// <summary>Reads and reduces the 1-million-row table to its 50,000 prompt clusters.</summary>
    [Benchmark]
    public int ReadMillionRowTable() => PairTable.ReadFile(_inconsistencyPath, Groups).Clusters;

    /// <summary>B = 1000 cluster-bootstrap replicates of the 1-million-row table (and a 2,000-row attractiveness table).</summary>
    [Benchmark]
    public int BootstrapMillionRowTable() => GameEstimator.Estimate(_attractiveness, _inconsistency, null,
        GameEstimator.Template(Groups, 6, new(1, 0.5, 0.2)), new EstimationOptions { Replicates = 1000 }).Ensemble.Replicates.Count;

    /// <summary>B = 1000 replicates of a 200 × 200 sweep at K = 5 (40 million equilibria), with intervals.</summary>
    [Benchmark]
    public double EnsembleSweep200x200() => EnsembleAnalysis.Sweep(_ensemble, GridAxis.Parse("consistency=0.05:2:200"),
        GridAxis.Parse("diversity=0:3:200"), new SweepOptions { Threshold = 0.05 }).AnyGroup.ExclusionArea.Point ?? 0;
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Learning;
using ActiveAlignment.Serialization;
using BenchmarkDotNet.Attributes;

namespace ActiveAlignment.Benchmarks;

/// <summary>
/// The stages of one <c>solve --batch</c> line on a K = 5 record shaped like <c>benchmarks/performance.sh</c>'s: reading the
/// record from its bytes, the certified solve, the stability report, writing the answer line, and 1,000 lines end to end
/// on one thread (in memory, so the disk is not measured).
/// </summary>
[MemoryDiagnoser]
public class BatchBenchmarks
{
    private byte[] _record = null!;
    private AlignmentGame _game = null!;
    private HomogeneousEquilibrium _equilibrium = null!;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private byte[] _thousand = null!;
    private static readonly string[] Names = ["openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"];

    /// <summary>A seeded record of five named groups with four-decimal inconsistencies, and 1,000 such records.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2026);
        string Record(int i)
        {
            var game = BenchmarkGames.Create(5, attractivenessSpread: 1.0, seed: 1000 + i);
            string names = string.Join(", ", Names.Select((n, k) => $"{{\"name\": \"{n}\", \"attractiveness\": {Math.Round(game.Attractiveness[k], 3).ToString(System.Globalization.CultureInfo.InvariantCulture)}}}"));
            string rows = string.Join(", ", Enumerable.Range(0, 5).Select(r => "[" + string.Join(", ", Enumerable.Range(0, 5)
                .Select(c => Math.Round(game.Inconsistency[Math.Min(r, c), Math.Max(r, c)], 4).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]"));
            return $"{{\"id\": \"g{i}\", \"game\": {{\"subpopulations\": [{names}], \"inconsistency\": [{rows}], \"agents\": {1 + rng.Next(8)}, "
                + $"\"coefficients\": {{\"attractiveness\": 1, \"consistency\": 0.8, \"diversity\": 0.4}}}}}}";
        }
        _record = Encoding.UTF8.GetBytes(Record(0));
        if (!JsonLinesRecord.TryReadGame(_record, out var game, out _))
        {
            throw new InvalidOperationException("the benchmark record must take the fast reader");
        }
        _game = game;
        _equilibrium = EquilibriumSolver.Solve(_game);
        _ = _equilibrium.Stability;
        _thousand = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 1000).Select(i => Record(i) + "\n")));
    }

    /// <summary>The record read from its bytes into a validated game.</summary>
    [Benchmark]
    public AlignmentGame? Read() => JsonLinesRecord.TryReadGame(_record, out var game, out _) ? game : null;

    /// <summary>The certified solve (closed form, exact best response, uniqueness).</summary>
    [Benchmark]
    public HomogeneousEquilibrium Solve() => EquilibriumSolver.Solve(_game);

    /// <summary>The stability report every answer carries (two face modes, Cholesky proofs and λ_min).</summary>
    [Benchmark]
    public StabilityReport Stability() => ActiveAlignment.Learning.Stability.OfHomogeneous(_game, _equilibrium.WeightsSpan);

    /// <summary>The answer line written as bytes.</summary>
    [Benchmark]
    public int WriteLine()
    {
        _line.ResetWrittenCount();
        AnswerLine.TryWrite(_line, 1, new JsonLinesRecordId("g0", false), _equilibrium, 0.01);
        return _line.WrittenCount;
    }

    /// <summary>The same line through <see cref="Utf8JsonWriter"/> (what <see cref="AnswerLine"/> replaces; same bytes).</summary>
    [Benchmark]
    public int WriteLineWithWriter()
    {
        _line.ResetWrittenCount();
        using var w = new Utf8JsonWriter(_line);
        w.WriteStartObject();
        w.WriteNumber("line", 1);
        w.WriteString("id", "g0");
        AnswerJson.WriteEquilibrium(w, _equilibrium, 0.01);
        w.WriteEndObject();
        w.Flush();
        return _line.WrittenCount;
    }

    /// <summary>1,000 records end to end on one thread, in memory.</summary>
    [Benchmark(OperationsPerInvoke = 1000)]
    public long ThousandLines() => JsonLinesBatch.Solve(new MemoryStream(_thousand), Stream.Null, 0.01, threads: 1).Solved;
}

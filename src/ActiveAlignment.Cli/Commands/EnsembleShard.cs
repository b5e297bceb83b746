using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Estimation;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// Ensemble sweeps sharded by replicate: shard I of N sweeps replicates I, I + N, … (and shard 0 the point game too) and
/// stores each one's exact counters; <c>merge</c> puts them back in replicate order and prints the unsharded answer.
/// </summary>
internal static class EnsembleShard
{
    public const string Format = "active-alignment-ensemble-sweep-partial/1";

    public static void Run(CommandContext context, ParseResult parse, Ensemble ensemble, GridAxis x, GridAxis y, double threshold, bool boundary,
        double confidence, SweepShard shard, string partialPath, int threads)
    {
        AtomicFile.Check(partialPath, "--partial");
        var games = ensemble.ReplicateGames;
        var indices = shard.Rows(games.Count).ToArray();
        var whole = new SweepOptions { Threshold = threshold, BoundaryAware = boundary, Shard = new SweepShard(0, 1), MaxDegreeOfParallelism = 1, CancellationToken = context.Cancellation };
        SweepPartial? point = shard.Index == 0 ? ExclusionSweep.RunPartial(ensemble.PointGame, x, y,
            new SweepOptions { Threshold = threshold, BoundaryAware = boundary, Shard = new SweepShard(0, 1), MaxDegreeOfParallelism = threads, CancellationToken = context.Cancellation }) : null;
        var partials = new SweepPartial[indices.Length];
        Parallel.For(0, indices.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = context.Cancellation },
            i => partials[i] = ExclusionSweep.RunPartial(games[indices[i]], x, y, whole));
        var provenance = Provenance.Describe(parse, context.Console);
        string json = Cli.Format.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("ensembleSha256", Hash(ensemble));
            w.StringArray("groups", ensemble.Point.Names);
            w.WriteStartObject("sweep");
            w.WriteString("x", x.ToString());
            w.WriteString("y", y.ToString());
            w.WriteNumber("threshold", threshold);
            w.WriteBoolean("boundary", boundary);
            w.WriteNumber("confidence", confidence);
            w.WriteNumber("replicates", games.Count);
            w.WriteEndObject();
            w.WriteStartObject("shard");
            w.WriteNumber("index", shard.Index);
            w.WriteNumber("count", shard.Count);
            w.WriteEndObject();
            if (point is null)
            {
                w.WriteNull("point");
            }
            else
            {
                w.WritePropertyName("point");
                Counters(w, point);
            }
            w.WriteStartObject("replicates");
            for (int i = 0; i < indices.Length; i++)
            {
                w.WritePropertyName(indices[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
                Counters(w, partials[i]);
            }
            w.WriteEndObject();
            w.WritePropertyName("provenance");
            Provenance.Write(w, provenance);
            w.WriteEndObject();
        });
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        AtomicFile.Write(context, partialPath, "--partial", s => s.Write(bytes));
        context.Buffer.Write($"shard {shard}: {indices.Length} of {games.Count} replicates{(point is null ? "" : " and the point game")} written to {partialPath}; merge every shard with 'active-alignment merge'\n");
    }

    private static string Hash(Ensemble ensemble) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(EnsembleJson.Write(ensemble))));

    private static void Counters(Utf8JsonWriter w, SweepPartial p)
    {
        w.WriteStartObject();
        w.WriteBoolean("diagonal", p.Diagonal);
        w.WriteStartArray("counters");
        foreach (long c in p.Counters)
        {
            w.WriteNumberValue(c);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static bool IsEnsemblePartial(string text)
    {
        try
        {
            using var d = JsonDocument.Parse(text);
            return d.RootElement.ValueKind == JsonValueKind.Object && d.RootElement.TryGetProperty("format", out var f) && f.GetString() == Format;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Merges ensemble partials into the unsharded <c>sweep --ensemble --json</c> answer.</summary>
    public static (ExclusionSummary Point, SweepUncertainty Uncertainty, Provenance.Record Provenance) Merge(IReadOnlyList<(string Path, string Text)> files)
    {
        var docs = files.Select(f => (f.Path, Doc: JsonDocument.Parse(f.Text))).ToList();
        try
        {
            var first = docs[0].Doc.RootElement;
            string sweepDefinition = first.GetProperty("sweep").GetRawText();
            string hash = first.GetProperty("ensembleSha256").GetString()!;
            int n = first.GetProperty("shard").GetProperty("count").GetInt32();
            foreach (var (path, doc) in docs)
            {
                var root = doc.RootElement;
                if (root.GetProperty("ensembleSha256").GetString() != hash)
                {
                    throw new CliException($"{path} and {docs[0].Path} are sweeps of different ensembles.");
                }
                if (root.GetProperty("sweep").GetRawText() != sweepDefinition || root.GetProperty("shard").GetProperty("count").GetInt32() != n)
                {
                    throw new CliException($"{path} and {docs[0].Path} are shards of different sweeps (axes, threshold, boundary option, confidence or shard count differ).");
                }
            }
            var shards = docs.GroupBy(d => d.Doc.RootElement.GetProperty("shard").GetProperty("index").GetInt32()).ToList();
            if (shards.FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new CliException($"shard {twice.Key}/{n} given more than once ({string.Join(", ", twice.Select(d => d.Path))}); each shard must be merged exactly once.");
            }
            var missing = Enumerable.Range(0, n).Except(shards.Select(g => g.Key)).ToList();
            if (missing.Count > 0)
            {
                throw new CliException($"shard{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"{m}/{n}"))} missing: replicates {missing[0]}, {missing[0] + n}, … are not covered.");
            }
            var groups = first.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToArray();
            var sweep = first.GetProperty("sweep");
            var x = GridAxis.Parse(sweep.GetProperty("x").GetString()!);
            var y = GridAxis.Parse(sweep.GetProperty("y").GetString()!);
            double threshold = sweep.GetProperty("threshold").GetDouble();
            bool boundary = sweep.GetProperty("boundary").GetBoolean();
            double confidence = sweep.GetProperty("confidence").GetDouble();
            int b = sweep.GetProperty("replicates").GetInt32();
            ExclusionSummary Summary(JsonElement e) => ExclusionSweep.Merge([SweepPartial.Create(groups, x, y, threshold, boundary,
                e.GetProperty("diagonal").GetBoolean(), new SweepShard(0, 1), e.GetProperty("counters").EnumerateArray().Select(c => c.GetInt64()).ToArray())]);
            var point = Summary(docs.Select(d => d.Doc.RootElement.GetProperty("point")).Single(p => p.ValueKind != JsonValueKind.Null));
            var replicates = new ExclusionSummary?[b];
            foreach (var (_, doc) in docs)
            {
                foreach (var property in doc.RootElement.GetProperty("replicates").EnumerateObject())
                {
                    replicates[int.Parse(property.Name, System.Globalization.CultureInfo.InvariantCulture)] = Summary(property.Value);
                }
            }
            if (Array.IndexOf(replicates, null) is int gap and >= 0)
            {
                throw new CliException($"replicate {gap} is in no partial; were the partials edited?");
            }
            var uncertainty = EnsembleAnalysis.Summarise(point, replicates!, confidence);
            return (point, uncertainty, Provenance.Read(first.GetProperty("provenance")));
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new CliException($"not a valid ensemble partial sweep file ({e.Message.Split(" (Parameter", 2)[0]}).");
        }
        finally
        {
            foreach (var (_, doc) in docs)
            {
                doc.Dispose();
            }
        }
    }
}

using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using ActiveAlignment.Estimation;
using ActiveAlignment.Serialization;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Sweeps;

/// <summary>
/// The partial files of an ensemble sweep sharded by replicate: read back, checked to be one sweep of one ensemble covering
/// every replicate once, and merged into the unsharded answer (point summary and bootstrap uncertainty).
/// </summary>
internal static class EnsemblePartialFile
{
    /// <summary>The "format" of an ensemble partial file.</summary>
    public const string FormatName = "active-alignment-ensemble-sweep-partial/1";

    /// <summary>
    /// Sweeps shard I of N of an ensemble (replicates I, I + N, …, and the point game too in shard 0), each replicate on one
    /// thread, and returns the partial file's JSON with the number of replicates swept and whether the point game was.
    /// </summary>
    internal static (string Json, int Replicates, bool Point) RunShard(Ensemble ensemble, GridAxis x, GridAxis y, double threshold, bool boundary,
        double confidence, SweepShard shard, int threads, ProvenanceJson.Record provenance, CancellationToken cancellation)
    {
        var games = ensemble.ReplicateGames;
        var indices = shard.Rows(games.Count).ToArray();
        var whole = new SweepOptions { Threshold = threshold, BoundaryAware = boundary, Shard = new SweepShard(0, 1), MaxDegreeOfParallelism = 1, CancellationToken = cancellation };
        SweepPartial? point = shard.Index == 0 ? ExclusionSweep.RunPartial(ensemble.PointGame, x, y,
            new SweepOptions { Threshold = threshold, BoundaryAware = boundary, Shard = new SweepShard(0, 1), MaxDegreeOfParallelism = threads, CancellationToken = cancellation }) : null;
        var partials = new SweepPartial[indices.Length];
        Parallel.For(0, indices.Length, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation },
            i => partials[i] = ExclusionSweep.RunPartial(games[indices[i]], x, y, whole));
        string json = Format.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
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
            ProvenanceJson.Write(w, provenance);
            w.WriteEndObject();
        });
        return (json, indices.Length, point is not null);
    }

    /// <summary>Merges ensemble partials into the unsharded <c>sweep --ensemble --json</c> answer.</summary>
    internal static (ExclusionSummary Point, SweepUncertainty Uncertainty, ProvenanceJson.Record Provenance) Merge(IReadOnlyList<(string Path, string Text)> files)
    {
        var parts = new List<Part>();
        foreach (var (path, text) in files)
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                parts.Add(ReadPart(path, doc.RootElement));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
            {
                string label = IO.InputFiles.Label(path);
                throw new PartialFileFormatException(label, $"not a valid ensemble partial sweep file ({e.Message.Split(" (Parameter", 2)[0]}).", e);
            }
        }
        var first = parts[0];
        foreach (var part in parts.Skip(1))
        {
            if (part.Hash != first.Hash)
            {
                throw Mismatch(part.Path, $"{part.Path} and {first.Path} are sweeps of different ensembles.");
            }
            if (!part.Groups.SequenceEqual(first.Groups) || part.X != first.X || part.Y != first.Y || !part.Threshold.Equals(first.Threshold)
                || part.Boundary != first.Boundary || !part.Confidence.Equals(first.Confidence) || part.Replicates != first.Replicates || part.Shard.Count != first.Shard.Count)
            {
                throw Mismatch(part.Path, $"{part.Path} and {first.Path} are shards of different sweeps (groups, axes, threshold, boundary option, confidence, replicates or shard count differ).");
            }
            if (!ProvenanceJson.SameAnswer(part.Provenance, first.Provenance))
            {
                throw Mismatch(part.Path, $"{part.Path} and {first.Path} record different provenance (options or input hashes); the merged answer can carry only one.");
            }
        }
        int n = first.Shard.Count;
        try
        {
            SweepShard.CheckCover(parts.Select(p => p.Shard.Index).ToList(), n, "replicates", "of the ensemble", first.Replicates);
            var point = ExclusionSweep.Merge([parts.Single(p => p.Point is not null).Point!]);
            var replicates = new ExclusionSummary[first.Replicates];
            foreach (var part in parts)
            {
                foreach (var (r, counters) in part.Items)
                {
                    replicates[r] = ExclusionSweep.Merge([counters]);
                }
            }
            var uncertainty = EnsembleAnalysis.Summarise(point, replicates, first.Confidence);
            return (point, uncertainty, first.Provenance);
        }
        catch (ArgumentException e)
        {
            throw Mismatch(first.Path, $"not a valid set of ensemble partials ({e.Message.Split(" (Parameter", 2)[0]}).", e);
        }
    }

    /// <summary>Partials that do not belong together: the message names both files.</summary>
    private static PartialFileFormatException Mismatch(string path, string message, Exception? inner = null) =>
        new(path, message, message, inner);

    /// <summary>One ensemble partial, read and checked on its own.</summary>
    internal sealed record Part(string Path, string Hash, string[] Groups, GridAxis X, GridAxis Y, double Threshold, bool Boundary, double Confidence,
        int Replicates, SweepShard Shard, SweepPartial? Point, List<(int Replicate, SweepPartial Counters)> Items,
        ProvenanceJson.Record Provenance);

    internal static Part ReadPart(string path, JsonElement root)
    {
        var sweep = root.GetProperty("sweep");
        var shard = root.GetProperty("shard");
        var groups = root.GetProperty("groups").EnumerateArray().Select(g => g.GetString() ?? throw new FormatException("a group name is null")).ToArray();
        var x = GridAxis.Parse(sweep.GetProperty("x").GetString()!);
        var y = GridAxis.Parse(sweep.GetProperty("y").GetString()!);
        double threshold = OpenUnit(sweep.GetProperty("threshold").GetDouble(), "sweep.threshold");
        bool boundary = sweep.GetProperty("boundary").GetBoolean();
        double confidence = OpenUnit(sweep.GetProperty("confidence").GetDouble(), "sweep.confidence");
        int b = sweep.GetProperty("replicates").GetInt32();
        if (b < 1)
        {
            throw new FormatException($"sweep.replicates is {b}; an ensemble has at least one replicate");
        }
        var s = new SweepShard(shard.GetProperty("index").GetInt32(), shard.GetProperty("count").GetInt32()).Validate();
        SweepPartial Counters(JsonElement e, string what)
        {
            try
            {
                return SweepPartial.Create(groups, x, y, threshold, boundary, e.GetProperty("diagonal").GetBoolean(), new SweepShard(0, 1),
                    SweepCounters.FromList(groups.Length, e.GetProperty("counters").EnumerateArray().Select(c => c.GetInt64()).ToArray()));
            }
            catch (ArgumentException error)
            {
                throw new FormatException($"{what}: {error.Message.Split(" (Parameter", 2)[0].Replace("the counters of shard 0/1", "the counters", StringComparison.Ordinal)}");
            }
        }
        var pointElement = root.GetProperty("point");
        SweepPartial? point = pointElement.ValueKind == JsonValueKind.Null ? null : Counters(pointElement, "the point game");
        if ((point is null) != (s.Index != 0))
        {
            throw new FormatException(s.Index == 0 ? "shard 0 must hold the point game's counters" : $"shard {s} holds the point game's counters, which only shard 0 holds");
        }
        var items = new List<(int, SweepPartial)>();
        var expected = s.Rows(b).ToList();
        foreach (var property in root.GetProperty("replicates").EnumerateObject())
        {
            if (!int.TryParse(property.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int r)
                || r.ToString(System.Globalization.CultureInfo.InvariantCulture) != property.Name || r >= b || r % s.Count != s.Index)
            {
                throw new FormatException($"replicate key \"{ActiveAlignment.Serialization.Format.Visible(property.Name.Length > 20 ? property.Name[..20] + "…" : property.Name)}\" is not one of shard {s}'s replicates " +
                    $"({s.Index}, {(long)s.Index + s.Count}, … below {b})");
            }
            items.Add((r, Counters(property.Value, $"replicate {r}")));
        }
        var held = items.Select(i => i.Item1).ToList();
        if (held.Distinct().Count() != held.Count)
        {
            throw new FormatException($"replicate {held.GroupBy(h => h).First(g => g.Count() > 1).Key} is held twice");
        }
        if (held.Count != expected.Count)
        {
            throw new FormatException($"shard {s} must hold replicates {string.Join(", ", expected.Take(3))}{(expected.Count > 3 ? ", …" : "")} ({expected.Count}); it holds {held.Count}");
        }
        string hash = SweepPartialFile.Sha256(root.GetProperty("ensembleSha256"), "ensembleSha256");
        var provenance = ProvenanceJson.Read(root.GetProperty("provenance"));
        if (ProvenanceJson.Contradiction(provenance, x, y, threshold, boundary, confidence) is { } contradiction)
        {
            throw new FormatException($"its provenance contradicts its sweep: {contradiction}");
        }
        return new Part(path, hash, groups, x, y, threshold, boundary, confidence, b, s, point, items, provenance);
    }

    internal static double OpenUnit(double value, string field) =>
        value > 0 && value < 1 ? value : throw new FormatException($"{field} is {value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; it must be in (0, 1)");

    internal static string Hash(Ensemble ensemble) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(EnsembleJson.Write(ensemble)))).ToLowerInvariant();

    internal static void Counters(Utf8JsonWriter w, SweepPartial p)
    {
        w.WriteStartObject();
        w.WriteBoolean("diagonal", p.Diagonal);
        w.WriteStartArray("counters");
        foreach (long c in p.Counters.ToList())
        {
            w.WriteNumberValue(c);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static bool IsEnsemblePartial(string text)
    {
        try
        {
            using var d = JsonDocument.Parse(text);
            return d.RootElement.ValueKind == JsonValueKind.Object && d.RootElement.TryGetProperty("format", out var f)
                && f.ValueKind == JsonValueKind.String && f.GetString() == FormatName;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

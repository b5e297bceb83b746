using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Sweeps;

/// <summary>
/// A partial sweep file (<c>sweep --shard I/N --partial FILE</c>): the sweep's definition, the SHA-256 of the game's canonical
/// JSON, the shard, its exact integer counters, its CSV file if any, and the provenance the merged answer will carry.
/// </summary>
internal sealed record SweepPartialFile(string GameSha256, SweepPartial Partial, string? CsvPath, string? CsvSha256, ProvenanceJson.Record Provenance)
{
    public const string Format = "active-alignment-sweep-partial/1";

    /// <summary>SHA-256 of the game's canonical JSON (GameJson.Write), so the same game written differently hashes the same.</summary>
    public static string GameHash(AlignmentGame game) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(GameJson.Write(game)))).ToLowerInvariant();

    public string ToJson() => ActiveAlignment.Serialization.Format.Json(w =>
    {
        var p = Partial;
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteStartObject("game");
        w.WriteString("sha256", GameSha256);
        w.StringArray("groups", p.Groups);
        w.WriteEndObject();
        w.WriteStartObject("sweep");
        w.WriteString("x", p.X.ToString());
        w.WriteString("y", p.Y.ToString());
        w.WriteNumber("threshold", p.Threshold);
        w.WriteBoolean("boundary", p.BoundaryAware);
        w.WriteBoolean("diagonal", p.Diagonal);
        w.WriteEndObject();
        w.WriteStartObject("shard");
        w.WriteNumber("index", p.Shard.Index);
        w.WriteNumber("count", p.Shard.Count);
        w.WriteEndObject();
        w.WriteStartArray("counters");
        foreach (long c in p.Counters.ToList())
        {
            w.WriteNumberValue(c);
        }
        w.WriteEndArray();
        if (CsvPath is null)
        {
            w.WriteNull("csv");
        }
        else
        {
            w.WriteStartObject("csv");
            w.WriteString("path", CsvPath);
            w.WriteString("sha256", CsvSha256);
            w.WriteEndObject();
        }
        w.WritePropertyName("provenance");
        ProvenanceJson.Write(w, Provenance);
        w.WriteEndObject();
    });

    /// <summary>A SHA-256 as written: 64 lower-case hexadecimal digits.</summary>
    internal static string Sha256(JsonElement element, string field)
    {
        string? hash = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        if (hash is null || hash.Length != 64 || !hash.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f')))
        {
            throw new FormatException($"{field} must be a SHA-256: 64 lower-case hexadecimal digits");
        }
        return hash;
    }

    public static SweepPartialFile Read(string text, string label)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            {
                throw new PartialFileFormatException(label, $"not a partial sweep file (its \"format\" must be \"{Format}\"; write one with sweep --shard I/N --partial FILE).");
            }
            var game = root.GetProperty("game");
            var sweep = root.GetProperty("sweep");
            var shard = root.GetProperty("shard");
            var groups = game.GetProperty("groups").EnumerateArray().Select(g => g.GetString()!).ToArray();
            var partial = SweepPartial.Create(groups, GridAxis.Parse(sweep.GetProperty("x").GetString()!), GridAxis.Parse(sweep.GetProperty("y").GetString()!),
                sweep.GetProperty("threshold").GetDouble(), sweep.GetProperty("boundary").GetBoolean(), sweep.GetProperty("diagonal").GetBoolean(),
                new SweepShard(shard.GetProperty("index").GetInt32(), shard.GetProperty("count").GetInt32()),
                SweepCounters.FromList(groups.Length, root.GetProperty("counters").EnumerateArray().Select(c => c.GetInt64()).ToArray()));
            var csv = root.GetProperty("csv");
            string gameHash = Sha256(game.GetProperty("sha256"), "game.sha256");
            var provenance = ProvenanceJson.Read(root.GetProperty("provenance"));
            if (ProvenanceJson.Contradiction(provenance, partial.X, partial.Y, partial.Threshold, partial.BoundaryAware, null) is { } contradiction)
            {
                throw new PartialFileFormatException(label, $"its provenance contradicts its sweep: {contradiction}; the partial was edited or damaged.");
            }
            return new SweepPartialFile(gameHash, partial,
                csv.ValueKind == JsonValueKind.Null ? null : csv.GetProperty("path").GetString(),
                csv.ValueKind == JsonValueKind.Null ? null : Sha256(csv.GetProperty("sha256"), "csv.sha256"),
                provenance);
        }
        catch (Exception e) when (e is not InputFormatException and (JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException))
        {
            throw new PartialFileFormatException(label, $"not a valid partial sweep file ({e.Message.Split(" (Parameter", 2)[0]}).", e);
        }
    }

    /// <summary>
    /// The whole sweep from its shards' partial files: they must be of one game (by its canonical hash) with one provenance,
    /// and cover every row exactly once (<see cref="ExclusionSweep.Merge"/>); the summary is the unsharded sweep's, exactly.
    /// </summary>
    /// <exception cref="PartialFileFormatException">The partials do not make one sweep; the message names the files.</exception>
    public static ExclusionSummary Merge(IReadOnlyList<(string Path, SweepPartialFile File)> files)
    {
        var first = files[0];
        foreach (var (path, file) in files.Skip(1))
        {
            if (file.GameSha256 != first.File.GameSha256)
            {
                string message = $"{path} and {first.Path} are sweeps of different games (game SHA-256 {file.GameSha256[..12]}… vs {first.File.GameSha256[..12]}…).";
                throw new PartialFileFormatException(path, message, message, null);
            }
            if (!ProvenanceJson.SameAnswer(file.Provenance, first.File.Provenance))
            {
                string message = $"{path} and {first.Path} record different provenance (options or input hashes); the merged answer can carry only one.";
                throw new PartialFileFormatException(path, message, message, null);
            }
        }
        try
        {
            return ExclusionSweep.Merge(files.Select(f => f.File.Partial).ToList());
        }
        catch (ArgumentException e)
        {
            string message = e.Message.Split(" (Parameter", 2)[0] + $" (partials: {string.Join(", ", files.Select(f => $"{f.Path} = shard {f.File.Partial.Shard}"))})";
            throw new PartialFileFormatException(first.Path, message, message, e);
        }
    }

    /// <summary>
    /// Runs one shard of a sweep, writing its CSV rows to <paramref name="csv"/> when given, and returns the shard's counters
    /// with the SHA-256 of the CSV bytes written (null without a CSV), which the partial file records so that a merge can
    /// tell a CSV that changed since.
    /// </summary>
    public static (SweepPartial Partial, string? CsvSha256) RunShard(AlignmentGame game, GridAxis x, GridAxis y, SweepOptions options, Stream? csv)
    {
        if (csv is null)
        {
            return (ExclusionSweep.RunPartial(game, x, y, options), null);
        }
        using var hashing = new HashingStream(csv);
        SweepPartial partial;
        using (var writer = new StreamWriter(hashing, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
        {
            partial = ExclusionSweep.RunPartial(game, x, y, options, new CsvSweepSink(writer, game, x, y));
        }
        return (partial, hashing.Hash());
    }

    /// <summary>
    /// Writes the whole sweep's CSV from the shards' CSV files, rows in grid order, after checking that every shard has one
    /// (found as written, or beside its partial file) and that none has changed since its shard wrote it (SHA-256).
    /// </summary>
    /// <exception cref="PartialFileFormatException">A CSV is missing, changed, of another sweep, or ends early; the message
    /// starts with <paramref name="field"/>.</exception>
    public static void MergeCsv(IReadOnlyList<(string Path, SweepPartialFile File)> files, ExclusionSummary summary, Stream output, string field = "--csv")
    {
        var missing = files.Where(f => f.File.CsvPath is null).Select(f => f.Path).ToList();
        if (missing.Count > 0)
        {
            throw new PartialFileFormatException(field, $"{string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no CSV; run those shards with --csv FILE too.");
        }
        int n = files[0].File.Partial.Shard.Count;
        var byShard = new string[n];
        foreach (var (path, file) in files)
        {
            string candidate = file.CsvPath!;
            if (!Path.IsPathRooted(candidate) && !File.Exists(candidate))
            {
                candidate = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", candidate);
            }
            if (!File.Exists(candidate))
            {
                throw new PartialFileFormatException(field, $"{path} names the CSV {file.CsvPath}, which does not exist (looked beside the partial too).");
            }
            using (var stream = File.OpenRead(candidate))
            {
                if (!string.Equals(Convert.ToHexString(SHA256.HashData(stream)), file.CsvSha256, StringComparison.OrdinalIgnoreCase))
                {
                    throw new PartialFileFormatException(field, $"{candidate} has changed since its shard wrote it (SHA-256 differs); rerun shard {file.Partial.Shard}.");
                }
            }
            byShard[file.Partial.Shard.Index] = candidate;
        }
        string header = CsvSweepSink.Header(summary.Groups.Select(g => g.Name).ToList(), summary.X, summary.Y);
        var readers = byShard.Select(p => new StreamReader(p, new UTF8Encoding(false), false, 1 << 16)).ToArray();
        try
        {
            using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            var buffer = new char[header.Length];
            foreach (var reader in readers)
            {
                if (reader.ReadBlock(buffer, 0, buffer.Length) != buffer.Length || new string(buffer) != header)
                {
                    throw new PartialFileFormatException(field, "a shard's CSV does not start with the sweep's header; was it written by this sweep?");
                }
            }
            writer.Write(header);
            int nx = summary.X.Count;
            for (int row = 0; row < summary.Y.Count; row++)
            {
                var reader = readers[row % n];
                for (int i = 0; i < nx; i++)
                {
                    string line = reader.ReadLine() ?? throw new PartialFileFormatException(field, $"{byShard[row % n]} ends early, at grid row {row}.");
                    writer.Write(line);
                    writer.Write('\n');
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }
}

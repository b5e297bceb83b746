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
        string json = Format.Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("format", EnsemblePartialFile.FormatName);
            w.WriteString("ensembleSha256", EnsemblePartialFile.Hash(ensemble));
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
                EnsemblePartialFile.Counters(w, point);
            }
            w.WriteStartObject("replicates");
            for (int i = 0; i < indices.Length; i++)
            {
                w.WritePropertyName(indices[i].ToString(System.Globalization.CultureInfo.InvariantCulture));
                EnsemblePartialFile.Counters(w, partials[i]);
            }
            w.WriteEndObject();
            w.WritePropertyName("provenance");
            ProvenanceJson.Write(w, provenance);
            w.WriteEndObject();
        });
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        AtomicFile.Write(context, partialPath, "--partial", s => s.Write(bytes));
        context.Buffer.Write($"shard {shard}: {indices.Length} of {games.Count} replicates{(point is null ? "" : " and the point game")} written to {partialPath}; merge every shard with 'active-alignment merge'\n");
    }
}

using System.CommandLine;
using System.Text;
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
        var (json, replicates, point) = EnsemblePartialFile.RunShard(ensemble, x, y, threshold, boundary, confidence, shard, threads,
            Provenance.Describe(parse, context.Console), context.Cancellation);
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        AtomicFile.Write(context, partialPath, "--partial", s => s.Write(bytes));
        context.Buffer.Write($"shard {shard}: {replicates} of {ensemble.ReplicateGames.Count} replicates{(point ? " and the point game" : "")} written to {partialPath}; merge every shard with 'active-alignment merge'\n");
    }
}

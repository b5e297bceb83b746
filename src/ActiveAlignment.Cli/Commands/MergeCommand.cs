using System.CommandLine;
using System.Text;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment merge PARTIAL... [--json] [--csv FILE]</c>: the summary of a sharded sweep, byte-identical to the
/// unsharded <c>sweep --json</c>, after checking that the partials belong to one sweep and cover every row exactly once.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CommandContext context)
    {
        var partials = new Argument<string[]>("PARTIAL") { Description = "The partial files written by 'sweep --shard I/N --partial FILE', one per shard.", Arity = ArgumentArity.OneOrMore };
        var csv = new Option<string?>("--csv") { Description = "Write every point of the whole grid, in grid order, from the shards' CSV files.", HelpName = "FILE" };
        var json = CommandContext.JsonOption();
        var command = new Command("merge",
            "Merge the partial results of a sharded sweep (sweep ... --shard I/N --partial FILE) into the summary of the whole sweep, " +
            "identical to an unsharded run; checks that the partials come from one sweep of one game and cover every row exactly once." +
            "\n\nExample: active-alignment sweep samples/ideological.json --x consistency=0.05:2:40 --y diversity=0:3:40 --shard 0/2 --partial part-0.json " +
            "&& active-alignment sweep samples/ideological.json --x consistency=0.05:2:40 --y diversity=0:3:40 --shard 1/2 --partial part-1.json " +
            "&& active-alignment merge part-0.json part-1.json --json")
        {
            partials, csv, json,
        };
        command.SetAction(parse =>
        {
            var files = new List<(string Path, SweepPartialFile File)>();
            var texts = parse.GetValue(partials)!.Select(path => (Path: path, Text: GameInput.ReadText(path, context.Console, out _))).ToList();
            if (texts.Any(t => EnsemblePartialFile.IsEnsemblePartial(t.Text)))
            {
                if (!texts.All(t => EnsemblePartialFile.IsEnsemblePartial(t.Text)))
                {
                    throw new CliException("some partials are of an ensemble sweep and some of a game sweep; merge the shards of one sweep.");
                }
                if (parse.GetValue(csv) is not null)
                {
                    throw new CliException("--csv: ensemble partials hold counters only.");
                }
                var (point, uncertainty, provenance) = EnsemblePartialFile.Merge(texts);
                if (parse.GetValue(json))
                {
                    string answer = Format.WithProperty(SweepAnswer.Json(point), "uncertainty", w => SweepAnswer.UncertaintyJson(w, uncertainty));
                    context.Buffer.Write(Format.WithProperty(answer, "provenance", w => ProvenanceJson.Write(w, provenance)));
                }
                else
                {
                    context.Buffer.Write(SweepAnswer.Table(point, new SweepAnswer.SweepRun(point, null, null, null)) + "\n" + SweepAnswer.UncertaintyTable(uncertainty));
                }
                return 0;
            }
            foreach (var (path, text) in texts)
            {
                files.Add((path, SweepPartialFile.Read(text, GameInput.Label(path))));
            }
            var first = files[0];
            var summary = SweepPartialFile.Merge(files);
            string? csvPath = parse.GetValue(csv);
            if (csvPath is not null)
            {
                MergeCsv(context, files, csvPath, summary);
            }
            if (parse.GetValue(json))
            {
                string answer = SweepAnswer.Json(summary);
                context.Buffer.Write(Format.WithProperty(answer, "provenance", w => ProvenanceJson.Write(w, first.File.Provenance)));
            }
            else
            {
                context.Buffer.Write(SweepAnswer.Table(summary, new SweepAnswer.SweepRun(summary, csvPath, null, null)));
            }
            return 0;
        });
        return command;
    }

    private static void MergeCsv(CommandContext context, List<(string Path, SweepPartialFile File)> files, string csvPath, ExclusionSummary summary)
    {
        var missing = files.Where(f => f.File.CsvPath is null).Select(f => f.Path).ToList();
        if (missing.Count > 0)
        {
            throw new CliException($"--csv: {string.Join(", ", missing)} {(missing.Count == 1 ? "has" : "have")} no CSV; run those shards with --csv FILE too.");
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
                throw new CliException($"--csv: {path} names the CSV {file.CsvPath}, which does not exist (looked beside the partial too).");
            }
            using (var stream = File.OpenRead(candidate))
            {
                string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
                if (hash != file.CsvSha256)
                {
                    throw new CliException($"--csv: {candidate} has changed since its shard wrote it (SHA-256 differs); rerun shard {file.Partial.Shard}.");
                }
            }
            byShard[file.Partial.Shard.Index] = candidate;
        }
        string header = CsvSweepSink.Header(summary.Groups.Select(g => g.Name).ToList(), summary.X, summary.Y);
        AtomicFile.Write(context, csvPath, "--csv", output =>
        {
            var readers = byShard.Select(p => new StreamReader(p, new UTF8Encoding(false), false, 1 << 16)).ToArray();
            try
            {
                using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
                var buffer = new char[header.Length];
                foreach (var reader in readers)
                {
                    if (reader.ReadBlock(buffer, 0, buffer.Length) != buffer.Length || new string(buffer) != header)
                    {
                        throw new CliException("--csv: a shard's CSV does not start with the sweep's header; was it written by this sweep?");
                    }
                }
                writer.Write(header);
                int nx = summary.X.Count;
                for (int row = 0; row < summary.Y.Count; row++)
                {
                    var reader = readers[row % n];
                    for (int i = 0; i < nx; i++)
                    {
                        string line = reader.ReadLine() ?? throw new CliException($"--csv: {byShard[row % n]} ends early, at grid row {row}.");
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
        });
    }
}

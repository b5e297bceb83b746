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
                AtomicFile.Write(context, csvPath, "--csv", output => SweepPartialFile.MergeCsv(files, summary, output));
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
}

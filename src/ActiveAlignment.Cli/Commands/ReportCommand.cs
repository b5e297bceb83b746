using System.CommandLine;
using System.Text;
using ActiveAlignment.Plotting;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment report (GAME | --ensemble FILE | NAME=GAME ...) --out report.html [--x AXIS --y AXIS] [--threshold T]
/// [--confidence C]</c>: one self-contained HTML audit report (docs in the README, 'Audit reports').
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CommandContext context)
    {
        var games = new Argument<string[]>("GAME") { Description = "A game file, or several as NAME=FILE to compare them (or give --ensemble instead).", Arity = ArgumentArity.ZeroOrMore };
        var ensemble = CommandContext.EnsembleOption();
        var output = new Option<string>("--out") { Description = "Write the HTML report here (one self-contained file).", Required = true, HelpName = "FILE" };
        var x = new Option<string?>("--x") { Description = "First axis of the exclusion maps, NAME=START:STOP:COUNT (default consistency from 0.05 to max(2, 2 λ_C), 120 points).", HelpName = "NAME=START:STOP:COUNT" };
        var y = new Option<string?>("--y") { Description = "Second axis (default diversity from 0 to max(3, 2 λ_D), 120 points).", HelpName = "NAME=START:STOP:COUNT" };
        var threshold = CommandContext.ThresholdOption();
        var confidence = CommandContext.ConfidenceOption();
        var maxDiversity = new Option<double?>("--max-diversity") { Description = "Largest diversity coefficient the steering section considers (default max(100, 10 × current)).", HelpName = "X", CustomParser = CommandContext.OptionalFiniteNumber };
        var threads = CommandContext.ThreadsOption();
        var command = new Command("report",
            "Write a self-contained HTML audit report for readers who will never run the tool: the equilibrium in plain words, its certificate and " +
            "uniqueness, exclusion maps of every group, intervals (with --ensemble), a comparison (with several games), steering, the model and " +
            "provenance. No network request of any kind; printable.\n\nExample: active-alignment report samples/ideological.json --out report.html")
        {
            games, ensemble, output, x, y, threshold, confidence, maxDiversity, threads,
        };
        command.SetAction(parse =>
        {
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            double level = CommandContext.CheckConfidence(parse.GetValue(confidence));
            int threadCount = CommandContext.CheckThreads(parse.GetValue(threads));
            string outPath = parse.GetValue(output)!;
            AtomicFile.Check(outPath, "--out");
            GridAxis? xAxis = parse.GetValue(x) is { } xt ? SweepCommand.ParseAxis("--x", xt) : null;
            GridAxis? yAxis = parse.GetValue(y) is { } yt ? SweepCommand.ParseAxis("--y", yt) : null;
            if ((xAxis is null) != (yAxis is null))
            {
                throw new CliException("give both --x and --y, or neither (for the default consistency × diversity map).");
            }
            if (xAxis is not null && xAxis.Axis == yAxis!.Axis)
            {
                throw new CliException($"--x and --y both name {xAxis.Name}; a map needs two different coefficients.");
            }
            string[] inputs = parse.GetValue(games) ?? [];
            string? ensemblePath = parse.GetValue(ensemble);
            if (ensemblePath is not null && inputs.Length > 0)
            {
                throw new CliException("give either --ensemble FILE or game files, not both.");
            }
            if (ensemblePath is null && inputs.Length == 0)
            {
                throw new CliException("give a GAME file, several NAME=FILE games to compare, or --ensemble FILE.");
            }
            double? maximum = parse.GetValue(maxDiversity);
            var bar = new TextProgress(context.Console);
            string html;
            var options = new AuditReportOptions
            {
                Threshold = tau,
                Confidence = level,
                X = xAxis,
                Y = yAxis,
                MaximumDiversity = maximum,
                MaxDegreeOfParallelism = threadCount,
                Progress = bar,
                CancellationToken = context.Cancellation,
            };
            try
            {
                if (ensemblePath is not null)
                {
                    var e = GameInput.ReadPlainEnsemble(ensemblePath, context.Console, "report");
                    CheckMaximum(maximum, e.PointGame);
                    html = AuditReport.Render(Label(ensemblePath), e, options with { Provenance = Provenance(parse, context) });
                }
                else
                {
                    var named = new List<KeyValuePair<string, AlignmentGame>>();
                    foreach (string input in inputs)
                    {
                        var (name, path) = GameInput.ParseNamed(input);
                        if (named.Any(n => n.Key == name))
                        {
                            throw new CliException($"{input}: another game is already named {name}; name them with NAME=FILE.");
                        }
                        named.Add(new(name, GameInput.ReadGame(path, context.Console, "report")));
                    }
                    CheckMaximum(maximum, named[0].Value);
                    if (named.FirstOrDefault(n => !n.Value.Names.SequenceEqual(named[0].Value.Names)) is { Key: not null } other)
                    {
                        throw new CliException($"{other.Key} has groups {string.Join(", ", other.Value.Names)} but {named[0].Key} has {string.Join(", ", named[0].Value.Names)}; games in one report must have the same groups, in the same order.");
                    }
                    html = AuditReport.Render(named, options with { Provenance = Provenance(parse, context) });
                }
            }
            finally
            {
                bar.Clear();
            }
            byte[] bytes = Encoding.UTF8.GetBytes(html);
            AtomicFile.Write(context, outPath, "--out", s => s.Write(bytes));
            context.Buffer.Write($"wrote {outPath} ({bytes.Length / 1024:N0} KB): a self-contained audit report; open it in any browser\n");
            return 0;
        });
        return command;
    }

    private static void CheckMaximum(double? maximum, AlignmentGame game)
    {
        if (maximum is double m && (!double.IsFinite(m) || m < game.Coefficients.Diversity))
        {
            throw new CliException($"--max-diversity {Format.Number(m)}: it must be a finite number at least the current diversity coefficient {Format.Number(game.Coefficients.Diversity)}.");
        }
    }

    private static string Label(string path) => path == "-" ? GameInput.StdinLabel : Path.GetFileNameWithoutExtension(path);

    internal static IReadOnlyList<KeyValuePair<string, string>> Provenance(ParseResult parse, CommandContext context)
    {
        var record = Cli.Provenance.Describe(parse, context.Console);
        var lines = new List<KeyValuePair<string, string>>
        {
            new("Tool", $"active-alignment {Cli.Provenance.Version}"),
            new("Command", string.Join(" ", record.Command)),
        };
        lines.AddRange(record.Inputs.Select(i => new KeyValuePair<string, string>($"Input {i.Key}", $"SHA-256 {i.Value}")));
        return lines;
    }

    /// <summary>Step names on stderr when it is a terminal (the report's steps have no natural percentage).</summary>
    private sealed class TextProgress(CliConsole console) : IProgress<string>
    {
        public void Report(string value)
        {
            if (console.StderrIsTerminal)
            {
                console.Error.Write($"\r{value,-70}");
                console.Error.Flush();
            }
        }

        public void Clear()
        {
            if (console.StderrIsTerminal)
            {
                console.Error.Write("\r" + new string(' ', 72) + "\r");
            }
        }
    }
}

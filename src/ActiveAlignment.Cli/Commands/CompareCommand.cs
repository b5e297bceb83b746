using System.CommandLine;
using System.Text;
using ActiveAlignment.Plotting;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment compare [NAME=]GAME [NAME=]GAME... --x ... --y ... [--threshold T] [--markdown FILE] [--csv FILE] [--png FILE] [--svg FILE] [--json]</c>: the same
/// exclusion sweep over several games (e.g. the same traits estimated on different base models), one row per game.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CommandContext context)
    {
        var games = new Argument<string[]>("GAMES") { Description = "Two or more game files, each FILE or NAME=FILE; a row is named NAME, or after its file (without .json).", Arity = ArgumentArity.OneOrMore };
        var x = new Option<string>("--x") { Description = "First axis: NAME=START:STOP:COUNT.", Required = true };
        var y = new Option<string>("--y") { Description = "Second axis: NAME=START:STOP:COUNT.", Required = true };
        var threshold = CommandContext.ThresholdOption();
        var markdown = new Option<string?>("--markdown") { Description = "Also write the table as Markdown to this file." };
        var csv = new Option<string?>("--csv") { Description = "Also write the table as CSV to this file." };
        var png = new Option<string?>("--png") { Description = "Draw the table as a grouped bar chart (exclusion area and conditional exclusion per group and game) into this PNG file." };
        var svg = new Option<string?>("--svg") { Description = "The same chart as a vector SVG file." };
        var json = CommandContext.JsonOption();
        var confidence = CommandContext.ConfidenceOption();
        confidence.Description = "Confidence level 1-α in (0, 1) of the intervals given for ensemble files .";
        var threads = CommandContext.ThreadsOption();
        var command = new Command("compare",
            "Compare political exclusion across several games over the same grid: per game, the exclusion area and conditional " +
            "exclusion of every group and of any group (a model-comparison table). An ensemble file (from estimate) in place of a game " +
            "adds percentile intervals to its row.\n\nExample: active-alignment compare estimated=samples/estimation/traits.json truth=samples/estimation/truth.json " +
            "--x consistency=0.05:2:200 --y diversity=0:3:200 --threshold 0.05 --markdown table.md")
        {
            games, x, y, threshold, markdown, csv, png, svg, json, confidence, threads,
        };
        command.SetAction(parse =>
        {
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            var xAxis = SweepCommand.ParseAxis("--x", parse.GetValue(x)!);
            var yAxis = SweepCommand.ParseAxis("--y", parse.GetValue(y)!);
            if (xAxis.Axis == yAxis.Axis)
            {
                throw new CliException($"--x and --y both name {xAxis.Name}; a sweep needs two different coefficients.");
            }
            string? md = parse.GetValue(markdown), csvPath = parse.GetValue(csv), pngPath = parse.GetValue(png), svgPath = parse.GetValue(svg);
            foreach (var (path, option) in new[] { (md, "--markdown"), (csvPath, "--csv"), (pngPath, "--png"), (svgPath, "--svg") })
            {
                if (path is not null)
                {
                    AtomicFile.Check(path, option);
                }
            }
            double level = CommandContext.CheckConfidence(parse.GetValue(confidence));
            int threadCount = CommandContext.CheckThreads(parse.GetValue(threads));
            var named = new List<KeyValuePair<string, AlignmentGame>>();
            var ensembles = new Dictionary<string, Estimation.Ensemble>();
            string[] inputs = parse.GetValue(games)!;
            if (inputs.Length < 2)
            {
                throw new CliException($"compare needs at least two games, but got {inputs.Length}; to map one game, use sweep.");
            }
            foreach (string input in inputs)
            {
                var (name, path) = GameInput.ParseNamed(input);
                if (named.Any(n => n.Key == name))
                {
                    string suggestion = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(path))) is { Length: > 0 } folder ? folder : "name";
                    throw new CliException($"{input}: another game is already named {name}; name the rows with NAME=FILE, e.g. {suggestion}={path}.");
                }
                string text = GameInput.ReadText(path, context.Console, out string label);
                if (GameInput.IsEnsemble(text))
                {
                    var e = Estimation.EnsembleJson.Read(text, label);
                    if (!e.IsHomogeneous)
                    {
                        throw new CliException($"{label}: an ensemble of populations with several agent classes; compare works on plain games.");
                    }
                    ensembles[name] = e;
                    named.Add(new(name, e.PointGame));
                }
                else
                {
                    named.Add(new(name, GameInput.ReadGame(path, context.Console, "compare")));
                }
            }
            var comparison = ExclusionComparison.Run(named, xAxis, yAxis,
                new SweepOptions { Threshold = tau, CancellationToken = context.Cancellation, Progress = new ProgressBar(context.Console), MaxDegreeOfParallelism = threadCount });
            var uncertainty = new Dictionary<string, Estimation.SweepUncertainty>();
            foreach (var (name, e) in ensembles)
            {
                uncertainty[name] = Estimation.EnsembleAnalysis.Sweep(e, xAxis, yAxis,
                    new SweepOptions { Threshold = tau, CancellationToken = context.Cancellation, MaxDegreeOfParallelism = threadCount }, level,
                    new ProgressBar(context.Console, $"replicates of {name}") { Total = e.Replicates.Count });
            }
            string table = uncertainty.Count == 0 ? comparison.ToMarkdown() : CompareAnswer.MarkdownWithIntervals(comparison, uncertainty, level);
            if (md is not null)
            {
                AtomicFile.Write(context, md, "--markdown", s => s.Write(Encoding.UTF8.GetBytes(table)));
            }
            if (csvPath is not null)
            {
                AtomicFile.Write(context, csvPath, "--csv", s => s.Write(Encoding.UTF8.GetBytes(comparison.ToCsv())));
            }
            if (pngPath is not null)
            {
                byte[] image = ComparisonChart.RenderPng(comparison);
                AtomicFile.Write(context, pngPath, "--png", s => s.Write(image));
            }
            if (svgPath is not null)
            {
                byte[] vector = Encoding.UTF8.GetBytes(ComparisonChart.RenderSvg(comparison));
                AtomicFile.Write(context, svgPath, "--svg", s => s.Write(vector));
            }
            context.Buffer.Write(parse.GetValue(json)
                ? Format.Json(w =>
                {
                    w.WriteStartObject();
                    foreach (var (name, summary) in comparison.Rows)
                    {
                        w.WritePropertyName(name);
                        string row = SweepAnswer.Json(summary);
                        if (uncertainty.TryGetValue(name, out var u))
                        {
                            row = Format.WithProperty(row, "uncertainty", uw => SweepAnswer.UncertaintyJson(uw, u));
                        }
                        using var doc = System.Text.Json.JsonDocument.Parse(row);
                        doc.RootElement.WriteTo(w);
                    }
                    w.WriteEndObject();
                })
                : $"Exclusion over {xAxis} × {yAxis}, threshold τ = {Format.Number(tau)} (area / conditional exclusion{(uncertainty.Count > 0 ? $"; {Format.Number(100 * level, 4)}% percentile intervals over bootstrap replicates" : "")}; " +
                  $"at interior equilibria only: points whose equilibrium is on the boundary are left out{CompareAnswer.BoundaryShares(comparison)})\n\n{table}");
            return 0;
        });
        return command;
    }
}

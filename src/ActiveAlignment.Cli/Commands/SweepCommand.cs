using System.CommandLine;
using System.Text;
using ActiveAlignment.Plotting;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment sweep GAME --x NAME=START:STOP:COUNT --y NAME=START:STOP:COUNT [--threshold T] [--focal GROUP]
/// [--csv FILE] [--png FILE] [--svg FILE] [--boundary] [--json]</c>: a political-exclusion map (docs/model.md#exclusion).
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var x = new Option<string>("--x") { Description = "First axis: NAME=START:STOP:COUNT, NAME one of attractiveness, consistency, diversity (inclusive).", Required = true };
        var y = new Option<string>("--y") { Description = "Second axis, another coefficient: NAME=START:STOP:COUNT.", Required = true };
        var threshold = CommandContext.ThresholdOption();
        var focal = new Option<string?>("--focal") { Description = "Group drawn by --png (default: the group with the largest exclusion area)." };
        var csv = new Option<string?>("--csv") { Description = "Write every point (x, y, status, one weight column per group) to this CSV file, streamed." };
        var png = new Option<string?>("--png") { Description = "Draw the focal group's exclusion heatmap into this PNG file (- for standard output)." };
        var svg = new Option<string?>("--svg") { Description = "Draw the same heatmap as a vector SVG file (- for standard output)." };
        var boundary = new Option<bool>("--boundary") { Description = "Also solve the boundary equilibrium where no interior one exists; reported apart, and shaded in the figure." };
        var json = CommandContext.JsonOption();
        var ensemble = CommandContext.EnsembleOption();
        var confidence = CommandContext.ConfidenceOption();
        var threads = CommandContext.ThreadsOption();
        game.Arity = ArgumentArity.ZeroOrOne;
        var shard = new Option<string?>("--shard") { Description = "Compute only shard I of N (0-based): rows I, I+N, I+2N, ... of the y axis. Needs --partial; merge the partials with 'active-alignment merge'.", HelpName = "I/N" };
        var partial = new Option<string?>("--partial") { Description = "With --shard: write this shard's exact counters (and its definition) to FILE, for 'merge'.", HelpName = "FILE" };
        var requireCertified = CommandContext.RequireCertifiedOption();
        var command = new Command("sweep",
            "Map political exclusion over a grid of two incentive coefficients (the third fixed at the game's value): per group, " +
            "the exclusion area and the conditional exclusion; and how many interior equilibria learning agents would leave (unstablePoints; per group stableExcluded; the unstable region hatched on heatmaps).\n\nExample: active-alignment sweep samples/ideological.json --x consistency=0.05:2:200 " +
            "--y diversity=0:3:200 --threshold 0.05 --png right.png --focal right")
        {
            game, x, y, threshold, focal, csv, png, svg, boundary, json, ensemble, confidence, threads, shard, partial, requireCertified,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(requireCertified) && !parse.GetValue(boundary))
            {
                throw new CliException("--require-certified needs --boundary: only the boundary-aware sweep certifies its answers (the interior points are closed-form candidates).");
            }
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            var xAxis = ParseAxis("--x", parse.GetValue(x)!);
            var yAxis = ParseAxis("--y", parse.GetValue(y)!);
            if (xAxis.Axis == yAxis.Axis)
            {
                throw new CliException($"--x and --y both name {xAxis.Name}; a sweep needs two different coefficients.");
            }
            string? ensemblePath = CommandContext.CheckGameOrEnsemble(parse.GetValue(game), parse.GetValue(ensemble));
            int threadCount = CommandContext.CheckThreads(parse.GetValue(threads));
            double level = CommandContext.CheckConfidence(parse.GetValue(confidence));
            var e = ensemblePath is null ? null : GameInput.ReadPlainEnsemble(ensemblePath, context.Console, "sweep");
            var g = e?.PointGame ?? GameInput.ReadGame(parse.GetValue(game)!, context.Console, "sweep");
            string? focalName = parse.GetValue(focal);
            if (focalName is not null && !g.Contains(focalName))
            {
                string? suggestion = focalName.Length <= 200 ? CliApp.Closest(focalName, g.Names.ToList()) : null;
                throw new CliException($"--focal {focalName}: no such group; the groups are {string.Join(", ", g.Names)}.{(suggestion is null ? "" : $" Did you mean '{suggestion}'?")}");
            }
            if (parse.GetValue(shard) is { } shardText)
            {
                if (parse.GetValue(png) is not null || parse.GetValue(svg) is not null)
                {
                    throw new CliException("--shard computes counters only: draw figures from an unsharded sweep.");
                }
                string partialPath = parse.GetValue(partial) ?? throw new CliException("--shard needs --partial FILE, where the shard's counters are written for 'merge'.");
                if (e is not null)
                {
                    if (parse.GetValue(csv) is not null)
                    {
                        throw new CliException("--csv with --ensemble --shard: the CSV of the point game's sweep comes from an unsharded sweep of its GAME.");
                    }
                    EnsembleShard.Run(context, parse, e, xAxis, yAxis, tau, parse.GetValue(boundary), level, ParseShard(shardText), partialPath, threadCount);
                    return 0;
                }
                RunShard(context, parse, g, xAxis, yAxis, tau, parse.GetValue(boundary), ParseShard(shardText), partialPath, parse.GetValue(csv), threadCount);
                return 0;
            }
            if (parse.GetValue(partial) is not null)
            {
                throw new CliException("--partial is written by a sharded sweep: give --shard I/N too.");
            }
            string file = ensemblePath ?? parse.GetValue(game)!;
            var result = Run(context, g, xAxis, yAxis, tau, parse.GetValue(boundary), parse.GetValue(csv), parse.GetValue(png), focalName,
                parse.GetValue(svg), GameInput.Label(file), threadCount);
            int certifiedCode = context.Certified(parse.GetValue(requireCertified), result.Summary.Boundary is not { UnverifiedPoints: > 0 },
                $"{result.Summary.Boundary?.UnverifiedPoints} boundary points whose KKT point could not be verified");
            if (e is null)
            {
                context.Buffer.Write(parse.GetValue(json) ? SweepAnswer.Json(result.Summary) : SweepAnswer.Table(result.Summary, result));
                return certifiedCode;
            }
            var bar = new ProgressBar(context.Console, "replicates") { Total = e.Replicates.Count };
            var u = Estimation.EnsembleAnalysis.Sweep(e, xAxis, yAxis, new SweepOptions
            {
                Threshold = tau,
                BoundaryAware = parse.GetValue(boundary),
                MaxDegreeOfParallelism = threadCount,
                CancellationToken = context.Cancellation,
            }, level, bar);
            context.Buffer.Write(parse.GetValue(json)
                ? Format.WithProperty(SweepAnswer.Json(result.Summary), "uncertainty", w => SweepAnswer.UncertaintyJson(w, u))
                : SweepAnswer.Table(result.Summary, result) + "\n" + SweepAnswer.UncertaintyTable(u));
            return certifiedCode;
        });
        return command;
    }

    internal static SweepShard ParseShard(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int count) || count < 1 || index >= count)
        {
            throw new CliException($"--shard {text}: give I/N with N >= 1 shards and 0 <= I < N, e.g. --shard 0/4 ... --shard 3/4.");
        }
        return new SweepShard(index, count);
    }

    private static void RunShard(CommandContext context, ParseResult parse, AlignmentGame game, GridAxis x, GridAxis y, double threshold, bool boundary,
        SweepShard shard, string partialPath, string? csvPath, int threads)
    {
        AtomicFile.Check(partialPath, "--partial");
        if (csvPath == "-")
        {
            throw new CliException("--csv - with --shard: give each shard's CSV a file, so that merge can put the rows in grid order.");
        }
        var options = new SweepOptions
        {
            Threshold = threshold,
            BoundaryAware = boundary,
            MaxDegreeOfParallelism = threads,
            Shard = shard,
            Progress = new ProgressBar(context.Console),
            CancellationToken = context.Cancellation,
        };
        SweepPartial result = null!;
        string? csvHash = null;
        if (csvPath is not null)
        {
            AtomicFile.Write(context, csvPath, "--csv", stream => (result, csvHash) = SweepPartialFile.RunShard(game, x, y, options, stream));
        }
        else
        {
            (result, csvHash) = SweepPartialFile.RunShard(game, x, y, options, null);
        }
        var file = new SweepPartialFile(SweepPartialFile.GameHash(game), result, csvPath, csvHash, Provenance.Describe(parse, context.Console));
        byte[] bytes = Encoding.UTF8.GetBytes(file.ToJson());
        AtomicFile.Write(context, partialPath, "--partial", stream => stream.Write(bytes));
        int rows = shard.Rows(y.Count).Count();
        context.Buffer.Write(parse.GetValue<bool>("--json")
            ? Format.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("partial", partialPath);
                w.WriteString("shard", shard.ToString());
                w.WriteNumber("rows", rows);
                w.WriteNumber("points", (long)rows * x.Count);
                w.WriteEndObject();
            })
            : $"shard {shard}: {rows} of {y.Count} rows ({(long)rows * x.Count} points) written to {partialPath}{(csvPath is null ? "" : $" and {csvPath}")}; merge every shard with 'active-alignment merge'\n");
    }

    internal static SweepAnswer.SweepRun Run(CommandContext context, AlignmentGame game, GridAxis x, GridAxis y, double threshold, bool boundary,
        string? csvPath, string? pngPath, string? focal, string? svgPath = null, string? label = null, int threads = -1)
    {
        var options = new SweepOptions
        {
            Threshold = threshold,
            MaxDegreeOfParallelism = threads,
            BoundaryAware = boundary,
            Progress = new ProgressBar(context.Console),
            CancellationToken = context.Cancellation,
        };
        if (pngPath is not null)
        {
            AtomicFile.Check(pngPath, "--png");
        }
        if (svgPath is not null)
        {
            AtomicFile.Check(svgPath, "--svg");
        }
        FocalGridSink? grid = focal is null ? null : new FocalGridSink(game, focal, x, y);
        ExclusionSummary summary = null!;
        if (csvPath is not null)
        {
            AtomicFile.Write(context, csvPath, "--csv", stream =>
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
                var csv = new CsvSweepSink(writer, game, x, y);
                summary = ExclusionSweep.Run(game, x, y, options, grid is null ? csv : new CompositeSweepSink(csv, grid));
            });
        }
        else
        {
            summary = ExclusionSweep.Run(game, x, y, options, grid);
        }
        if (pngPath is not null || svgPath is not null)
        {
            if (grid is null)
            {
                // The default focal group is known only after the sweep: sweep again for its weights (figures only, cheap).
                focal = summary.LargestExclusionGroup;
                grid = new FocalGridSink(game, focal, x, y);
                ExclusionSweep.Run(game, x, y, new SweepOptions { Threshold = threshold, CancellationToken = context.Cancellation }, grid);
            }
            var figure = new HeatmapOptions { Label = label, Boundary = boundary };
            if (pngPath is not null)
            {
                byte[] image = ExclusionHeatmap.RenderPng(grid, summary, figure);
                AtomicFile.Write(context, pngPath, "--png", stream => stream.Write(image));
            }
            if (svgPath is not null)
            {
                byte[] vector = Encoding.UTF8.GetBytes(ExclusionHeatmap.RenderSvg(grid, summary, figure));
                AtomicFile.Write(context, svgPath, "--svg", stream => stream.Write(vector));
            }
        }
        return new SweepAnswer.SweepRun(summary, csvPath, pngPath, focal, svgPath);
    }

    internal static GridAxis ParseAxis(string option, string text)
    {
        try
        {
            return GridAxis.Parse(text);
        }
        catch (FormatException e)
        {
            string name = text.Split('=', 2)[0].Trim();
            string? suggestion = name.Length <= 40 && !Enum.GetNames<CoefficientAxis>().Any(a => a.Equals(name, StringComparison.OrdinalIgnoreCase))
                ? CliApp.Closest(name.ToLowerInvariant(), ["attractiveness", "consistency", "diversity"])
                : null;
            throw new CliException($"{option} {e.Message}{(suggestion is null ? "" : $" Did you mean '{suggestion}'?")}");
        }
    }
}

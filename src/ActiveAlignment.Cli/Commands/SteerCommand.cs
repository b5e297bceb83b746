using System.CommandLine;
using System.Globalization;
using System.Text;
using ActiveAlignment.Plotting;
using ActiveAlignment.Steering;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment steer GAME [--threshold T] [--target NAME=W,NAME=W,...] [--max-diversity X] [--json]</c>: which change of
/// incentives restores representation, and how much each knob moves the equilibrium (docs/model.md#steering).
/// </summary>
internal static class SteerCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var threshold = CommandContext.ThresholdOption();
        var target = new Option<string?>("--target") { Description = "A target mixture NAME=W,NAME=W,... (every group, weights > 0 summing to 1) for the subsidy to target. In a name write \\, \\= \\\\ for , = \\, or give a JSON object {\"NAME\": W, ...}." };
        var maxDiversity = new Option<double?>("--max-diversity") { Description = "Largest diversity coefficient the minimum-diversity search considers (default max(100, 10 × current)).", CustomParser = CommandContext.OptionalFiniteNumber };
        var json = CommandContext.JsonOption();
        var png = new Option<string?>("--png") { Description = "Draw every group's weight as diversity grows (τ drawn, the minimum diversity marked) into this PNG file." };
        var svg = new Option<string?>("--svg") { Description = "The same figure as a vector SVG file." };
        var ensemble = CommandContext.EnsembleOption();
        var confidence = CommandContext.ConfidenceOption();
        var threads = CommandContext.ThreadsOption();
        var requireCertified = CommandContext.RequireCertifiedOption();
        game.Arity = ArgumentArity.ZeroOrOne;
        var command = new Command("steer",
            "Steer the equilibrium: sensitivities to each coefficient, the minimum-norm attractiveness subsidy that brings every group " +
            "to the threshold (or reaches a target), and the minimum diversity coefficient that represents every group; with the stability today, how far diversity can rise before agents specialise (stableUpTo), and whether they would stay at the minimum diversity.\n\n" +
            "Example: active-alignment steer samples/ideological.json --threshold 0.2 --target left=0.4,center=0.3,right=0.3")
        {
            game, threshold, target, maxDiversity, json, png, svg, ensemble, confidence, threads, requireCertified,
        };
        command.SetAction(parse =>
        {
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            string? ensemblePath = CommandContext.CheckGameOrEnsemble(parse.GetValue(game), parse.GetValue(ensemble));
            int threadCount = CommandContext.CheckThreads(parse.GetValue(threads));
            double level = CommandContext.CheckConfidence(parse.GetValue(confidence));
            var e = ensemblePath is null ? null : GameInput.ReadPlainEnsemble(ensemblePath, context.Console, "steer");
            var g = e?.PointGame ?? GameInput.ReadGame(parse.GetValue(game)!, context.Console, "steer");
            double[]? targetWeights = parse.GetValue(target) is string t ? NamedWeights.ParseMixture("--target", t, g.Names.ToList()) : null;
            double? maximum = parse.GetValue(maxDiversity);
            if (maximum is double m && (!double.IsFinite(m) || m < g.Coefficients.Diversity))
            {
                throw new CliException($"--max-diversity {Format.Number(m)}: it must be a finite number at least the current diversity coefficient {Format.Number(g.Coefficients.Diversity)}.");
            }
            string? pngPath = parse.GetValue(png), svgPath = parse.GetValue(svg);
            foreach (var (path, option) in new[] { (pngPath, "--png"), (svgPath, "--svg") })
            {
                if (path is not null)
                {
                    AtomicFile.Check(path, option);
                }
            }
            var report = SteeringReport.Analyze(g, tau, targetWeights, maximum);
            if (pngPath is not null || svgPath is not null)
            {
                // Up to the minimum diversity and beyond it, or to the search's maximum when none is found.
                double upper = report.MinimumDiversity.Value is double d && d > g.Coefficients.Diversity
                    ? Math.Max(2 * d, g.Coefficients.Diversity + 1)
                    : maximum ?? Math.Max(10, g.Coefficients.Diversity * 10);
                string file = ensemblePath ?? parse.GetValue(game)!;
                string label = GameInput.Label(file);
                if (pngPath is not null)
                {
                    byte[] image = SteeringChart.RenderPng(g, CoefficientAxis.Diversity, upper, tau, report.MinimumDiversity, label);
                    AtomicFile.Write(context, pngPath, "--png", s => s.Write(image));
                }
                if (svgPath is not null)
                {
                    byte[] vector = Encoding.UTF8.GetBytes(SteeringChart.RenderSvg(g, CoefficientAxis.Diversity, upper, tau, report.MinimumDiversity, label));
                    AtomicFile.Write(context, svgPath, "--svg", s => s.Write(vector));
                }
            }
            int certifiedCode = context.Certified(parse.GetValue(requireCertified), report.Equilibrium.IsCertifiedEquilibrium,
                $"today's equilibrium's status is {AnswerJson.StatusName(report.Equilibrium.Status)}");
            if (e is null)
            {
                context.Buffer.Write(parse.GetValue(json) ? SteerAnswer.Json(report) : SteerAnswer.Table(report));
                return certifiedCode;
            }
            double max = maximum ?? Math.Max(100.0, 10.0 * g.Coefficients.Diversity);
            var u = Estimation.EnsembleAnalysis.MinimumDiversity(e, tau, max, level, threadCount, context.Cancellation);
            context.Buffer.Write(parse.GetValue(json)
                ? Format.WithProperty(SteerAnswer.Json(report), "uncertainty", w => SteerAnswer.UncertaintyJson(w, u))
                : SteerAnswer.Table(report) + "\n" + SteerAnswer.UncertaintyTable(u));
            return certifiedCode;
        });
        return command;
    }
}

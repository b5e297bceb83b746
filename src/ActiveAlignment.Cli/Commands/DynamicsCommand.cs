using System.CommandLine;
using System.Globalization;
using System.Text;
using ActiveAlignment.Learning;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment dynamics GAME --rule R --starts R --seed S</c>: where learning agents end up.</summary>
internal static class DynamicsCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var json = CommandContext.JsonOption();
        var threshold = CommandContext.ThresholdOption();
        var threads = CommandContext.ThreadsOption();
        var rule = new Option<string>("--rule")
        {
            Description = "The learning rule: gradient (projected gradient play), replicator (Hedge, exponential weights) or best-response (sequential exact best responses).",
            DefaultValueFactory = _ => "gradient",
            HelpName = "RULE",
        };
        rule.AcceptOnlyFromAmong("gradient", "replicator", "best-response");
        var starts = new Option<int>("--starts")
        {
            Description = "Number of random starts R (each agent's start uniform on the simplex).",
            DefaultValueFactory = _ => 100,
            HelpName = "R",
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the random starts: the same seed and R give byte-identical output at any --threads.",
            DefaultValueFactory = _ => 1,
            HelpName = "S",
        };
        var step = new Option<double>("--step")
        {
            Description = "Step η in (0, 1], relative to the rule's Lipschitz constant L.",
            DefaultValueFactory = _ => 1.0,
            HelpName = "ETA",
            CustomParser = CommandContext.FiniteNumber,
        };
        var iterations = new Option<int>("--max-iterations")
        {
            Description = "Iteration cap of one run; a run not at a certified equilibrium by then counts as not converged.",
            DefaultValueFactory = _ => 100_000,
            HelpName = "N",
        };
        var trajectories = new Option<string?>("--trajectories")
        {
            Description = "Write every run's recorded path as CSV (start, iteration, agent, one column per group) to FILE, or - for stdout.",
            HelpName = "FILE",
        };
        var requireCertified = CommandContext.RequireCertifiedOption();
        var png = new Option<string?>("--png") { Description = "Write the figure as PNG: for K = 3 a ternary (simplex) plot of each agent's path, otherwise representation over time.", HelpName = "FILE" };
        var svg = new Option<string?>("--svg") { Description = "Write the same figure as SVG.", HelpName = "FILE" };
        var command = new Command("dynamics",
            "Where learning agents end up: run gradient play, replicator (Hedge) or best-response dynamics from R seeded random starts, " +
            "polish each end to an exact KKT point certified by its Nash gap, and report each distinct end (up to permutations of " +
            "the agents) with its share of the starts, a 95% Wilson interval, its stability and representation. See docs/model.md#learning-dynamics." +
            "\n\nExample: active-alignment dynamics samples/specialising.json --rule gradient --starts 200 --seed 7 --png paths.png")
        {
            game, rule, starts, seed, step, iterations, threads, json, threshold, trajectories, png, svg, requireCertified,
        };
        command.SetAction(parse =>
        {
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            int n = parse.GetValue(starts);
            if (n < 1 || n > 10_000_000)
            {
                throw new CliException($"--starts {n}: give a number of starts between 1 and 10000000.");
            }
            double eta = parse.GetValue(step);
            if (!(eta > 0 && eta <= 1))
            {
                throw new CliException($"--step {Format.Number(eta)}: the step η must lie in (0, 1].");
            }
            int cap = parse.GetValue(iterations);
            if (cap < 1)
            {
                throw new CliException($"--max-iterations {cap}: give at least 1.");
            }
            if (!LearningDynamics.TryParseRule(parse.GetValue(rule), out var learning))
            {
                throw new CliException($"--rule {Format.Visible(parse.GetValue(rule) ?? "")}: give gradient, replicator or best-response.");
            }
            string? csvPath = parse.GetValue(trajectories), pngPath = parse.GetValue(png), svgPath = parse.GetValue(svg);
            foreach (var (p, o) in new[] { (csvPath, "--trajectories"), (pngPath, "--png"), (svgPath, "--svg") })
            {
                if (p is not null)
                {
                    AtomicFile.Check(p, o);
                }
            }
            string path = parse.GetValue(game)!;
            var g = GameInput.ReadGame(path, context.Console, "dynamics");
            var bar = new ProgressBar(context.Console, "starts") { Total = n };
            var result = LearningDynamics.Run(g, new DynamicsOptions
            {
                Rule = learning,
                Starts = n,
                Seed = parse.GetValue(seed),
                StepSize = eta,
                MaxIterations = cap,
                MaxDegreeOfParallelism = CommandContext.CheckThreads(parse.GetValue(threads)),
                RecordTrajectories = csvPath is not null || pngPath is not null || svgPath is not null,
                Progress = bar,
                CancellationToken = context.Cancellation,
            });
            if (csvPath is not null)
            {
                AtomicFile.Write(context, csvPath, "--trajectories", stream => DynamicsAnswer.WriteCsv(stream, result));
            }
            if (pngPath is not null)
            {
                byte[] image = Plotting.LearningFigure.RenderPng(result);
                AtomicFile.Write(context, pngPath, "--png", stream => stream.Write(image));
            }
            if (svgPath is not null)
            {
                string figure = Plotting.LearningFigure.RenderSvg(result);
                AtomicFile.Write(context, svgPath, "--svg", stream => stream.Write(Encoding.UTF8.GetBytes(figure)));
            }
            var output = parse.GetValue(json) ? DynamicsAnswer.Json(result, tau) : DynamicsAnswer.Table(result, tau, path == "-" ? GameInput.StdinLabel : path);
            if (context.StandardOutputData.Count > 0)
            {
                context.Console.Error.Write(output);
            }
            else
            {
                context.Buffer.Write(output);
            }
            return context.Certified(parse.GetValue(requireCertified), result.NotConverged == 0 && result.Outcomes.All(o => o.NashGapReport.IsCertified),
                $"{result.NotConverged} runs did not reach a certified equilibrium");
        });
        return command;
    }
}

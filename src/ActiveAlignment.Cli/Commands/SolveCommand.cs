using System.CommandLine;
using System.Text;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment solve GAME [--threshold T] [--json]</c>: the homogeneous equilibrium with its certificate.</summary>
internal static class SolveCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var threshold = CommandContext.ThresholdOption();
        var json = CommandContext.JsonOption();
        var ensemble = CommandContext.EnsembleOption();
        var confidence = CommandContext.ConfidenceOption();
        var threads = CommandContext.ThreadsOption();
        var requireCertified = CommandContext.RequireCertifiedOption();
        game.Arity = ArgumentArity.ZeroOrOne;
        var batch = new Option<string?>("--batch")
        {
            Description = "Solve every record of a JSON Lines FILE (or - for standard input): one game, population or {\"id\": ..., \"game\": {...}} " +
                "per line; prints one JSON line per record, in input order, with \"line\" and \"id\" (docs in the README, 'Batches').",
            HelpName = "FILE",
        };
        var command = new Command("solve",
            "Solve for the homogeneous Nash equilibrium (closed form, or projected gradient on the boundary) and print it with its " +
            "certificate: Nash gap, KKT residual, uniqueness conditions, and its stability for learning agents (stable / unstable / degenerate; docs/model.md#stability).\n\nExample: active-alignment solve samples/ideological.json --threshold 0.05 --json")
        {
            game, threshold, json, ensemble, confidence, threads, batch, requireCertified,
        };
        command.SetAction(parse =>
        {
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            if (parse.GetValue(batch) is { } batchPath)
            {
                if (parse.GetValue(game) is not null || parse.GetValue(ensemble) is not null)
                {
                    throw new CliException("--batch reads its games from the batch file; give no GAME and no --ensemble with it.");
                }
                return RunBatch(context, batchPath, tau, CommandContext.CheckThreads(parse.GetValue(threads)), parse.GetValue(requireCertified));
            }
            if (CommandContext.CheckGameOrEnsemble(parse.GetValue(game), parse.GetValue(ensemble)) is { } ensemblePath)
            {
                double level = CommandContext.CheckConfidence(parse.GetValue(confidence));
                int n = CommandContext.CheckThreads(parse.GetValue(threads));
                var e = GameInput.ReadEnsemble(ensemblePath, context.Console);
                var u = Estimation.EnsembleAnalysis.Solve(e, tau, level, n, context.Cancellation);
                string label = GameInput.Label(ensemblePath);
                if (parse.GetValue(json))
                {
                    string pointJson = u.Point is { } hp ? AnswerJson.ToJson(hp, tau) : AnswerJson.ToJson(u.PointPopulation!, tau);
                    context.Buffer.Write(Format.WithProperty(pointJson, "uncertainty", w => AnswerJson.WriteUncertainty(w, u)));
                }
                else
                {
                    string pointTable = u.Point is { } hp ? AnswerText.Table(hp, tau, label + " (point estimate)") : AnswerText.PopulationTable(u.PointPopulation!, tau, label + " (point estimate)");
                    context.Buffer.Write(pointTable + "\n" + AnswerText.UncertaintyTable(u));
                }
                bool pointCertified = u.Point?.IsCertifiedEquilibrium ?? u.PointPopulation!.IsCertifiedEquilibrium;
                return context.Certified(parse.GetValue(requireCertified), pointCertified, "the point estimate's equilibrium");
            }
            var population = GameInput.ReadPopulation(parse.GetValue(game)!, context.Console);
            if (parse.GetValue(threads) != -1)
            {
                CommandContext.CheckThreads(parse.GetValue(threads));
            }
            if (population.HomogeneousGame is null)
            {
                var p = PopulationSolver.Solve(population);
                context.Buffer.Write(parse.GetValue(json) ? AnswerJson.ToJson(p, tau) : AnswerText.PopulationTable(p, tau, parse.GetValue(game) == "-" ? GameInput.StdinLabel : parse.GetValue(game)!));
                return context.Certified(parse.GetValue(requireCertified), p.IsCertifiedEquilibrium, $"the equilibrium's status is {AnswerJson.StatusName(p.Status)}{(p.Reason is { } pr ? ": " + pr : "")}");
            }
            var eq = EquilibriumSolver.Solve(population.HomogeneousGame);
            context.Buffer.Write(parse.GetValue(json) ? AnswerJson.ToJson(eq, tau) : AnswerText.Table(eq, tau, parse.GetValue(game) == "-" ? GameInput.StdinLabel : parse.GetValue(game)!));
            return context.Certified(parse.GetValue(requireCertified), eq.IsCertifiedEquilibrium, $"the equilibrium's status is {AnswerJson.StatusName(eq.Status)}{(eq.Reason is { } r ? ": " + r : "")}");
        });
        return command;
    }

    private static int RunBatch(CommandContext context, string path, double threshold, int threads, bool requireCertified)
    {
        Stream input;
        if (path == "-")
        {
            input = context.Console.BinaryIn ?? new MemoryStream(Encoding.UTF8.GetBytes(context.Console.In.ReadToEnd()));
        }
        else
        {
            if (Directory.Exists(path))
            {
                throw new CliException($"--batch {path}: is a directory; give a JSON Lines file.");
            }
            try
            {
                input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new CliException($"--batch {path}: no such file.");
            }
            catch (UnauthorizedAccessException)
            {
                throw new CliException($"--batch {path}: permission denied.");
            }
        }
        JsonLinesBatchSummary summary;
        using (input)
        {
            summary = JsonLinesBatch.Run(input, context.Console.Out, context.Console.Binary, threshold, threads, context.Cancellation);
        }
        context.Console.Error.WriteLine($"batch: {summary.Records} records, {summary.Solved} solved ({summary.Certified} certified), {summary.Invalid} invalid");
        return summary.Invalid > 0 ? CliApp.InvalidInput
            : context.Certified(requireCertified, summary.Certified == summary.Solved, $"{summary.Solved - summary.Certified} of {summary.Solved} answers");
    }
}

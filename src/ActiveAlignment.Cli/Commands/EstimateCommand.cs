using ActiveAlignment.Numerics;
using System.CommandLine;
using System.Globalization;
using System.Text;
using ActiveAlignment.Estimation;
using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment estimate --attractiveness FILE --inconsistency FILE [--similarity FILE] (--template GAME | --agents N
/// --coefficients A,C,D) [--bootstrap B] [--seed S] --out GAME [--ensemble FILE] [--json]</c>: a game from measurement tables,
/// with a bootstrap ensemble (docs/estimation.md).
/// </summary>
internal static class EstimateCommand
{
    public static Command Create(CommandContext context)
    {
        var attractiveness = new Option<string>("--attractiveness") { Description = "Attractiveness table (CSV: group, optional value and unit).", Required = true, HelpName = "FILE" };
        var inconsistency = new Option<string>("--inconsistency") { Description = "Inconsistency table (CSV: prompt, group_a, group_b, score).", Required = true, HelpName = "FILE" };
        var similarity = new Option<string?>("--similarity") { Description = "Similarity table, same columns (default: the template's S, or the identity).", HelpName = "FILE" };
        var template = new Option<string?>("--template") { Description = "A game or population file giving N, the coefficients and S; its groups must be the tables' groups.", HelpName = "GAME" };
        var agents = new Option<int?>("--agents") { Description = "Number of agents N >= 1 (overrides the template).", HelpName = "N" };
        var coefficients = new Option<string?>("--coefficients") { Description = "Coefficients λ_A,λ_C,λ_D, e.g. 1,0.5,0.3 (overrides the template).", HelpName = "A,C,D" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "Bootstrap replicates B in [0, 100000] (0 for the point estimate only).", DefaultValueFactory = _ => 1000, HelpName = "B" };
        var seed = new Option<string>("--seed") { Description = "Seed of the bootstrap: the same tables, seed and B give the same ensemble, byte for byte.", DefaultValueFactory = _ => "1", HelpName = "S" };
        var output = new Option<string>("--out") { Description = "Write the point-estimate game here.", Required = true, HelpName = "GAME" };
        var ensemble = new Option<string?>("--ensemble") { Description = "Write the ensemble (point game and replicates) here, for --ensemble of solve, sweep, compare, steer.", HelpName = "FILE" };
        var threads = CommandContext.ThreadsOption();
        var json = CommandContext.JsonOption();
        var command = new Command("estimate",
            "Estimate a game from measurement tables and bootstrap it (docs/estimation.md): a from the attractiveness table, C (and S) " +
            "from the pair tables, each with its standard error, resampling units and prompts.\n\nExample: active-alignment estimate " +
            "--attractiveness samples/estimation/attractiveness.csv --inconsistency samples/estimation/inconsistency.csv " +
            "--agents 6 --coefficients 1,1,0.2 --out traits.json --ensemble traits-ensemble.json")
        {
            attractiveness, inconsistency, similarity, template, agents, coefficients, bootstrap, seed, output, ensemble, threads, json,
        };
        command.SetAction(parse =>
        {
            int b = parse.GetValue(bootstrap);
            if (b < 0 || b > EstimationOptions.MaxReplicates)
            {
                throw new CliException($"--bootstrap {b}: the number of replicates must be an integer in [0, {EstimationOptions.MaxReplicates}].");
            }
            string seedText = parse.GetValue(seed)!;
            if (!ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out ulong seedValue))
            {
                throw new CliException($"--seed {seedText}: the seed must be an integer in [0, {ulong.MaxValue}].");
            }
            int threadCount = CommandContext.CheckThreads(parse.GetValue(threads));
            string outPath = parse.GetValue(output)!;
            string? ensemblePath = parse.GetValue(ensemble);
            AtomicFile.Check(outPath, "--out");
            if (ensemblePath is not null)
            {
                AtomicFile.Check(ensemblePath, "--ensemble");
            }
            string? templatePath = parse.GetValue(template);
            int? n = parse.GetValue(agents);
            string? lambdaText = parse.GetValue(coefficients);
            if (templatePath is null && (n is null || lambdaText is null))
            {
                throw new CliException("give --template GAME, or both --agents N and --coefficients A,C,D (they set N and the incentive coefficients of the estimated game).");
            }
            if (n is < 1)
            {
                throw new CliException($"--agents {n}: the number of agents must be an integer >= 1.");
            }
            IncentiveCoefficients? lambda = lambdaText is null ? null : ParseCoefficients(lambdaText);

            var a = IO.InputFiles.Read(parse.GetValue(attractiveness)!, AttractivenessTable.ReadFile, "--attractiveness");
            var c = IO.InputFiles.Read(parse.GetValue(inconsistency)!, p => PairTable.ReadFile(p, a.Groups, TableKind.Inconsistency), "--inconsistency");
            string? similarityPath = parse.GetValue(similarity);
            var s = similarityPath is null ? null : IO.InputFiles.Read(similarityPath, p => PairTable.ReadFile(p, a.Groups, TableKind.Similarity), "--similarity");

            PopulationGame baseGame;
            if (templatePath is not null)
            {
                baseGame = GameInput.ReadPopulation(templatePath, context.Console);
                if (n is not null || lambda is not null)
                {
                    if (baseGame.HomogeneousGame is not { } g)
                    {
                        throw new CliException("--agents and --coefficients override a plain template game; for a population template set them per class in the file.");
                    }
                    baseGame = PopulationGame.FromGame(g.WithAgents(n ?? g.Agents).WithCoefficients(lambda ?? g.Coefficients));
                }
            }
            else
            {
                baseGame = GameEstimator.Template(a.Groups, n!.Value, lambda!.Value);
            }
            var bar = new ProgressBar(context.Console, "replicates") { Total = b };
            GameEstimate estimate;
            try
            {
                estimate = GameEstimator.Estimate(a, c, s, baseGame, new EstimationOptions
                {
                    Replicates = b,
                    Seed = seedValue,
                    MaxDegreeOfParallelism = threadCount,
                    Progress = bar,
                    CancellationToken = context.Cancellation,
                });
            }
            catch (ArgumentException e)
            {
                throw new CliException((templatePath is null ? "" : $"--template {templatePath}: ") + e.Message.Split(" (Parameter", 2)[0]);
            }
            context.Console.Inputs.Record(parse.GetValue(attractiveness)!);
            context.Console.Inputs.Record(parse.GetValue(inconsistency)!);
            if (similarityPath is not null)
            {
                context.Console.Inputs.Record(similarityPath);
            }
            var point = estimate.Ensemble.Point;
            byte[] gameBytes = Encoding.UTF8.GetBytes(point.HomogeneousGame is { } pg ? GameJson.Write(pg) : GameJson.WritePopulation(point));
            byte[]? ensembleBytes = ensemblePath is null ? null : Encoding.UTF8.GetBytes(EnsembleJson.Write(estimate.Ensemble));
            AtomicFile.Write(context, outPath, "--out", st => st.Write(gameBytes));
            if (ensemblePath is not null)
            {
                AtomicFile.Write(context, ensemblePath, "--ensemble", st => st.Write(ensembleBytes!));
            }
            var sources = new EstimateAnswer.Sources(a, c, s);
            context.Buffer.Write(parse.GetValue(json) ? EstimateAnswer.Json(estimate, sources, outPath, ensemblePath) : EstimateAnswer.Table(estimate, sources, outPath, ensemblePath));
            return 0;
        });
        return command;
    }

    internal static IncentiveCoefficients ParseCoefficients(string text)
    {
        var parts = text.Split(',');
        var values = new double[3];
        if (parts.Length != 3)
        {
            throw new CliException($"--coefficients {text}: give three numbers λ_A,λ_C,λ_D separated by commas, e.g. 1,0.5,0.3.");
        }
        string[] names = ["attractiveness", "consistency", "diversity"];
        for (int i = 0; i < 3; i++)
        {
            if (!Format.TryReadFinite(parts[i].Trim(), out values[i]) || values[i] < 0 || values[i] > Tolerances.MaxMagnitude)
            {
                throw new CliException($"--coefficients {text}: the {names[i]} coefficient '{parts[i].Trim()}' must be a number in [0, {Tolerances.MaxMagnitude:G}].");
            }
        }
        return new IncentiveCoefficients(values[0], values[1], values[2]);
    }
}

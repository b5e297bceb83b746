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
                    string pointJson = u.Point is { } hp ? Json(hp, tau) : PopulationJson(u.PointPopulation!, tau);
                    context.Buffer.Write(Format.WithProperty(pointJson, "uncertainty", w => UncertaintyJson(w, u)));
                }
                else
                {
                    string pointTable = u.Point is { } hp ? Table(hp, tau, label + " (point estimate)") : PopulationTable(u.PointPopulation!, tau, label + " (point estimate)");
                    context.Buffer.Write(pointTable + "\n" + UncertaintyTable(u));
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
                context.Buffer.Write(parse.GetValue(json) ? PopulationJson(p, tau) : PopulationTable(p, tau, parse.GetValue(game) == "-" ? GameInput.StdinLabel : parse.GetValue(game)!));
                return context.Certified(parse.GetValue(requireCertified), p.IsCertifiedEquilibrium, $"the equilibrium's status is {StatusName(p.Status)}{(p.Reason is { } pr ? ": " + pr : "")}");
            }
            var eq = EquilibriumSolver.Solve(population.HomogeneousGame);
            context.Buffer.Write(parse.GetValue(json) ? Json(eq, tau) : Table(eq, tau, parse.GetValue(game) == "-" ? GameInput.StdinLabel : parse.GetValue(game)!));
            return context.Certified(parse.GetValue(requireCertified), eq.IsCertifiedEquilibrium, $"the equilibrium's status is {StatusName(eq.Status)}{(eq.Reason is { } r ? ": " + r : "")}");
        });
        return command;
    }

    public static string StatusName(EquilibriumStatus status) => Format.Camel(status.ToString());

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
        SolveBatch.Summary summary;
        using (input)
        {
            summary = SolveBatch.Run(input, context.Console.Out, context.Console.Binary, threshold, threads, context.Cancellation);
        }
        context.Console.Error.WriteLine($"batch: {summary.Records} records, {summary.Solved} solved ({summary.Certified} certified), {summary.Invalid} invalid");
        return summary.Invalid > 0 ? CliApp.InvalidInput
            : context.Certified(requireCertified, summary.Certified == summary.Solved, $"{summary.Solved - summary.Certified} of {summary.Solved} answers");
    }

    internal static void UncertaintyJson(System.Text.Json.Utf8JsonWriter w, Estimation.EquilibriumUncertainty u)
    {
        w.WriteStartObject();
        w.WriteNumber("confidence", u.Confidence);
        w.WriteNumber("replicates", u.Replicates);
        w.WriteNumber("certifiedReplicates", u.CertifiedReplicates);
        w.WriteStartObject("statusShares");
        foreach (var (status, count) in u.StatusCounts)
        {
            w.WriteNumber(StatusName(status), (double)count / u.Replicates);
        }
        w.WriteEndObject();
        if (u.Point is not null)
        {
            w.WriteStartObject("stabilityShares");
            foreach (var label in Enum.GetValues<Learning.StabilityLabel>())
            {
                w.WriteNumber(StabilityName(label), u.StabilityShare(label));
            }
            w.WriteEndObject();
        }
        w.WriteStartObject("groups");
        foreach (var g in u.Groups)
        {
            w.WriteStartObject(g.Name);
            w.Interval(g.Point, g.Interval);
            w.NullableNumber("exclusionProbability", g.ExclusionProbability);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static string UncertaintyTable(Estimation.EquilibriumUncertainty u)
    {
        var sb = new StringBuilder();
        string level = Format.Number(100 * u.Confidence, 4) + "%";
        sb.Append($"Over {u.Replicates} bootstrap replicates ({u.CertifiedReplicates} with a certified equilibrium; {level} percentile intervals):\n\n");
        sb.Append(Format.Table(["subpopulation", "weight", $"{level} interval", $"P(w < {Format.Number(u.Threshold)})"],
            u.Groups.Select(g => (IReadOnlyList<string>)[g.Name, g.Point is double p ? Format.Fixed(p) : "n/a", Format.Interval(g.Interval),
                g.ExclusionProbability is double q ? Format.Number(q, 4) : "n/a"])));
        sb.Append("\nstatus of replicates  ");
        sb.Append(string.Join(", ", u.StatusCounts.Select(p => $"{StatusName(p.Key)} {Format.Number(100.0 * p.Value / Math.Max(1, u.Replicates), 4)}%")));
        sb.Append('\n');
        if (u.Point is not null)
        {
            sb.Append("stability of replicates  ");
            sb.Append(string.Join(", ", Enum.GetValues<Learning.StabilityLabel>().Select(l => $"{StabilityName(l)} {Format.Number(100.0 * u.StabilityShare(l), 4)}%")));
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string Json(HomogeneousEquilibrium eq, double threshold) => Format.Json(w =>
    {
        w.WriteStartObject();
        WriteProperties(w, eq, threshold);
        w.WriteEndObject();
    });

    /// <summary>The property names of the solve --json object, encoded once (a batch writes them for every line).</summary>
    private static class Key
    {
        public static readonly System.Text.Json.JsonEncodedText Status = System.Text.Json.JsonEncodedText.Encode("status");
        public static readonly System.Text.Json.JsonEncodedText ClosedForm = System.Text.Json.JsonEncodedText.Encode("closedForm");
        public static readonly System.Text.Json.JsonEncodedText Weights = System.Text.Json.JsonEncodedText.Encode("weights");
        public static readonly System.Text.Json.JsonEncodedText Multiplier = System.Text.Json.JsonEncodedText.Encode("multiplier");
        public static readonly System.Text.Json.JsonEncodedText Support = System.Text.Json.JsonEncodedText.Encode("support");
        public static readonly System.Text.Json.JsonEncodedText Excluded = System.Text.Json.JsonEncodedText.Encode("excluded");
        public static readonly System.Text.Json.JsonEncodedText Threshold = System.Text.Json.JsonEncodedText.Encode("threshold");
        public static readonly System.Text.Json.JsonEncodedText NashGap = System.Text.Json.JsonEncodedText.Encode("nashGap");
        public static readonly System.Text.Json.JsonEncodedText NashGapBound = System.Text.Json.JsonEncodedText.Encode("nashGapBound");
        public static readonly System.Text.Json.JsonEncodedText NashGapTolerance = System.Text.Json.JsonEncodedText.Encode("nashGapTolerance");
        public static readonly System.Text.Json.JsonEncodedText NashGapCertified = System.Text.Json.JsonEncodedText.Encode("nashGapCertified");
        public static readonly System.Text.Json.JsonEncodedText Certified = System.Text.Json.JsonEncodedText.Encode("certified");
        public static readonly System.Text.Json.JsonEncodedText Reason = System.Text.Json.JsonEncodedText.Encode("reason");
        public static readonly System.Text.Json.JsonEncodedText KktResidual = System.Text.Json.JsonEncodedText.Encode("kktResidual");
        public static readonly System.Text.Json.JsonEncodedText Iterations = System.Text.Json.JsonEncodedText.Encode("iterations");
        public static readonly System.Text.Json.JsonEncodedText UniqueHomogeneous = System.Text.Json.JsonEncodedText.Encode("uniqueHomogeneous");
        public static readonly System.Text.Json.JsonEncodedText UniqueEquilibrium = System.Text.Json.JsonEncodedText.Encode("uniqueEquilibrium");
        public static readonly System.Text.Json.JsonEncodedText ReciprocalCondition = System.Text.Json.JsonEncodedText.Encode("reciprocalCondition");
        public static readonly System.Text.Json.JsonEncodedText Scale = System.Text.Json.JsonEncodedText.Encode("scale");
        public static readonly System.Text.Json.JsonEncodedText Label = System.Text.Json.JsonEncodedText.Encode("label");
        public static readonly System.Text.Json.JsonEncodedText CommonMargin = System.Text.Json.JsonEncodedText.Encode("commonMargin");
        public static readonly System.Text.Json.JsonEncodedText SpecialisationMargin = System.Text.Json.JsonEncodedText.Encode("specialisationMargin");
        public static readonly System.Text.Json.JsonEncodedText Margin = System.Text.Json.JsonEncodedText.Encode("margin");
        public static readonly System.Text.Json.JsonEncodedText Slack = System.Text.Json.JsonEncodedText.Encode("slack");
        public static readonly System.Text.Json.JsonEncodedText Method = System.Text.Json.JsonEncodedText.Encode("method");
        public static readonly System.Text.Json.JsonEncodedText UnstableMode = System.Text.Json.JsonEncodedText.Encode("unstableMode");
    }

    /// <summary>The members of the solve --json object (without the braces), for single answers and batch lines alike.</summary>
    public static void WriteProperties(System.Text.Json.Utf8JsonWriter w, HomogeneousEquilibrium eq, double threshold)
    {
        w.WriteString(Key.Status, StatusName(eq.Status));
        w.WriteString(Key.ClosedForm, Format.Camel(eq.ClosedForm.Status.ToString()));
        w.WriteStartObject(Key.Weights);
        var subpopulations = eq.Game.Subpopulations;
        for (int k = 0; k < subpopulations.Count; k++)
        {
            w.NumberOrNull(subpopulations[k].Name, eq.WeightsSpan[k]);
        }
        w.WriteEndObject();
        w.NumberOrNull(Key.Multiplier, eq.Multiplier);
        w.StringArray(Key.Support, eq.SupportNames);
        w.StringArray(Key.Excluded, eq.Excluded(threshold));
        w.WriteFiniteNumber(Key.Threshold, threshold);
        w.WriteFiniteNumber(Key.NashGap, eq.NashGap);
        w.NumberOrNull(Key.NashGapBound, eq.NashGapBound);
        w.WriteFiniteNumber(Key.NashGapTolerance, eq.NashGapReport.Tolerance);
        w.WriteBoolean(Key.NashGapCertified, eq.NashGapCertified);
        w.WriteBoolean(Key.Certified, eq.IsCertifiedEquilibrium);
        if (eq.Reason is { } reason)
        {
            w.WriteString(Key.Reason, reason);
        }
        w.WriteFiniteNumber(Key.KktResidual, eq.KktResidual);
        w.WriteNumber(Key.Iterations, eq.Iterations);
        w.WriteBoolean(Key.UniqueHomogeneous, eq.Uniqueness.HomogeneousUnique);
        w.WriteBoolean(Key.UniqueEquilibrium, eq.Uniqueness.UniqueEquilibrium);
        StabilityJson(w, eq.Stability);
        w.WriteFiniteNumber(Key.ReciprocalCondition, eq.ClosedForm.ReciprocalCondition);
        w.WriteFiniteNumber(Key.Scale, eq.Game.Scale);
    }

    /// <summary>"stability": {"label", "commonMargin", "specialisationMargin", "slack", "certified"} (docs/model.md#stability).</summary>
    public static void StabilityJson(System.Text.Json.Utf8JsonWriter w, Learning.StabilityReport stability, string name = "stability")
    {
        w.WriteStartObject(name);
        w.WriteString(Key.Label, StabilityName(stability.Label));
        if (stability.IsHomogeneous)
        {
            w.NullableNumber(Key.CommonMargin, stability.CommonMargin);
            w.NullableNumber(Key.SpecialisationMargin, stability.SpecialisationMargin);
        }
        w.NullableNumber(Key.Margin, stability.Margin);
        w.NullableNumber(Key.Slack, stability.Slack);
        w.WriteBoolean(Key.Certified, stability.IsCertified);
        if (stability.Method != "potential")
        {
            w.WriteString(Key.Method, stability.Method);
        }
        if (stability.UnstableMode is { } mode)
        {
            w.WriteString(Key.UnstableMode, mode);
        }
        w.WriteEndObject();
    }

    /// <summary>"stable", "unstable" or "degenerate".</summary>
    public static string StabilityName(Learning.StabilityLabel label) => label switch
    {
        Learning.StabilityLabel.Stable => "stable",
        Learning.StabilityLabel.Unstable => "unstable",
        _ => "degenerate",
    };

    /// <summary>The stability line of the text output: the label, the margins, and the plain-words reading.</summary>
    public static string StabilityLine(Learning.StabilityReport stability) => $"{stability}\n                    {stability.Description}";

    public static string Table(HomogeneousEquilibrium eq, double threshold, string label)
    {
        var sb = new StringBuilder();
        var game = eq.Game;
        sb.Append($"Homogeneous equilibrium of {label}: {Describe(eq.Status)} (closed form: {Format.Camel(eq.ClosedForm.Status.ToString())})\n");
        sb.Append($"K = {game.Count} subpopulations, N = {game.Agents} agents, λ = (attractiveness {Format.Number(game.Coefficients.Attractiveness)}, " +
            $"consistency {Format.Number(game.Coefficients.Consistency)}, diversity {Format.Number(game.Coefficients.Diversity)})\n\n");
        var excluded = eq.Excluded(threshold).ToHashSet();
        var rows = game.Subpopulations.Select((s, k) => (IReadOnlyList<string>)
            [s.Name, Format.Fixed(eq.Weights[k]), excluded.Contains(s.Name) ? "excluded" : "represented"]);
        sb.Append(Format.Table(["subpopulation", "weight", $"(τ = {Format.Number(threshold)})"], rows));
        sb.Append('\n');
        sb.Append($"multiplier ν        {Format.Number(eq.Multiplier, 10)}\n");
        sb.Append($"Nash gap            {GapLine(eq.NashGapReport)}\n");
        if (eq.Reason is { } reason)
        {
            sb.Append($"NOT CERTIFIED       {reason}\n");
        }
        sb.Append($"KKT residual        {Format.Number(eq.KktResidual, 3)}\n");
        sb.Append($"iterations          {eq.Iterations}\n");
        sb.Append($"uniqueness          {eq.Uniqueness.Description}\n");
        sb.Append($"stability           {StabilityLine(eq.Stability)}\n");
        sb.Append($"excluded (w < τ)    {(excluded.Count == 0 ? "none" : string.Join(", ", eq.Excluded(threshold)))}\n");
        return sb.ToString();
    }

    public static string PopulationJson(PopulationEquilibrium eq, double threshold) => Format.Json(w =>
    {
        w.WriteStartObject();
        WritePopulationProperties(w, eq, threshold);
        w.WriteEndObject();
    });

    /// <summary>The members of the population solve --json object (without the braces).</summary>
    public static void WritePopulationProperties(System.Text.Json.Utf8JsonWriter w, PopulationEquilibrium eq, double threshold)
    {
        var names = eq.Game.Names.ToList();
        w.WriteString("status", StatusName(eq.Status));
        w.WriteString("closedForm", Format.Camel(eq.ClosedForm.ToString()));
        w.WriteStartArray("classes");
        for (int c = 0; c < eq.Game.Classes.Count; c++)
        {
            w.WriteStartObject();
            w.WriteString("name", eq.Game.Classes[c].Name);
            w.WriteNumber("count", eq.Game.Classes[c].Count);
            w.NamedVector("weights", names, eq.ClassWeights[c]);
            w.NumberOrNull("multiplier", eq.Multipliers[c]);
            w.WriteNumber("nashGap", eq.ClassGaps[c]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.NamedVector("weights", names, eq.AverageWeights);
        w.StringArray("excluded", eq.Excluded(threshold));
        w.WriteNumber("threshold", threshold);
        w.WriteNumber("nashGap", eq.NashGap);
        w.NumberOrNull("nashGapBound", eq.NashGapBound);
        w.WriteNumber("nashGapTolerance", eq.NashGapReport.Tolerance);
        w.WriteBoolean("nashGapCertified", eq.NashGapCertified);
        w.WriteBoolean("certified", eq.IsCertifiedEquilibrium);
        if (eq.Reason is { } reason)
        {
            w.WriteString("reason", reason);
        }
        w.WriteNumber("kktResidual", eq.KktResidual);
        w.WriteNumber("iterations", eq.Iterations);
        w.WriteBoolean("uniqueEquilibrium", eq.Uniqueness.UniqueEquilibrium);
        StabilityJson(w, eq.Stability);
    }

    public static string PopulationTable(PopulationEquilibrium eq, double threshold, string label)
    {
        var sb = new StringBuilder();
        var game = eq.Game;
        sb.Append($"Class-symmetric equilibrium of {label}: {Describe(eq.Status)} (closed form: {Format.Camel(eq.ClosedForm.ToString())})\n");
        sb.Append($"K = {game.Count} subpopulations, N = {game.Agents} agents in {game.Classes.Count} classes\n\n");
        var header = new List<string> { "subpopulation" };
        header.AddRange(game.Classes.Select(c => $"{c.Name} (×{c.Count})"));
        header.Add("population");
        var average = eq.AverageWeights;
        var rows = game.Subpopulations.Select((s, k) =>
        {
            var row = new List<string> { s.Name };
            row.AddRange(eq.ClassWeights.Select(w => Format.Fixed(w[k])));
            row.Add(Format.Fixed(average[k]));
            return (IReadOnlyList<string>)row;
        });
        sb.Append(Format.Table(header, rows));
        sb.Append('\n');
        sb.Append($"multipliers ν_c     {string.Join(", ", game.Classes.Select((c, i) => $"{c.Name} {Format.Number(eq.Multipliers[i], 8)}"))}\n");
        sb.Append($"Nash gap            {GapLine(eq.NashGapReport)}, over every agent\n");
        if (eq.Reason is { } reason)
        {
            sb.Append($"NOT CERTIFIED       {reason}\n");
        }
        sb.Append($"KKT residual        {Format.Number(eq.KktResidual, 3)}\n");
        sb.Append($"iterations          {eq.Iterations}\n");
        sb.Append($"uniqueness          {(eq.Uniqueness.UniqueEquilibrium ? "unique equilibrium (diagonal strict concavity holds for every class)" : "not known to be unique (the sufficient condition fails)")}\n");
        sb.Append($"stability           {eq.Stability} ({(eq.Stability.Method == "jacobian" ? "from the Jacobian of the gradient field: the classes' diversity incentives admit no weighted potential; not proved" : "from the weighted potential")})\n");
        var excluded = eq.Excluded(threshold);
        sb.Append($"excluded by every class (w < {Format.Number(threshold)})  {(excluded.Count == 0 ? "none" : string.Join(", ", excluded))}\n");
        return sb.ToString();
    }

    /// <summary>"4.2E-17, proved ≤ 3.1E-15 (certified; tolerance 1E-10)": "certified" only when the bound proves it.</summary>
    public static string GapLine(ActiveAlignment.Certificates.NashGapReport gap)
    {
        string bound = double.IsFinite(gap.UpperBound) ? $"proved ≤ {Format.Number(gap.UpperBound, 3)}" : "no proved bound";
        return $"{Format.Number(gap.Gap, 3)}, {bound} ({(gap.IsCertified ? "certified" : "NOT certified")}; tolerance {Format.Number(gap.Tolerance, 3)})";
    }

    private static string Describe(EquilibriumStatus status) => status switch
    {
        EquilibriumStatus.Interior => "interior",
        EquilibriumStatus.Boundary => "boundary (some groups get exactly zero weight)",
        EquilibriumStatus.NotConcave => "NOT CONCAVE (own concavity fails: a stationary point, not a certified equilibrium)",
        _ => "NOT CONVERGED (no Nash gap within the tolerance could be proved)",
    };
}

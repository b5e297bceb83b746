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
            double[]? targetWeights = parse.GetValue(target) is string t ? ParseTarget(t, g) : null;
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
                $"today's equilibrium's status is {SolveCommand.StatusName(report.Equilibrium.Status)}");
            if (e is null)
            {
                context.Buffer.Write(parse.GetValue(json) ? Json(report) : Table(report));
                return certifiedCode;
            }
            double max = maximum ?? Math.Max(100.0, 10.0 * g.Coefficients.Diversity);
            var u = Estimation.EnsembleAnalysis.MinimumDiversity(e, tau, max, level, threadCount, context.Cancellation);
            context.Buffer.Write(parse.GetValue(json)
                ? Format.WithProperty(Json(report), "uncertainty", w => UncertaintyJson(w, u))
                : Table(report) + "\n" + UncertaintyTable(u));
            return certifiedCode;
        });
        return command;
    }

    private static double[] ParseTarget(string text, AlignmentGame game)
    {
        var weights = new double[game.Count];
        var seen = new bool[game.Count];
        foreach (var (name, weightText) in NamedWeights.Parse("--target", text))
        {
            string quoted = NamedWeights.Quote(name);
            if (!game.Contains(name))
            {
                throw new CliException($"--target: no group is called {quoted}; the groups are {string.Join(", ", game.Names.Select(NamedWeights.Quote))}.");
            }
            int k = game.IndexOf(name);
            if (seen[k])
            {
                throw new CliException($"--target: {quoted} appears twice.");
            }
            if (!Format.TryReadFinite(weightText, out double w))
            {
                throw new CliException($"--target: the weight of {quoted}, '{Format.Visible(weightText)}', is not a decimal number a double holds (finite, and not a non-zero number that rounds to 0).");
            }
            if (!(w > 0))
            {
                throw new CliException($"--target: {quoted} = {weightText}; a target gives every group a weight > 0 (it must lie inside the simplex: " +
                    "a subsidy moves an interior equilibrium, and an interior equilibrium gives every group positive weight).");
            }
            seen[k] = true;
            weights[k] = w;
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new CliException($"--target: give a weight for every group; {NamedWeights.Quote(game.Subpopulations[missing].Name)} is missing.");
        }
        double sum = 0;
        foreach (double w in weights)
        {
            sum += w;
        }
        if (!(Math.Abs(sum - 1.0) <= 1e-9))
        {
            throw new CliException($"--target: the weights must sum to 1 within 1e-9; they sum to {sum.ToString("R", CultureInfo.InvariantCulture)}.");
        }
        return weights;
    }

    internal static void UncertaintyJson(System.Text.Json.Utf8JsonWriter w, Estimation.DiversityUncertainty u)
    {
        w.WriteStartObject();
        w.WriteNumber("confidence", u.Confidence);
        w.WriteNumber("replicates", u.Replicates);
        w.WriteStartObject("minimumDiversity");
        w.Interval(u.Point.Value, u.Interval);
        w.WriteNumber("unreachableReplicates", u.Unreachable);
        w.WriteEndObject();
        w.NullableNumber("robustMinimumDiversity", u.Robust);
        w.WriteString("robustMinimumDiversityReason", u.RobustReason);
        w.WriteEndObject();
    }

    internal static string UncertaintyTable(Estimation.DiversityUncertainty u)
    {
        string level = Format.Number(100 * u.Confidence, 4) + "%";
        var sb = new StringBuilder();
        sb.Append($"Over {u.Replicates} bootstrap replicates ({level} percentile intervals; unreachable counts as ∞):\n");
        sb.Append($"  minimum diversity         {(u.Point.Value is double v ? Format.Number(v) : "unreachable")} {Format.Interval(u.Interval)}" +
            $"{(u.Unreachable > 0 ? $", unreachable in {u.Unreachable} replicates" : "")}\n");
        sb.Append($"  robust minimum diversity  {(u.Robust is double r ? Format.Number(r) : "none")}: {u.RobustReason}\n");
        return sb.ToString();
    }

    public static string Json(SteeringReport r) => Format.Json(w =>
    {
        var names = r.Equilibrium.Game.Names.ToList();
        w.WriteStartObject();
        w.WriteString("status", SolveCommand.StatusName(r.Equilibrium.Status));
        w.NamedVector("weights", names, r.Equilibrium.Weights);
        w.WriteNumber("threshold", r.Threshold);
        if (r.Sensitivity.IsDefined)
        {
            w.WriteStartObject("sensitivity");
            w.NamedVector("attractiveness", names, r.Sensitivity.Attractiveness!);
            w.NamedVector("consistency", names, r.Sensitivity.Consistency!);
            w.NamedVector("diversity", names, r.Sensitivity.Diversity!);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("sensitivity");
        }
        w.WriteString("sensitivityReason", r.Sensitivity.Reason ?? "defined at the interior equilibrium");
        Subsidy(w, "subsidyToFloor", names, r.SubsidyToFloor);
        if (r.SubsidyToTarget is null)
        {
            w.WriteNull("subsidyToTarget");
        }
        else
        {
            Subsidy(w, "subsidyToTarget", names, r.SubsidyToTarget);
        }
        if (r.MinimumDiversity.Value is double d)
        {
            w.WriteNumber("minimumDiversity", d);
        }
        else
        {
            w.WriteNull("minimumDiversity");
        }
        w.WriteString("minimumDiversityReason", r.MinimumDiversity.Reason);
        w.WriteStartArray("minimumDiversityIntervals");
        foreach (var (from, to) in r.MinimumDiversity.Intervals)
        {
            w.WriteStartArray();
            w.WriteNumberValue(from);
            w.WriteNumberValue(to);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        SolveCommand.StabilityJson(w, r.Stability.Today);
        w.NullableNumber("stableUpTo", r.Stability.StableUpTo);
        w.WriteString("stableUpToReason", r.Stability.Reason);
        if (r.MinimumDiversityStability is { } ms)
        {
            SolveCommand.StabilityJson(w, ms, "minimumDiversityStability");
            w.WriteBoolean("minimumDiversityStable", ms.IsStable);
        }
        else
        {
            w.WriteNull("minimumDiversityStability");
            w.WriteNull("minimumDiversityStable");
        }
        w.WriteStartArray("stableAtMinimumDiversity");
        foreach (var alt in r.StableAtMinimumDiversity)
        {
            w.WriteStartObject();
            EquilibriaCommand.Profile(w, "profile", names, alt.Profile);
            w.NamedVector("representation", names, alt.Representation);
            w.StringArray("excluded", names.Where((_, j) => alt.Representation[j] < r.Threshold));
            if (alt.Multiplicity is { } mult)
            {
                EquilibriaCommand.WriteBig(w, "multiplicity", mult);
            }
            w.NullableNumber("share", alt.Share);
            w.WriteString("source", alt.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static void Subsidy(System.Text.Json.Utf8JsonWriter w, string property, IReadOnlyList<string> names, SubsidyResult s)
    {
        if (s.Exists)
        {
            w.NamedVector(property, names, s.Delta!);
            w.NamedVector(property + "Weights", names, s.Weights!);
        }
        else
        {
            w.WriteNull(property);
            w.WriteString(property + "Reason", s.Reason);
        }
    }

    public static string Table(SteeringReport r)
    {
        var game = r.Equilibrium.Game;
        var sb = new StringBuilder();
        string tau = Format.Number(r.Threshold);
        sb.Append($"Steering the equilibrium (status {SolveCommand.StatusName(r.Equilibrium.Status)}), threshold τ = {tau}\n\n");
        var rows = game.Subpopulations.Select((s, k) => (IReadOnlyList<string>)
        [
            s.Name, Format.Fixed(r.Equilibrium.Weights[k]),
            r.Sensitivity.IsDefined ? Format.Fixed(r.Sensitivity.Attractiveness![k]) : "-",
            r.Sensitivity.IsDefined ? Format.Fixed(r.Sensitivity.Consistency![k]) : "-",
            r.Sensitivity.IsDefined ? Format.Fixed(r.Sensitivity.Diversity![k]) : "-",
            r.SubsidyToFloor.Exists ? Format.Fixed(r.SubsidyToFloor.Delta![k]) : "-",
        ]);
        sb.Append(Format.Table(["group", "weight", "∂w/∂λ_A", "∂w/∂λ_C", "∂w/∂λ_D", $"subsidy to ≥ {tau}"], rows));
        sb.Append('\n');
        sb.Append(r.Sensitivity.IsDefined
            ? "sensitivity: each column is how much a group's weight moves per unit increase of that coefficient\n"
            : $"sensitivity: undefined: {r.Sensitivity.Reason}\n");
        if (r.SubsidyToFloor.Exists)
        {
            var low = game.Subpopulations.Select((s, k) => (s.Name, r.Equilibrium.Weights[k])).Where(p => p.Item2 < r.Threshold).Select(p => p.Name).ToList();
            sb.Append(r.SubsidyToFloor.Norm == 0
                ? $"subsidy to floor: none needed; every group already has weight at least {tau}\n"
                : $"subsidy to floor: shifting attractiveness by the column above (budget-neutral, norm {Format.Number(r.SubsidyToFloor.Norm!.Value, 4)}) brings every group to at least {tau}" +
                  (low.Count > 0 ? $" (today below: {string.Join(", ", low)})\n" : "\n"));
        }
        else
        {
            sb.Append($"subsidy to floor: none: {r.SubsidyToFloor.Reason}\n");
        }
        if (r.SubsidyToTarget is { } target)
        {
            sb.Append(target.Exists
                ? $"subsidy to target: δ = ({string.Join(", ", game.Names.Zip(target.Delta!, (n, d) => $"{n} {Format.Fixed(d)}"))}) reaches the target (norm {Format.Number(target.Norm!.Value, 4)})\n"
                : $"subsidy to target: none: {target.Reason}\n");
        }
        sb.Append($"minimum diversity: {r.MinimumDiversity.Reason}\n");
        sb.Append($"stability today: {r.Stability.Today}; {r.Stability.Today.Description}\n");
        sb.Append($"stable up to: {(r.Stability.StableUpTo is double up ? "λ_D = " + Format.Number(up) : "every λ_D (unbounded)")}: {r.Stability.Reason}\n");
        if (r.MinimumDiversityStability is { } ms)
        {
            sb.Append(ms.IsStable
                ? $"at the minimum diversity the homogeneous equilibrium is stable ({ms}): learning agents stay there\n"
                : $"at the minimum diversity the homogeneous equilibrium is {ms.Label.ToString().ToUpperInvariant()} ({ms}): representing every group needs a λ_D " +
                  "where learning agents would not stay; they go to " + (r.StableAtMinimumDiversity.Count == 0
                      ? "no stable equilibrium that was found\n"
                      : $"{r.StableAtMinimumDiversity.Count} stable equilibri{(r.StableAtMinimumDiversity.Count == 1 ? "um" : "a")} ({r.StableAtMinimumDiversity[0].Source}):\n"));
            foreach (var alt in r.StableAtMinimumDiversity)
            {
                var excluded = game.Names.Where((_, j) => alt.Representation[j] < r.Threshold).ToList();
                sb.Append($"  representation {string.Join(", ", game.Names.Select((n, j) => $"{n} {Format.Fixed(alt.Representation[j], 4)}"))}" +
                    $"{(alt.Share is double share ? $" ({Format.Number(100 * share, 3)}% of starts)" : alt.Multiplicity is { } mm ? $" (×{mm} agent orders)" : "")}" +
                    $"{(excluded.Count > 0 ? $"; excluded: {string.Join(", ", excluded)}" : "; every group represented")}\n");
            }
        }
        return sb.ToString();
    }
}

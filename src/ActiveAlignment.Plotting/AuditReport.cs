using System.Globalization;
using System.Net;
using System.Text;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Estimation;
using ActiveAlignment.Reporting;
using ActiveAlignment.Steering;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Plotting;

/// <summary>What an audit report covers and how it is labelled (docs/report.md).</summary>
public sealed record AuditReportOptions
{
    /// <summary>The exclusion threshold τ in (0, 1); default 0.01.</summary>
    public double Threshold { get; init; } = 0.01;

    /// <summary>The confidence level of intervals when the report is of an ensemble; default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The first axis of the exclusion maps; null for consistency from 0.05 to max(2, 2 λ_C), 120 points.</summary>
    public GridAxis? X { get; init; }

    /// <summary>The second axis; null for diversity from 0 to max(3, 2 λ_D), 120 points.</summary>
    public GridAxis? Y { get; init; }

    /// <summary>The largest diversity coefficient the steering section considers; null for max(100, 10 λ_D).</summary>
    public double? MaximumDiversity { get; init; }

    /// <summary>The title; null for one naming the games.</summary>
    public string? Title { get; init; }

    /// <summary>Where the project's documentation lives, linked from the model section.</summary>
    public string DocumentationUrl { get; init; } = "https://www.nuget.org/packages/ActiveAlignment";

    /// <summary>Provenance lines shown in the last section (e.g. version, command, input SHA-256s), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Provenance { get; init; } = [];

    /// <summary>Threads for sweeps and replicates; -1 for all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives a short description of each step as the report is computed.</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Stops the computation.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The options of the analysis behind the report (<see cref="AuditAnalysis"/>).</summary>
    public AuditAnalysisOptions AnalysisOptions => new()
    {
        Threshold = Threshold,
        Confidence = Confidence,
        X = X,
        Y = Y,
        MaximumDiversity = MaximumDiversity,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        Progress = Progress,
        CancellationToken = CancellationToken,
    };
}

/// <summary>
/// A self-contained HTML audit report for readers who will never run the tool: what equilibrium the incentives produce,
/// who is excluded and how surely, where in coefficient space exclusion lives, and which lever restores representation at
/// what cost. One file: inline CSS, every figure an SVG data URI with alt text, no script, no font or request of any kind
/// (a Content-Security-Policy forbids them), printable with one section per page.
/// </summary>
public static class AuditReport
{
    /// <summary>Renders the report of one game.</summary>
    /// <param name="name">The game's name (e.g. its file name).</param>
    /// <param name="game">The game.</param>
    /// <param name="options">Threshold, axes, provenance, …</param>
    /// <returns>The HTML text.</returns>
    public static string Render(string name, AlignmentGame game, AuditReportOptions? options = null) =>
        Render([new(name, game)], null, options ?? new AuditReportOptions());

    /// <summary>Renders the report of several games over the same groups, with a comparison section.</summary>
    /// <param name="games">Named games (at least one).</param>
    /// <param name="options">Threshold, axes, provenance, …</param>
    /// <returns>The HTML text.</returns>
    public static string Render(IReadOnlyList<KeyValuePair<string, AlignmentGame>> games, AuditReportOptions? options = null) =>
        Render(games, null, options ?? new AuditReportOptions());

    /// <summary>Renders the report of an ensemble: the point game's answers with intervals and exclusion probabilities.</summary>
    /// <param name="name">The ensemble's name.</param>
    /// <param name="ensemble">A plain-game ensemble.</param>
    /// <param name="options">Threshold, confidence, axes, provenance, …</param>
    /// <returns>The HTML text.</returns>
    public static string Render(string name, Ensemble ensemble, AuditReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        return Render([new(name, ensemble.PointGame)], ensemble, options ?? new AuditReportOptions());
    }

    private static string Render(IReadOnlyList<KeyValuePair<string, AlignmentGame>> games, Ensemble? ensemble, AuditReportOptions o)
    {
        ArgumentNullException.ThrowIfNull(games);
        var analysisOptions = o.AnalysisOptions;
        var analysis = ensemble is null ? AuditAnalysis.Run(games, analysisOptions) : AuditAnalysis.RunEnsemble(games[0].Key, ensemble, analysisOptions);
        return RenderAnalysis(analysis, o);
    }

    /// <summary>Renders an audit already analysed (<see cref="AuditAnalysis.Run(IReadOnlyList{KeyValuePair{string, AlignmentGame}}, AuditAnalysisOptions?)"/>).</summary>
    /// <param name="analysis">The analysis.</param>
    /// <param name="options">Title, documentation link and provenance (the analysis options are the analysis's own).</param>
    /// <returns>One self-contained HTML document.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static string RenderAnalysis(AuditAnalysis analysis, AuditReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(options);
        var o = options;
        var games = analysis.Games.Select(g => new KeyValuePair<string, AlignmentGame>(g.Name, g.Game)).ToList();
        var ensemble = analysis.Ensemble;
        double tau = analysis.Threshold;
        var x = analysis.X;
        var y = analysis.Y;
        var analyses = analysis.Games.ToList();
        var solveU = analysis.EquilibriumUncertainty;
        var sweepU = analysis.ExclusionUncertainty;
        var diversityU = analysis.DiversityUncertainty;
        var comparison = analysis.Comparison;
        o = o with { MaximumDiversity = analysis.Options.MaximumDiversity, Confidence = analysis.Options.Confidence };
        var html = new Html();
        string title = o.Title ?? (games.Count == 1 ? $"Audit report: {games[0].Key}" : $"Audit report: {string.Join(" vs ", games.Select(g => g.Key))}");
        html.Begin(title);
        html.Raw($"<header><h1>{E(title)}</h1><p class=\"lead\">Which human groups does a population of LLM agents end up serving under these incentives, " +
            $"how sure is that, and what would change it? Exclusion threshold τ = {Pct(tau)}: a group with less than {Pct(tau)} of the agents' attention is " +
            "called excluded.</p>");
        html.Raw("<nav aria-label=\"Sections\"><ol>");
        foreach (var (id, label) in Sections(games.Count > 1, ensemble is not null))
        {
            html.Raw($"<li><a href=\"#{id}\">{E(label)}</a></li>");
        }
        html.Raw("</ol></nav></header><main>");

        Summary(html, analyses, solveU, sweepU, diversityU, tau, o);
        Equilibria(html, analyses, tau);
        Uniqueness(html, analyses);
        LearningAgents(html, analyses, tau);
        if (ensemble is not null)
        {
            Uncertainty(html, ensemble, solveU!, sweepU!, tau, o);
        }
        Exclusion(html, analyses, x, y, tau);
        if (comparison is not null)
        {
            Comparison(html, comparison, x, y, tau);
        }
        SteeringSection(html, analyses, diversityU, tau, o);
        Model(html, o);
        ProvenanceSection(html, o);
        html.Raw("</main>");
        return html.End();
    }

    private static double MaximumDiversity(AlignmentGame game, AuditReportOptions o) => o.AnalysisOptions.MaximumDiversityFor(game);

    private static IEnumerable<(string Id, string Label)> Sections(bool several, bool ensemble)
    {
        yield return ("summary", "Summary");
        yield return ("equilibrium", "Equilibrium");
        yield return ("uniqueness", "Uniqueness");
        yield return ("learning", "Will learning agents stay there?");
        if (ensemble)
        {
            yield return ("uncertainty", "Uncertainty");
        }
        yield return ("exclusion", "Where exclusion lives");
        if (several)
        {
            yield return ("comparison", "Comparison");
        }
        yield return ("steering", "Steering");
        yield return ("model", "The model and its assumptions");
        yield return ("provenance", "Provenance");
    }

    private static void Summary(Html html, List<GameAudit> analyses, EquilibriumUncertainty? solveU, SweepUncertainty? sweepU,
        DiversityUncertainty? diversityU, double tau, AuditReportOptions o)
    {
        html.Section("summary", "Summary");
        foreach (var a in analyses)
        {
            var eq = a.Equilibrium;
            var c = a.Game.Coefficients;
            var sb = new StringBuilder();
            if (analyses.Count > 1)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<strong>{E(a.Name)}.</strong> ");
            }
            sb.Append(CultureInfo.InvariantCulture, $"Under these incentives (attractiveness {N(c.Attractiveness)}, consistency {N(c.Consistency)}, diversity {N(c.Diversity)}; {a.Game.Agents} agents), ");
            if (!eq.IsCertifiedEquilibrium)
            {
                sb.Append(CultureInfo.InvariantCulture, $"no certified equilibrium was found: {E(eq.Reason ?? StatusText(eq.Status))}. The weights below are not an equilibrium and should not be read as one.");
                html.Paragraph(sb.ToString());
                continue;
            }
            var parts = a.Game.Names.Select((g, k) => $"<code>{E(g)}</code> receives {Pct(eq.Weights[k])}").ToList();
            sb.Append(Join(parts)).Append(" of the agents' attention. ");
            var excluded = eq.Excluded(tau);
            sb.Append(excluded.Count == 0
                ? $"No group is excluded at τ = {Pct(tau)}."
                : $"{Join(excluded.Select(g => $"<code>{E(g)}</code>").ToList())} {(excluded.Count == 1 ? "is" : "are")} excluded (below τ = {Pct(tau)}).");
            sb.Append(' ').Append(StabilityVerdict(a));
            html.Paragraph(sb.ToString());
        }
        var main = analyses[0];
        if (solveU is not null)
        {
            var sure = solveU.Groups.Where(g => g.ExclusionProbability is > 0).Select(g =>
                $"<code>{E(g.Name)}</code> is excluded in {Pct(g.ExclusionProbability!.Value)} of bootstrap replicates").ToList();
            var spread = solveU.Groups.Where(g => g.Interval is not null).Select(g =>
                $"<code>{E(g.Name)}</code> {Pct(g.Interval!.Value.Lower)}–{Pct(g.Interval.Value.Upper)}").ToList();
            html.Paragraph($"Measurement uncertainty ({solveU.Replicates} bootstrap replicates of the estimated game, {Pct(solveU.Confidence)} intervals): {Join(spread)}. " +
                (sure.Count == 0 ? "No group is excluded in any replicate." : Join(sure) + "."));
        }
        var worst = main.Sweep.Groups.OrderByDescending(g => g.ExclusionArea).First();
        string area = worst.ExclusionArea > 0
            ? $"Across the map of {E(AxisName(main.Sweep.X))} × {E(AxisName(main.Sweep.Y))} ({main.Sweep.Points:N0} coefficient settings), <code>{E(worst.Name)}</code> is excluded at the interior equilibria of {Pct(worst.ExclusionArea)} of the settings"
            : $"Across the map of {E(AxisName(main.Sweep.X))} × {E(AxisName(main.Sweep.Y))} ({main.Sweep.Points:N0} coefficient settings), no group is excluded at any interior equilibrium";
        long boundaryOnly = main.Sweep.NoInteriorPoints + main.Sweep.SingularPoints;
        if (boundaryOnly > 0)
        {
            area += $" (the {Pct((double)boundaryOnly / main.Sweep.Points)} of settings whose equilibrium is on the boundary, where some group gets no weight, are not counted in that figure)";
        }
        if (sweepU is not null && worst.ExclusionArea > 0)
        {
            var u = sweepU.Groups.First(g => g.Name == worst.Name).ExclusionArea;
            area += u.Interval is { } i ? $" ({Pct(i.Lower)}–{Pct(i.Upper)} over replicates)" : "";
        }
        html.Paragraph(area + ".");
        var md = main.Steering.MinimumDiversity;
        string steer = md.AlreadyRepresented ? "Every group is already represented at today's diversity incentive."
            : md.Value is double d ? $"Raising the diversity incentive from {N(main.Game.Coefficients.Diversity)} to {N(d)} would bring every group to at least {Pct(tau)}."
            : $"No diversity incentive up to {N(MaximumDiversity(main.Game, o))} represents every group: {E(md.Reason)}.";
        if (diversityU?.Robust is double robust && !md.AlreadyRepresented)
        {
            steer += $" Allowing for measurement uncertainty, {N(robust)} does so in at least {Pct(diversityU.Confidence)} of replicates.";
        }
        if (main.Steering.SubsidyToFloor is { Exists: true } s && !md.AlreadyRepresented)
        {
            steer += $" Alternatively, a budget-neutral attractiveness subsidy of norm {N(s.Norm!.Value)} does it without changing the diversity incentive.";
        }
        html.Paragraph(steer);
        html.EndSection();
    }

    private static void Equilibria(Html html, List<GameAudit> analyses, double tau)
    {
        html.Section("equilibrium", "Equilibrium");
        html.Paragraph("At a homogeneous equilibrium every agent chooses the same mixture over the groups and none gains by changing it. " +
            "The certificate is a proved upper bound on any agent's gain from deviating (the Nash gap); the answer is called certified only when that " +
            "bound is within the tolerance.");
        foreach (var a in analyses)
        {
            var eq = a.Equilibrium;
            var rows = a.Game.Names.Select((g, k) => new[] { E(g), Fixed(eq.Weights[k]), Pct(eq.Weights[k]), eq.Weights[k] < tau ? "<strong>excluded</strong>" : "represented" });
            html.Table($"Equilibrium of {a.Name}: {StatusText(eq.Status)}", ["group", "weight", "share", $"at τ = {Pct(tau)}"], rows, numericColumns: [1, 2]);
            html.Raw("<dl class=\"facts\">");
            html.Fact("Status", E(StatusText(eq.Status)));
            html.Fact("Certificate", eq.IsCertifiedEquilibrium
                ? $"certified: the Nash gap is proved ≤ {Sci(eq.NashGapBound)} (tolerance {Sci(eq.NashGapReport.Tolerance)})"
                : $"<strong>NOT certified</strong>: {E(eq.Reason ?? "the Nash gap bound exceeds the tolerance")}");
            html.Fact("KKT residual", Sci(eq.KktResidual));
            html.Fact("Multiplier ν", N(eq.Multiplier));
            html.Raw("</dl>");
        }
        html.EndSection();
    }

    /// <summary>One sentence: will learning agents stay at the homogeneous equilibrium, and where do they go if not.</summary>
    private static string StabilityVerdict(GameAudit a)
    {
        var st = a.Equilibrium.Stability;
        var stableEnds = a.Learning.Outcomes.Where(x => x.Stability.IsStable).ToList();
        return st.Label switch
        {
            Learning.StabilityLabel.Stable => "Agents that learn would stay at this equilibrium: it is stable.",
            Learning.StabilityLabel.Unstable => "<strong>Agents that learn would not stay there</strong>: this equilibrium is unstable, and they specialise" +
                (stableEnds.Count > 0 ? $" (in {Pct(a.Learning.StableShare)} of {a.Learning.Starts} simulated runs they end at a stable equilibrium where the groups' shares are " +
                    Join(a.Game.Names.Select((g, k) => $"<code>{E(g)}</code> {Pct(stableEnds[0].Representation[k])}").ToList()) + ")." : ").") +
                " See “Will learning agents stay there?”.",
            _ => "Whether agents that learn would stay there is not decided to second order (the equilibrium is degenerate).",
        };
    }

    private static void LearningAgents(Html html, List<GameAudit> analyses, double tau)
    {
        html.Section("learning", "Will learning agents stay there?");
        html.Paragraph("The agents this model describes learn: they adjust their mixture in the direction that raises their own utility. Because the agents " +
            "are identical, the game has a potential, a single quantity that every such adjustment raises, so learning agents settle at the equilibria where " +
            "it has a strict local maximum: the <em>stable</em> ones. An equilibrium that is <em>unstable</em> is a prediction they would not stay at: a small " +
            "difference between agents grows, and they specialise on different groups. Stability is decided from two curvatures: the common mode (all agents " +
            "move together) and the specialisation mode (agents move apart). Both must be positive.");
        foreach (var a in analyses)
        {
            if (analyses.Count > 1)
            {
                html.Raw($"<h3>{E(a.Name)}</h3>");
            }
            var st = a.Equilibrium.Stability;
            html.Paragraph($"<strong>Verdict.</strong> {StabilityVerdict(a)}");
            html.Raw("<dl class=\"facts\">");
            html.Fact("Stability", E(st.Label.ToString().ToLowerInvariant()) + (st.IsCertified ? " (proved)" : " (not decided)"));
            html.Fact("Common-mode margin", st.CommonMargin is double cm ? N(cm) : "n/a");
            html.Fact("Specialisation margin", st.SpecialisationMargin is double sm ? N(sm) : "n/a");
            html.Fact("Slack of unserved groups", st.Slack is double sl ? N(sl) : "n/a (every group is served)");
            var up = a.Steering.Stability;
            html.Fact("Stable up to diversity", !st.IsStable ? $"not stable at today's diversity ({N(a.Game.Coefficients.Diversity)})"
                : up.StableUpTo is double u ? N(u) : "every diversity level");
            if (Learning.Stability.InteriorBoundarySlope(a.Game) is double slope && slope > 0)
            {
                html.Fact("Stability boundary", $"interior equilibria are stable while diversity &lt; {N(slope)} × consistency (here: &lt; {N(slope * a.Game.Coefficients.Consistency)})");
            }
            html.Raw("</dl>");
            var names = a.Game.Names.ToList();
            string h = analyses.Count > 1 ? "h4" : "h3";
            if (a.Equilibria is { } every)
            {
                html.Raw($"<{h}>Every equilibrium</{h}>");
                html.Paragraph($"Computed exactly: {every.Equilibria.Count} equilibri{(every.Equilibria.Count == 1 ? "um" : "a")} up to relabelling the agents " +
                    $"({every.TotalEquilibria} counting agent orders), {every.Stable.Count()} stable; {every.SupportsExamined:N0} support patterns examined.");
                var rows = every.Equilibria.Select((e, i) => new[]
                {
                    (i + 1).ToString(CultureInfo.InvariantCulture), E(e.Stability.Label.ToString().ToLowerInvariant()), e.IsHomogeneous ? "all agents alike" : "specialised",
                    e.Multiplicity.ToString(CultureInfo.InvariantCulture),
                }.Concat(names.Select((g, k) => Pct(e.Representation[k]) + (e.Representation[k] < tau ? " (excluded)" : ""))).ToArray());
                html.Table($"Every equilibrium of {a.Name}: stability and each group's share", ["#", "stability", "kind", "agent orders", .. names.Select(E)], rows,
                    numericColumns: [.. Enumerable.Range(3, names.Count + 1)]);
            }
            html.Raw($"<{h}>Where learning agents end up</{h}>");
            html.Paragraph($"Gradient play (each agent follows its own utility's gradient) from {a.Learning.Starts} random starts; each end is an equilibrium, " +
                $"certified by its Nash gap. Shares with 95% intervals.{(a.Learning.NotConverged > 0 ? $" {a.Learning.NotConverged} runs did not settle within the iteration cap." : "")}");
            var outcomeRows = a.Learning.Outcomes.Select(x => new[]
            {
                $"{Pct(x.Share)} ({Pct(x.Interval.Lower)}–{Pct(x.Interval.Upper)})", E(x.Stability.Label.ToString().ToLowerInvariant()), x.IsHomogeneous ? "all agents alike" : "specialised",
            }.Concat(names.Select((g, k) => Pct(x.Representation[k]) + (x.Representation[k] < tau ? " (excluded)" : ""))).ToArray());
            html.Table($"Where learning agents end up in {a.Name}", ["share of runs", "stability", "kind", .. names.Select(E)], outcomeRows,
                numericColumns: [.. Enumerable.Range(3, names.Count)]);
            string figure = LearningFigure.RenderSvg(a.Learning, 760, 700);
            html.Raw(Figure(figure, a.Game.Count == 3
                    ? "Each agent's path on the triangle of mixtures (corners: a single group) from its start (open circle) to where it settles (filled)."
                    : "Each group's share over the iterations of the first runs.",
                $"Learning paths of the agents in {a.Name}: " + string.Join("; ", a.Learning.Outcomes.Select(x => $"{Pct(x.Share)} of runs end at a {x.Stability.Label.ToString().ToLowerInvariant()} equilibrium"))));
        }
        html.EndSection();
    }

    private static void Uniqueness(Html html, List<GameAudit> analyses)
    {
        html.Section("uniqueness", "Uniqueness");
        html.Paragraph("If the equilibrium is unique, the prediction does not depend on where the agents start. The conditions below are sufficient, not necessary.");
        var rows = analyses.Select(a => new[]
        {
            E(a.Name),
            a.Equilibrium.Uniqueness.HomogeneousUnique ? "yes" : "not proved",
            a.Equilibrium.Uniqueness.UniqueEquilibrium ? "yes" : "not proved",
            E(a.Equilibrium.Uniqueness.Description),
        });
        html.Table("Uniqueness conditions", ["game", "unique homogeneous equilibrium", "unique equilibrium overall", "why"], rows);
        html.EndSection();
    }

    private static void Uncertainty(Html html, Ensemble ensemble, EquilibriumUncertainty u, SweepUncertainty s, double tau, AuditReportOptions o)
    {
        html.Section("uncertainty", "Uncertainty");
        html.Paragraph($"The game was estimated from measurements; {u.Replicates} bootstrap replicates redraw the measured units and prompts " +
            $"(seed {ensemble.Bootstrap.Seed}) and re-solve the game. Intervals are {Pct(u.Confidence)} percentile intervals over the {u.CertifiedReplicates} replicates " +
            "with a certified equilibrium; the exclusion probability is the share of those replicates in which the group falls below τ.");
        var rows = u.Groups.Select(g => new[]
        {
            E(g.Name), g.Point is double p ? Pct(p) : "n/a",
            g.Interval is { } i ? $"{Pct(i.Lower)} – {Pct(i.Upper)}" : "n/a",
            g.ExclusionProbability is double q ? Pct(q) : "n/a",
        });
        html.Table($"Equilibrium weights with {Pct(u.Confidence)} intervals", ["group", "share (point estimate)", "interval", $"P(share < {Pct(tau)})"], rows, numericColumns: [1, 2, 3]);
        html.Raw(Figure(ShareChart.Intervals(u, tau), $"Equilibrium share of each group with its {Pct(u.Confidence)} interval; the orange line is τ = {Pct(tau)}.",
            "Interval chart: " + string.Join("; ", u.Groups.Select(g => $"{g.Name} {(g.Point is double p ? Pct(p) : "n/a")}" +
                (g.Interval is { } i ? $" ({Pct(i.Lower)} to {Pct(i.Upper)})" : "")))));
        html.Paragraph("Status of the replicates: " + string.Join(", ", u.StatusCounts.Select(p => $"{E(StatusText(p.Key))} {Pct((double)p.Value / Math.Max(1, u.Replicates))}")) + ".");
        var srows = s.Groups.Append(s.AnyGroup).Select(g => new[] { E(g.Name), E(g.ExclusionArea.ToPercentString()), E(g.ConditionalExclusion.ToPercentString()) });
        html.Table($"Exclusion over the map with {Pct(s.Confidence)} intervals", ["group", "exclusion area", "conditional exclusion"], srows, numericColumns: [1, 2]);
        html.EndSection();
    }

    private static void Exclusion(Html html, List<GameAudit> analyses, GridAxis x, GridAxis y, double tau)
    {
        html.Section("exclusion", "Where exclusion lives");
        html.Paragraph($"Each map varies two incentive coefficients, {E(AxisName(x))} (horizontal) and {E(AxisName(y))} (vertical), keeping the third at the game's value. " +
            $"Black: the group is excluded (share below τ = {Pct(tau)}); light grey: no interior equilibrium; elsewhere the colour is the group's share, on the same scale in every map. " +
            "The exclusion area is the fraction of the map where the group is excluded; the conditional exclusion is that fraction among settings with an interior equilibrium. " +
            "Hatched and washed out: settings where the equilibrium is unstable, so learning agents would not stay there (the dashed line is the exact boundary).");
        foreach (var a in analyses)
        {
            if (analyses.Count > 1)
            {
                html.Raw($"<h3>{E(a.Name)}</h3>");
            }
            double top = a.Grids.Max(g => MaxWeight(g));
            html.Raw("<div class=\"multiples\">");
            foreach (var grid in a.Grids)
            {
                string svg = ExclusionHeatmap.RenderSvg(grid, a.Sweep, new HeatmapOptions { Label = a.Name, Width = 560, Height = 500, WeightMaximum = top });
                var f = a.Sweep[grid.FocalName];
                long withoutInterior = a.Sweep.NoInteriorPoints + a.Sweep.SingularPoints;
                html.Raw(Figure(svg, $"<code>{E(grid.FocalName)}</code>: excluded in {Pct(f.ExclusionArea)} of the map at interior equilibria" +
                    (f.ConditionalExclusion is double cond ? $" ({Pct(cond)} of settings with an interior equilibrium)" : "") +
                    (withoutInterior > 0 ? $"; the {Pct((double)withoutInterior / a.Sweep.Points)} of the map with only a boundary equilibrium is not counted." : "."),
                    $"Exclusion map of {grid.FocalName} over {AxisName(x)} and {AxisName(y)}: excluded in {Pct(f.ExclusionArea)} of the map."));
            }
            html.Raw("</div>");
            var rows = a.Sweep.Groups.Append(a.Sweep.AnyGroup).Select(g => new[]
            {
                E(g.Name), g.Excluded.ToString("N0", CultureInfo.InvariantCulture), Pct(g.ExclusionArea), g.ConditionalExclusion is double c ? Pct(c) : "n/a",
            });
            html.Table($"Exclusion over {a.Sweep.Points:N0} settings of {AxisName(x)} × {AxisName(y)} ({a.Name})",
                ["group", "settings excluded", "exclusion area", "conditional exclusion"], rows, numericColumns: [1, 2, 3]);
            html.Paragraph($"Of the {a.Sweep.InteriorPoints:N0} settings with an interior equilibrium, {a.Sweep.UnstablePoints:N0} " +
                $"({(a.Sweep.InteriorPoints == 0 ? "n/a" : Pct((double)a.Sweep.UnstablePoints / a.Sweep.InteriorPoints))}) are unstable: learning agents would leave them. " +
                $"Exclusion at a stable equilibrium: {Join(a.Sweep.Groups.Select(g => $"<code>{E(g.Name)}</code> {g.StableExcluded:N0} settings").ToList())}.");
        }
        html.EndSection();
    }

    private static double MaxWeight(FocalGridSink grid)
    {
        double max = 0;
        for (int j = 0; j < grid.Y.Count; j++)
        {
            for (int i = 0; i < grid.X.Count; i++)
            {
                if (grid.Statuses[j, i] == ClosedFormStatus.Interior && double.IsFinite(grid.Weights[j, i]))
                {
                    max = Math.Max(max, grid.Weights[j, i]);
                }
            }
        }
        return max;
    }

    private static void Comparison(Html html, ExclusionComparison comparison, GridAxis x, GridAxis y, double tau)
    {
        html.Section("comparison", "Comparison");
        html.Paragraph($"The same map for every game: exclusion area / conditional exclusion of each group at τ = {Pct(tau)}, over {E(AxisName(x))} × {E(AxisName(y))}.");
        var rows = comparison.Rows.Select(r => new[] { E(r.Key) }.Concat(comparison.GroupNames.Select(g =>
        {
            var f = r.Value.Groups.FirstOrDefault(q => q.Name == g);
            return f is null ? "–" : $"{Pct(f.ExclusionArea)} / {(f.ConditionalExclusion is double c ? Pct(c) : "n/a")}";
        })).Append($"{Pct(r.Value.AnyGroup.ExclusionArea)} / {(r.Value.AnyGroup.ConditionalExclusion is double a ? Pct(a) : "n/a")}").ToArray());
        html.Table("Model comparison (exclusion area / conditional exclusion)", ["game", .. comparison.GroupNames.Select(E), "any group"], rows,
            numericColumns: [.. Enumerable.Range(1, comparison.GroupNames.Count + 1)]);
        html.Raw(Figure(ComparisonChart.RenderSvg(comparison, 1000, 560), "Exclusion area and conditional exclusion per group and game.",
            "Grouped bar chart of exclusion area and conditional exclusion per group for " + string.Join(", ", comparison.Rows.Select(r => r.Key)) + "."));
        html.EndSection();
    }

    private static void SteeringSection(Html html, List<GameAudit> analyses, DiversityUncertainty? diversityU, double tau, AuditReportOptions o)
    {
        html.Section("steering", "Steering");
        html.Paragraph("Which change of incentives restores representation, and how much does each knob move the equilibrium?");
        foreach (var a in analyses)
        {
            var r = a.Steering;
            var names = a.Game.Names.ToList();
            if (analyses.Count > 1)
            {
                html.Raw($"<h3>{E(a.Name)}</h3>");
            }
            string h = analyses.Count > 1 ? "h4" : "h3";
            html.Raw($"<{h}>Sensitivities</{h}>");
            if (r.Sensitivity.IsDefined)
            {
                var rows = names.Select((g, k) => new[] { E(g), Signed(r.Sensitivity.Attractiveness![k]), Signed(r.Sensitivity.Consistency![k]), Signed(r.Sensitivity.Diversity![k]) });
                html.Table($"How much each group's share moves per unit increase of each coefficient ({a.Name})", ["group", "attractiveness", "consistency", "diversity"], rows, numericColumns: [1, 2, 3]);
            }
            else
            {
                html.Paragraph($"Sensitivities are defined at an interior equilibrium only: {E(r.Sensitivity.Reason!)}.");
            }
            html.Raw($"<{h}>Minimum diversity</{h}>");
            var md = r.MinimumDiversity;
            string text = md.AlreadyRepresented ? "Every group is already represented at today's diversity incentive."
                : md.Value is double d ? $"The smallest diversity incentive at which every group has at least {Pct(tau)} is <strong>{N(d)}</strong> (today {N(a.Game.Coefficients.Diversity)})."
                : $"Unreachable: {E(md.Reason)}.";
            if (diversityU is not null && a == analyses[0])
            {
                text += $" Over {diversityU.Replicates} bootstrap replicates its {Pct(diversityU.Confidence)} interval is {IntervalText(diversityU.Interval)}" +
                    (diversityU.Unreachable > 0 ? $" (unreachable in {diversityU.Unreachable})" : "") +
                    $". Robust minimum diversity: {(diversityU.Robust is double robust ? $"<strong>{N(robust)}</strong>" : "none")}: {E(diversityU.RobustReason)}";
            }
            html.Paragraph(text);
            double upper = md.Value is double mv && mv > a.Game.Coefficients.Diversity ? Math.Max(2 * mv, a.Game.Coefficients.Diversity + 1)
                : Math.Max(10, 10 * a.Game.Coefficients.Diversity);
            html.Raw(Figure(SteeringChart.RenderSvg(a.Game, CoefficientAxis.Diversity, upper, tau, md, a.Name),
                "Each group's share as the diversity incentive grows; the dashed line is τ and the marker the minimum diversity.",
                $"Line chart of each group's equilibrium share as diversity grows from {N(a.Game.Coefficients.Diversity)} to {N(upper)}."));
            html.Raw($"<{h}>Attractiveness subsidy to the floor</{h}>");
            var s = r.SubsidyToFloor;
            if (s.Exists)
            {
                var rows = names.Select((g, k) => new[] { E(g), Pct(a.Equilibrium.Weights[k]), Signed(s.Delta![k]), Pct(s.Weights![k]) });
                html.Table($"The smallest budget-neutral change of attractiveness that brings every group to at least {Pct(tau)} ({a.Name})",
                    ["group", "share today", "attractiveness change", "share after"], rows, numericColumns: [1, 2, 3]);
                html.Raw(Figure(ShareChart.BeforeAfter(names, a.Equilibrium.Weights, s.Weights!, tau), "Share of each group today and after the subsidy; the orange line is τ.",
                    "Bar chart of each group's share today and after the subsidy: " + string.Join("; ", names.Select((g, k) => $"{g} {Pct(a.Equilibrium.Weights[k])} to {Pct(s.Weights![k])}"))));
            }
            else
            {
                html.Paragraph($"No subsidy: {E(s.Reason!)}.");
            }
        }
        html.EndSection();
    }

    private static void Model(Html html, AuditReportOptions o)
    {
        html.Section("model", "The model and its assumptions");
        html.Paragraph("N LLM agents each choose a mixture over the human groups to align with. Each agent's utility rewards the attractiveness of the groups it " +
            "serves (λ<sub>A</sub> aᵀw), penalises inconsistency in mixing groups (λ<sub>C</sub> wᵀCw) and penalises looking like the other agents " +
            "(λ<sub>D</sub> wᵀS w̄, the diversity incentive). The report describes the symmetric (homogeneous) Nash equilibrium, computed in closed form or, " +
            "when some group gets no weight, by an exact active-set method, and certified by a proved bound on the Nash gap.");
        html.Raw("<ul><li>The equilibrium is a prediction under the stated incentives; real agents may not have reached it.</li>" +
            "<li>a, C and S are inputs: as good as the measurements behind them (with an ensemble, the intervals show measurement uncertainty only).</li>" +
            "<li>Exclusion is a threshold statement: a group below τ is called excluded.</li>" +
            "<li>The exclusion maps vary two coefficients and hold the third fixed.</li></ul>");
        html.Paragraph($"The model, every definition and how each answer is computed: <a href=\"{E(o.DocumentationUrl)}\">{E(o.DocumentationUrl)}</a> " +
            "(in the source repository: docs/model.md, docs/estimation.md).");
        html.EndSection();
    }

    private static void ProvenanceSection(Html html, AuditReportOptions o)
    {
        html.Section("provenance", "Provenance");
        html.Paragraph("What produced this report, so that it can be traced and re-run. The report contains no timestamp: the same inputs and command give the same file.");
        html.Raw("<dl class=\"facts\">");
        foreach (var (key, value) in o.Provenance)
        {
            html.Fact(E(key), $"<code>{E(value)}</code>");
        }
        html.Raw("</dl>");
        html.EndSection();
    }

    private static string Figure(string svg, string caption, string alt)
    {
        int start = svg.IndexOf("<svg", StringComparison.Ordinal);
        string body = start > 0 ? svg[start..] : svg;
        string uri = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(body));
        return $"<figure><img src=\"{uri}\" alt=\"{E(alt)}\"><figcaption>{caption}</figcaption></figure>";
    }

    private static string StatusText(EquilibriumStatus status) => status switch
    {
        EquilibriumStatus.Interior => "interior (every group gets some weight)",
        EquilibriumStatus.Boundary => "boundary (some groups get exactly zero weight)",
        _ => char.ToLowerInvariant(status.ToString()[0]) + status.ToString()[1..],
    };

    private static string AxisName(GridAxis axis) => $"{axis.Name} {N(axis.Start)}–{N(axis.Stop)}";

    private static string IntervalText(ConfidenceInterval? interval) => interval is { } i
        ? $"{N(i.Lower)} to {(double.IsPositiveInfinity(i.Upper) ? "unreachable" : N(i.Upper))}"
        : "not available";

    private static string Join(List<string> parts) => parts.Count switch
    {
        0 => "",
        1 => parts[0],
        _ => string.Join(", ", parts.Take(parts.Count - 1)) + " and " + parts[^1],
    };

    /// <summary>
    /// HTML-encoded text; a string with right-to-left or bidirectional-control characters (a hostile group name with U+202E,
    /// say) is also isolated between FSI and PDI, so its direction cannot spill into the rest of the sentence.
    /// </summary>
    internal static string E(string text)
    {
        string encoded = WebUtility.HtmlEncode(text);
        foreach (char c in text)
        {
            if (c is '\u200E' or '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || (c >= '\u0590' && c <= '\u08FF') || (c >= '\uFB1D' && c <= '\uFDFF') || (c >= '\uFE70' && c <= '\uFEFF'))
            {
                return "\u2068" + encoded + "\u2069";
            }
        }
        return encoded;
    }

    internal static string N(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static string Signed(double value) => (value >= 0 ? "+" : "−") + Math.Abs(value).ToString("F4", CultureInfo.InvariantCulture);

    private static string Sci(double value) => value.ToString("0.0E+0", CultureInfo.InvariantCulture);

    internal static string Pct(double value)
    {
        double p = 100 * value;
        string text = Math.Abs(p) >= 10 || p == 0 ? p.ToString("0.#", CultureInfo.InvariantCulture)
            : Math.Abs(p) >= 1 ? p.ToString("0.##", CultureInfo.InvariantCulture) : p.ToString("0.###", CultureInfo.InvariantCulture);
        return text + "%";
    }

    /// <summary>A tiny HTML writer: the page skeleton, sections, accessible tables.</summary>
    private sealed class Html
    {
        private readonly StringBuilder _sb = new();

        public void Begin(string title)
        {
            _sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n")
                .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .Append("<meta name=\"generator\" content=\"active-alignment\">\n")
                .Append("<title>").Append(E(title)).Append("</title>\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        }

        public string End() => _sb.Append("\n</body>\n</html>\n").ToString();

        public void Raw(string html) => _sb.Append(html).Append('\n');

        public void Section(string id, string heading) => _sb.Append(CultureInfo.InvariantCulture, $"<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{E(heading)}</h2>\n");

        public void EndSection() => _sb.Append("</section>\n");

        public void Paragraph(string html) => _sb.Append("<p>").Append(html).Append("</p>\n");

        public void Fact(string term, string value) => _sb.Append("<dt>").Append(term).Append("</dt><dd>").Append(value).Append("</dd>");

        public void Table(string caption, IReadOnlyList<string> header, IEnumerable<string[]> rows, int[]? numericColumns = null)
        {
            numericColumns ??= [];
            _sb.Append("<div class=\"table\"><table>\n<caption>").Append(E(caption)).Append("</caption>\n<thead><tr>");
            for (int c = 0; c < header.Count; c++)
            {
                _sb.Append("<th scope=\"col\"").Append(numericColumns.Contains(c) ? " class=\"num\"" : "").Append('>').Append(header[c]).Append("</th>");
            }
            _sb.Append("</tr></thead>\n<tbody>\n");
            foreach (var row in rows)
            {
                _sb.Append("<tr>");
                for (int c = 0; c < row.Length; c++)
                {
                    string tag = c == 0 ? "th scope=\"row\"" : "td";
                    _sb.Append('<').Append(tag).Append(numericColumns.Contains(c) ? " class=\"num\"" : "").Append('>').Append(row[c]).Append("</").Append(c == 0 ? "th" : "td").Append('>');
                }
                _sb.Append("</tr>\n");
            }
            _sb.Append("</tbody></table></div>\n");
        }

        private const string Css = """
            :root { color-scheme: light; --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --accent: #0b5cad; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
            header, main { max-width: 1180px; margin: 0 auto; padding: 0 1.5rem; }
            header { padding-top: 2rem; border-bottom: 2px solid var(--ink); }
            h1 { font-size: 1.9rem; margin: 0 0 .5rem; }
            h2 { font-size: 1.45rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid var(--rule); padding-bottom: .2rem; }
            h3 { font-size: 1.2rem; margin: 1.6rem 0 .4rem; }
            h4 { font-size: 1.05rem; margin: 1.3rem 0 .3rem; }
            .lead { font-size: 1.08rem; color: var(--muted); max-width: 60rem; }
            nav ol { display: flex; flex-wrap: wrap; gap: .3rem 1.4rem; list-style: none; padding: 0; margin: .8rem 0 1.2rem; counter-reset: part; }
            nav li { counter-increment: part; }
            nav li::before { content: counter(part) ". "; color: var(--muted); }
            a { color: var(--accent); }
            code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; background: #f2f2f2; padding: 0 .2em; border-radius: 3px; }
            .table { overflow-x: auto; margin: 1rem 0; }
            table { border-collapse: collapse; min-width: 50%; }
            caption { text-align: left; font-weight: 600; padding: .3rem 0; }
            th, td { border-bottom: 1px solid var(--rule); padding: .3rem .8rem; text-align: left; vertical-align: top; }
            thead th { border-bottom: 2px solid var(--ink); }
            .num { text-align: right; font-variant-numeric: tabular-nums; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1.2rem; }
            dl.facts dt { font-weight: 600; }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            figure { margin: 1rem 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
            figcaption { color: var(--muted); font-size: .93rem; margin-top: .3rem; }
            .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 1rem; }
            .multiples figure { margin: 0; }
            @media print {
              body { font-size: 11pt; }
              header, main { max-width: none; padding: 0; }
              nav { display: none; }
              section { break-before: page; }
              figure, table, tr { break-inside: avoid; }
              a { color: inherit; text-decoration: none; }
              .multiples { grid-template-columns: repeat(2, 1fr); }
            }

            """;
    }
}

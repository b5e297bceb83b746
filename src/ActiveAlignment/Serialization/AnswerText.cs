using System.Globalization;
using System.Text;
using ActiveAlignment.Certificates;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Estimation;
using ActiveAlignment.Learning;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Serialization;

/// <summary>The text answers of the equilibrium commands (the tables <c>active-alignment solve</c> prints).</summary>
internal static class AnswerText
{
    /// <summary>The text answer of <c>solve</c>: the weights table and the certificate, one line each.</summary>
    public static string Table(HomogeneousEquilibrium eq, double threshold, string label)
    {
        var sb = new StringBuilder();
        var game = eq.Game;
        sb.Append(CultureInfo.InvariantCulture, $"Homogeneous equilibrium of {label}: {Describe(eq.Status)} (closed form: {AnswerJson.ClosedFormName(eq.ClosedForm.Status)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"K = {game.Count} subpopulations, N = {game.Agents} agents, λ = (attractiveness {Format.Number(game.Coefficients.Attractiveness)}, " +
            $"consistency {Format.Number(game.Coefficients.Consistency)}, diversity {Format.Number(game.Coefficients.Diversity)})\n\n");
        var excluded = eq.Excluded(threshold).ToHashSet();
        var rows = game.Subpopulations.Select((s, k) => (IReadOnlyList<string>)
            [s.Name, Format.Fixed(eq.Weights[k]), excluded.Contains(s.Name) ? "excluded" : "represented"]);
        sb.Append(Format.Table(["subpopulation", "weight", $"(τ = {Format.Number(threshold)})"], rows));
        sb.Append('\n');
        sb.Append(CultureInfo.InvariantCulture, $"multiplier ν        {Format.Number(eq.Multiplier, 10)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Nash gap            {GapLine(eq.NashGapReport)}\n");
        if (eq.Reason is { } reason)
        {
            sb.Append(CultureInfo.InvariantCulture, $"NOT CERTIFIED       {reason}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"KKT residual        {Format.Number(eq.KktResidual, 3)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"iterations          {eq.Iterations}\n");
        sb.Append(CultureInfo.InvariantCulture, $"uniqueness          {eq.Uniqueness.Description}\n");
        sb.Append(CultureInfo.InvariantCulture, $"stability           {StabilityLine(eq.Stability)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"excluded (w < τ)    {(excluded.Count == 0 ? "none" : string.Join(", ", eq.Excluded(threshold)))}\n");
        return sb.ToString();
    }


    /// <summary>The text answer of <c>solve</c> for a population of agent classes.</summary>
    public static string PopulationTable(PopulationEquilibrium eq, double threshold, string label)
    {
        var sb = new StringBuilder();
        var game = eq.Game;
        sb.Append(CultureInfo.InvariantCulture, $"Class-symmetric equilibrium of {label}: {Describe(eq.Status)} (closed form: {AnswerJson.ClosedFormName(eq.ClosedForm)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"K = {game.Count} subpopulations, N = {game.Agents} agents in {game.Classes.Count} classes\n\n");
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
        sb.Append(CultureInfo.InvariantCulture, $"multipliers ν_c     {string.Join(", ", game.Classes.Select((c, i) => $"{c.Name} {Format.Number(eq.Multipliers[i], 8)}"))}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Nash gap            {GapLine(eq.NashGapReport)}, over every agent\n");
        if (eq.Reason is { } reason)
        {
            sb.Append(CultureInfo.InvariantCulture, $"NOT CERTIFIED       {reason}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"KKT residual        {Format.Number(eq.KktResidual, 3)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"iterations          {eq.Iterations}\n");
        sb.Append(CultureInfo.InvariantCulture, $"uniqueness          {(eq.Uniqueness.UniqueEquilibrium ? "unique equilibrium (diagonal strict concavity holds for every class)" : "not known to be unique (the sufficient condition fails)")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"stability           {eq.Stability} ({(eq.Stability.Method == "jacobian" ? "from the Jacobian of the gradient field: the classes' diversity incentives admit no weighted potential; not proved" : "from the weighted potential")})\n");
        var excluded = eq.Excluded(threshold);
        sb.Append(CultureInfo.InvariantCulture, $"excluded by every class (w < {Format.Number(threshold)})  {(excluded.Count == 0 ? "none" : string.Join(", ", excluded))}\n");
        return sb.ToString();
    }


    /// <summary>The text of an ensemble's bootstrap uncertainty.</summary>
    public static string UncertaintyTable(EquilibriumUncertainty u)
    {
        var sb = new StringBuilder();
        string level = Format.Number(100 * u.Confidence, 4) + "%";
        sb.Append(CultureInfo.InvariantCulture, $"Over {u.Replicates} bootstrap replicates ({u.CertifiedReplicates} with a certified equilibrium; {level} percentile intervals):\n\n");
        sb.Append(Format.Table(["subpopulation", "weight", $"{level} interval", $"P(w < {Format.Number(u.Threshold)})"],
            u.Groups.Select(g => (IReadOnlyList<string>)[g.Name, g.Point is double p ? Format.Fixed(p) : "n/a", IntervalFormat.Text(g.Interval),
                g.ExclusionProbability is double q ? Format.Number(q, 4) : "n/a"])));
        sb.Append("\nstatus of replicates  ");
        sb.Append(string.Join(", ", u.StatusCounts.Select(p => $"{AnswerJson.StatusName(p.Key)} {Format.Number(100.0 * p.Value / Math.Max(1, u.Replicates), 4)}%")));
        sb.Append('\n');
        if (u.Point is not null)
        {
            sb.Append("stability of replicates  ");
            sb.Append(string.Join(", ", Enum.GetValues<StabilityLabel>().Select(l => $"{AnswerJson.StabilityName(l)} {Format.Number(100.0 * u.StabilityShare(l), 4)}%")));
            sb.Append('\n');
        }
        return sb.ToString();
    }


    /// <summary>The stability line of the text output: the label, the margins, and the plain-words reading.</summary>
    public static string StabilityLine(StabilityReport stability) => $"{stability}\n                    {stability.Description}";


    /// <summary>"4.2E-17, proved ≤ 3.1E-15 (certified; tolerance 1E-10)": "certified" only when the bound proves it.</summary>
    public static string GapLine(NashGapReport gap)
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
    };}

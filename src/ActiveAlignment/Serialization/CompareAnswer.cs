using System.Globalization;
using System.Text;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of a command, written by the library (the tool only prints them).</summary>
internal static class CompareAnswer
{
    /// <summary>", which is 3.2% of the grid for now" when some game has points without an interior equilibrium.</summary>
    internal static string BoundaryShares(Sweeps.ExclusionComparison comparison)
    {
        var shares = comparison.Rows.Where(r => r.Value.NoInteriorPoints + r.Value.SingularPoints > 0)
            .Select(r => $"{Percent((double)(r.Value.NoInteriorPoints + r.Value.SingularPoints) / r.Value.Points)} of the grid for {r.Key}").ToList();
        return shares.Count == 0 ? "" : ", which is " + string.Join(", ", shares);
    }

    /// <summary>The comparison table with "0.51% [0.32%, 0.80%]" cells for ensemble rows.</summary>
    internal static string MarkdownWithIntervals(ExclusionComparison comparison, Dictionary<string, Estimation.SweepUncertainty> uncertainty, double level)
    {
        var sb = new StringBuilder("| game |");
        foreach (string g in comparison.GroupNames)
        {
            sb.Append(' ').Append(g).Append(" (area / cond.) |");
        }
        sb.Append(" any group (area / cond.) | unstable / interior |\n|---|").Append(string.Concat(Enumerable.Repeat("---|", comparison.GroupNames.Count + 2))).Append('\n');
        foreach (var (name, summary) in comparison.Rows)
        {
            sb.Append("| ").Append(name).Append(" |");
            uncertainty.TryGetValue(name, out var u);
            foreach (string g in comparison.GroupNames.Append("any group"))
            {
                var stat = u is null ? null : g == "any group" ? u.AnyGroup : u.Groups.FirstOrDefault(f => f.Name == g);
                var figure = g == "any group" ? summary.AnyGroup : summary.Groups.FirstOrDefault(f => f.Name == g);
                string cell = figure is null ? "–"
                    : stat is not null ? $"{stat.ExclusionArea.ToPercentString()} / {stat.ConditionalExclusion.ToPercentString()}"
                    : $"{Percent(figure.ExclusionArea)} / {Percent(figure.ConditionalExclusion)}";
                sb.Append(' ').Append(cell).Append(" |");
            }
            string unstable = u?.UnstableShare is { } share ? share.ToPercentString()
                : summary.InteriorPoints == 0 ? "n/a" : Percent((double)summary.UnstablePoints / summary.InteriorPoints);
            sb.Append(' ').Append(unstable).Append(" |\n");
        }
        return sb.ToString();
    }

    internal static string Percent(double? value) => value is double v ? Format.Fixed(100 * v, 2) + "%" : "n/a";
}

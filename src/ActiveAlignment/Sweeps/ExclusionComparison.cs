using System.Globalization;
using System.Text;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Sweeps;

/// <summary>
/// The same sweep over several named games (e.g. trait data estimated on different base models): one row per game with
/// exclusion area and conditional exclusion per group and for any group — the shape of a model-comparison table.
/// </summary>
public sealed class ExclusionComparison
{
    private ExclusionComparison(IReadOnlyList<KeyValuePair<string, ExclusionSummary>> rows, IReadOnlyList<string> groups)
    {
        Rows = rows;
        GroupNames = groups;
    }

    /// <summary>One summary per game, in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, ExclusionSummary>> Rows { get; }

    /// <summary>Every group name, in order of first appearance across the games.</summary>
    public IReadOnlyList<string> GroupNames { get; }

    /// <summary>Sweeps every game over the same axes.</summary>
    /// <param name="games">Named games (names unique).</param>
    /// <param name="x">The first axis.</param>
    /// <param name="y">The second axis.</param>
    /// <param name="options">Sweep options, shared.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">No games, or a repeated game name; or any error of <see cref="ExclusionSweep.Run"/>.</exception>
    public static ExclusionComparison Run(IEnumerable<KeyValuePair<string, AlignmentGame>> games, GridAxis x, GridAxis y, SweepOptions? options = null)
    {
        Preconditions.CheckNotNull(games);
        var rows = new List<KeyValuePair<string, ExclusionSummary>>();
        var groups = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, game) in games)
        {
            if (!seen.Add(name))
            {
                Preconditions.ThrowArgument(nameof(games), $"game name \"{name}\" appears twice; names must be unique.");
            }
            rows.Add(new(name, ExclusionSweep.Run(game, x, y, options)));
            foreach (string g in game.Names)
            {
                if (!groups.Contains(g))
                {
                    groups.Add(g);
                }
            }
        }
        if (rows.Count == 0)
        {
            Preconditions.ThrowArgument(nameof(games), "games is empty; compare at least one game.");
        }
        return new ExclusionComparison(rows, groups);
    }

    /// <summary>A Markdown table: game, then "area / conditional" per group and for any group (percentages, one decimal).</summary>
    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("| game |");
        foreach (string g in GroupNames)
        {
            sb.Append(' ').Append(g).Append(" (area / cond.) |");
        }
        sb.Append(" any group (area / cond.) | unstable / interior |\n|---|");
        sb.Append(string.Concat(Enumerable.Repeat("---|", GroupNames.Count + 2))).Append('\n');
        foreach (var (name, summary) in Rows)
        {
            sb.Append("| ").Append(name).Append(" |");
            foreach (string g in GroupNames)
            {
                var figure = summary.Groups.FirstOrDefault(f => f.Name == g);
                sb.Append(' ').Append(figure is null ? "–" : $"{Percent(figure.ExclusionArea)} / {Percent(figure.ConditionalExclusion)}").Append(" |");
            }
            sb.Append(' ').Append(CultureInfo.InvariantCulture, $"{Percent(summary.AnyGroup.ExclusionArea)} / {Percent(summary.AnyGroup.ConditionalExclusion)}").Append(" |");
            sb.Append(' ').Append(summary.InteriorPoints == 0 ? "n/a" : Percent((double)summary.UnstablePoints / summary.InteriorPoints)).Append(" |\n");
        }
        return sb.ToString();
    }

    /// <summary>CSV: game, then &lt;group&gt;_area and &lt;group&gt;_conditional per group, any_area, any_conditional (fractions, round-trip).</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder("game");
        foreach (string g in GroupNames)
        {
            sb.Append(',').Append(g).Append("_area,").Append(g).Append("_conditional");
        }
        sb.Append(",any_area,any_conditional\n");
        foreach (var (name, summary) in Rows)
        {
            sb.Append(name);
            foreach (string g in GroupNames)
            {
                var figure = summary.Groups.FirstOrDefault(f => f.Name == g);
                sb.Append(',').Append(Number(figure?.ExclusionArea)).Append(',').Append(Number(figure?.ConditionalExclusion));
            }
            sb.Append(',').Append(Number(summary.AnyGroup.ExclusionArea)).Append(',').Append(Number(summary.AnyGroup.ConditionalExclusion)).Append('\n');
        }
        return sb.ToString();
    }

    private static string Percent(double? value) => value is double v ? (100 * v).ToString("F1", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Number(double? value) => value is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A one-line summary: the models compared and each one's exclusion area of "any group".</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"ExclusionComparison({string.Join("; ", Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key}: any group {r.Value.AnyGroup.ExclusionArea:P2}")))})";
}

using System.Globalization;
using System.Text;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of an exclusion sweep (<c>active-alignment sweep</c>, and <c>merge</c> of its shards): exclusion areas, conditional exclusion, their bootstrap intervals. Written by the library; the tool only prints them.</summary>
internal static class SweepAnswer
{
    internal sealed record SweepRun(ExclusionSummary Summary, string? CsvPath, string? PngPath, string? Focal, string? SvgPath = null);

    internal static string UncertaintyTable(Estimation.SweepUncertainty u)
    {
        var sb = new StringBuilder();
        string level = Format.Number(100 * u.Confidence, 4) + "%";
        sb.Append(CultureInfo.InvariantCulture, $"Over {u.Replicates} bootstrap replicates ({level} percentile intervals):\n\n");
        sb.Append(Format.Table(["group", "exclusion area", "conditional exclusion"],
            u.Groups.Append(u.AnyGroup).Select(g => (IReadOnlyList<string>)[g.Name, g.ExclusionArea.ToPercentString(), g.ConditionalExclusion.ToPercentString()])));
        if (u.UnstableShare is { } share)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nunstable share of interior points: {share.ToPercentString()} (learning agents would leave those equilibria)\n");
        }
        return sb.ToString();
    }

    internal static void UncertaintyJson(System.Text.Json.Utf8JsonWriter w, Estimation.SweepUncertainty u)
    {
        w.WriteStartObject();
        w.WriteNumber("confidence", u.Confidence);
        w.WriteNumber("replicates", u.Replicates);
        w.WriteStartObject("groups");
        foreach (var g in u.Groups)
        {
            w.WritePropertyName(g.Name);
            FigureUncertainty(w, g);
        }
        w.WriteEndObject();
        w.WritePropertyName("anyGroup");
        FigureUncertainty(w, u.AnyGroup);
        if (u.UnstableShare is { } share)
        {
            w.WriteStartObject("unstableShare");
            w.Interval(share.Point, share.Interval);
            w.WriteNumber("replicates", share.Replicates);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    internal static void FigureUncertainty(System.Text.Json.Utf8JsonWriter w, Estimation.GroupExclusionUncertainty g)
    {
        w.WriteStartObject();
        foreach (var (name, stat) in new[] { ("exclusionArea", g.ExclusionArea), ("conditionalExclusion", g.ConditionalExclusion) })
        {
            w.WriteStartObject(name);
            w.Interval(stat.Point, stat.Interval);
            w.WriteNumber("replicates", stat.Replicates);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    internal static string Pct(double? v) => v is double d ? Format.Fixed(100 * d, 1) + "%" : "n/a";

    internal static void BoundaryFigure(System.Text.Json.Utf8JsonWriter w, string name, GroupExclusion g, double combined)
    {
        w.WriteStartObject(name);
        w.WriteNumber("excluded", g.Excluded);
        if (g.ConditionalExclusion is double c)
        {
            w.WriteNumber("shareOfBoundaryPoints", c);
        }
        else
        {
            w.WriteNull("shareOfBoundaryPoints");
        }
        w.WriteNumber("combinedExclusionArea", combined);
        w.WriteEndObject();
    }

    internal static void Figure(System.Text.Json.Utf8JsonWriter w, string name, GroupExclusion g)
    {
        w.WriteStartObject(name);
        w.WriteNumber("excluded", g.Excluded);
        w.WriteNumber("exclusionArea", g.ExclusionArea);
        if (g.ConditionalExclusion is double c)
        {
            w.WriteNumber("conditionalExclusion", c);
        }
        else
        {
            w.WriteNull("conditionalExclusion");
        }
        w.WriteNumber("stableExcluded", g.StableExcluded);
        w.WriteEndObject();
    }

    internal static string Json(ExclusionSummary s) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("points", s.Points);
        w.WriteNumber("interiorPoints", s.InteriorPoints);
        w.WriteNumber("noInteriorPoints", s.NoInteriorPoints);
        w.WriteNumber("singularPoints", s.SingularPoints);
        w.WriteNumber("notConcavePoints", s.NotConcavePoints);
        w.WriteNumber("unstablePoints", s.UnstablePoints);
        w.WriteNumber("stablePoints", s.StablePoints);
        w.WriteNumber("threshold", s.Threshold);
        w.WriteString("x", s.X.ToString());
        w.WriteString("y", s.Y.ToString());
        w.WriteStartObject("groups");
        foreach (var g in s.Groups)
        {
            Figure(w, g.Name, g);
        }
        w.WriteEndObject();
        Figure(w, "anyGroup", s.AnyGroup);
        if (s.Boundary is { } b)
        {
            w.WriteStartObject("boundary");
            w.WriteNumber("solvedPoints", b.SolvedPoints);
            w.WriteNumber("unverifiedPoints", b.UnverifiedPoints);
            w.WriteStartObject("groups");
            for (int i = 0; i < b.Groups.Count; i++)
            {
                BoundaryFigure(w, b.Groups[i].Name, b.Groups[i], b.CombinedExclusionArea[i]);
            }
            w.WriteEndObject();
            BoundaryFigure(w, "anyGroup", b.AnyGroup, b.CombinedAnyGroupArea);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    internal static string Table(ExclusionSummary s, SweepRun run)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Exclusion sweep over {s.X} × {s.Y}, threshold τ = {Format.Number(s.Threshold)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"{s.Points} points: {s.InteriorPoints} interior, {s.NoInteriorPoints} with no interior equilibrium, " +
            $"{s.SingularPoints} singular, {s.NotConcavePoints} not concave{(s.UsedDiagonalPath ? "" : " (per-point factorisation)")}\n");
        if (s.Boundary is null && s.NoInteriorPoints + s.SingularPoints > 0)
        {
            sb.Append(s.NoInteriorPoints + s.SingularPoints == 1
                ? "The exclusion figures below count interior equilibria only: the 1 point without one " +
                  "(whose boundary equilibrium excludes some group by construction) is left out; --boundary solves and counts it.\n"
                : $"The exclusion figures below count interior equilibria only: the {s.NoInteriorPoints + s.SingularPoints} points without one " +
                  "(whose boundary equilibria exclude some group by construction) are left out; --boundary solves and counts them.\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"Learning agents: of the {s.InteriorPoints} interior equilibria, {s.StablePoints} are stable and {s.UnstablePoints} unstable " +
            $"(agents would leave them and specialise; docs/model.md#maps-and-steering)\n\n");
        var rows = s.Groups.Append(s.AnyGroup).Select(g => (IReadOnlyList<string>)[g.Name, g.Excluded.ToString(System.Globalization.CultureInfo.InvariantCulture), Pct(g.ExclusionArea), Pct(g.ConditionalExclusion),
            g.StableExcluded.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        sb.Append(Format.Table(["group", "excluded", "exclusion area", "conditional exclusion", "excluded where stable"], rows));
        if (s.Boundary is { } b)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nBoundary-aware (reported apart): {b.SolvedPoints} no-interior points solved on the boundary" +
                $"{(b.UnverifiedPoints > 0 ? $", {b.UnverifiedPoints} unverified" : "")}\n");
            var brows = b.Groups.Select((g, i) => (IReadOnlyList<string>)[g.Name, g.Excluded.ToString(System.Globalization.CultureInfo.InvariantCulture), Pct(g.ConditionalExclusion), Pct(b.CombinedExclusionArea[i])])
                .Append([b.AnyGroup.Name, b.AnyGroup.Excluded.ToString(System.Globalization.CultureInfo.InvariantCulture), Pct(b.AnyGroup.ConditionalExclusion), Pct(b.CombinedAnyGroupArea)]);
            sb.Append(Format.Table(["group", "excluded on boundary", "share of boundary points", "combined area"], brows));
        }
        if (run.CsvPath is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nwrote {run.CsvPath} ({s.Points} rows)\n");
        }
        if (run.PngPath is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(run.CsvPath is null ? "\n" : "")}wrote {run.PngPath} (heatmap of {run.Focal})\n");
        }
        if (run.SvgPath is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{(run.CsvPath is null && run.PngPath is null ? "\n" : "")}wrote {run.SvgPath} (heatmap of {run.Focal}, vector)\n");
        }
        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;
using ActiveAlignment.Learning;

namespace ActiveAlignment.Serialization;

/// <summary>The text, JSON and CSV answers of learning dynamics (<c>active-alignment dynamics</c>): each run's outcome and its trajectory. Written by the library; the tool only prints them.</summary>
internal static class DynamicsAnswer
{
    internal static string CsvField(string s) => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    internal static void WriteCsv(Stream stream, DynamicsResult result)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.Write("start,iteration,agent");
        foreach (string name in result.Game.Names)
        {
            writer.Write(',');
            writer.Write(CsvField(name));
        }
        writer.WriteLine();
        foreach (var run in result.Runs)
        {
            foreach (var point in run.Trajectory)
            {
                for (int i = 0; i < point.Profile.Count; i++)
                {
                    writer.Write(string.Create(CultureInfo.InvariantCulture, $"{run.Start},{point.Iteration},{i + 1}"));
                    foreach (double v in point.Profile[i])
                    {
                        writer.Write(',');
                        writer.Write(v.ToString("R", CultureInfo.InvariantCulture));
                    }
                    writer.WriteLine();
                }
            }
        }
    }

    internal static string Json(DynamicsResult result, double threshold) => Format.Json(w =>
    {
        var groups = result.Game.Names.ToList();
        w.WriteStartObject();
        w.WriteString("rule", LearningDynamics.RuleName(result.Rule));
        w.WriteNumber("starts", result.Starts);
        w.WriteNumber("seed", result.Seed);
        w.WriteNumber("step", result.StepSize);
        w.WriteNumber("threshold", threshold);
        w.WriteStartArray("outcomes");
        foreach (var o in result.Outcomes)
        {
            w.WriteStartObject();
            OutcomeProperties(w, o, groups, threshold);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("notConverged", result.NotConverged);
        w.WriteNumber("stableShare", result.StableShare);
        w.WriteEndObject();
    });

    internal static string Table(DynamicsResult result, double threshold, string label)
    {
        var sb = new StringBuilder();
        var game = result.Game;
        sb.Append(CultureInfo.InvariantCulture, $"Learning dynamics on {label}: {LearningDynamics.RuleName(result.Rule)} from {result.Starts} random starts (seed {result.Seed}, step η = {Format.Number(result.StepSize)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"K = {game.Count} subpopulations, N = {game.Agents} agents; each end polished to an exact KKT point and certified by its Nash gap\n\n");
        int index = 1;
        foreach (var o in result.Outcomes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"#{index++}  {Format.Number(100 * o.Share, 4)}% of starts [95% {Format.Number(100 * o.Interval.Lower, 3)}%, {Format.Number(100 * o.Interval.Upper, 3)}%]  " +
                $"{o.Stability.Label.ToString().ToUpperInvariant()}, {(o.IsHomogeneous ? "homogeneous" : "specialised")}; Nash gap {Format.Number(o.NashGapReport.Gap, 2)} ({(o.NashGapReport.IsCertified ? "certified" : "NOT certified")})\n");
            var header = new List<string> { "subpopulation" };
            var columns = EquilibriaAnswer.AgentColumns(o.Profile);
            header.AddRange(columns.Select(col => col.Label));
            header.Add("represented r");
            var rows = game.Names.Select((name, j) =>
            {
                var row = new List<string> { name };
                row.AddRange(columns.Select(col => Format.Fixed(col.Mixture[j])));
                row.Add(Format.Fixed(o.Representation[j]) + (o.Representation[j] < threshold ? " (excluded)" : ""));
                return (IReadOnlyList<string>)row;
            });
            sb.Append(Format.Table(header, rows, "    "));
            sb.Append('\n');
        }
        sb.Append(CultureInfo.InvariantCulture, $"not converged       {result.NotConverged} of {result.Starts}\n");
        sb.Append(CultureInfo.InvariantCulture, $"stable share        {Format.Number(100 * result.StableShare, 4)}% of starts ended at a stable equilibrium\n");
        return sb.ToString();
    }

    internal static void OutcomeProperties(System.Text.Json.Utf8JsonWriter w, DynamicsOutcome o, IReadOnlyList<string> groups, double threshold)
    {
        EquilibriaAnswer.Profile(w, "profile", groups, o.Profile);
        w.WriteNumber("count", o.Count);
        w.WriteNumber("share", o.Share);
        w.WriteStartArray("interval");
        w.WriteNumberValue(o.Interval.Lower);
        w.WriteNumberValue(o.Interval.Upper);
        w.WriteEndArray();
        w.WriteBoolean("homogeneous", o.IsHomogeneous);
        AnswerJson.WriteStability(w, o.Stability);
        w.NamedVector("representation", groups, o.Representation);
        w.StringArray("excluded", groups.Where((_, j) => o.Representation[j] < threshold));
        w.WriteNumber("nashGap", o.NashGapReport.Gap);
        w.WriteBoolean("certified", o.NashGapReport.IsCertified);
    }
}

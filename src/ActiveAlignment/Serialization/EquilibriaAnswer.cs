using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text;
using ActiveAlignment.Learning;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of every equilibrium of a small game (<c>active-alignment equilibria</c>): classes, multiplicities, potentials and stability. Written by the library; the tool only prints them.</summary>
internal static class EquilibriaAnswer
{
    /// <summary>
    /// The table's agent columns: one per agent ("agent 3") up to 8 agents; beyond, one per distinct mixture with its agents
    /// ("agents 4–9 (×6)"), in the sorted order, so a table of 200 agents stays readable.
    /// </summary>
    internal static List<(string Label, IReadOnlyList<double> Mixture)> AgentColumns(IReadOnlyList<IReadOnlyList<double>> profile)
    {
        if (profile.Count <= 8)
        {
            return profile.Select((w, i) => ($"agent {i + 1}", w)).ToList();
        }
        var columns = new List<(string, IReadOnlyList<double>)>();
        int start = 0;
        for (int i = 1; i <= profile.Count; i++)
        {
            if (i < profile.Count && profile[i].SequenceEqual(profile[start]))
            {
                continue;
            }
            columns.Add((i - start == 1 ? $"agent {start + 1}" : $"agents {start + 1}–{i} (×{i - start})", profile[start]));
            start = i;
        }
        return columns;
    }

    internal static string Json(EquilibriumSet set, double threshold, bool exact = false) => Format.Json(w =>
    {
        var groups = set.Game.Names.ToList();
        w.WriteStartObject();
        w.WriteBoolean("complete", set.IsComplete);
        w.WriteNumber("supportsExamined", set.SupportsExamined);
        w.WriteNumber("classes", set.Equilibria.Count);
        WriteBig(w, "totalEquilibria", set.TotalEquilibria);
        w.WriteNumber("stableClasses", set.Stable.Count());
        w.WriteNumber("threshold", threshold);
        w.WriteStartArray("equilibria");
        foreach (var e in set.Equilibria)
        {
            w.WriteStartObject();
            Profile(w, "profile", groups, e.Profile);
            if (exact)
            {
                w.WriteStartArray("exactProfile");
                foreach (var agent in e.ExactProfile)
                {
                    w.WriteStartObject();
                    for (int j = 0; j < groups.Count; j++)
                    {
                        w.WriteString(groups[j], agent[j]);
                    }
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            WriteBig(w, "multiplicity", e.Multiplicity);
            w.WriteBoolean("homogeneous", e.IsHomogeneous);
            w.NamedVector("representation", groups, e.Representation);
            w.StringArray("excluded", e.Excluded(threshold));
            var served = e.ServedBy(threshold);
            w.WriteStartObject("servedBy");
            for (int j = 0; j < groups.Count; j++)
            {
                w.WriteNumber(groups[j], served[j]);
            }
            w.WriteEndObject();
            w.NumberOrNull("potential", e.Potential);
            AnswerJson.WriteStability(w, e.Stability);
            w.WriteNumber("nashGap", e.NashGapReport.Gap);
            w.NumberOrNull("nashGapBound", e.NashGapReport.UpperBound);
            w.WriteBoolean("certified", e.IsCertified);
            if (e.ContinuumDimension is int d)
            {
                w.WriteStartObject("continuum");
                w.WriteNumber("dimension", d);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("continuum");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    internal static string Table(EquilibriumSet set, double threshold, string label)
    {
        var sb = new StringBuilder();
        var game = set.Game;
        sb.Append(CultureInfo.InvariantCulture, $"Every equilibrium of {label} (K = {game.Count}, N = {game.Agents}; exact, up to permutations of the agents)\n");
        sb.Append(CultureInfo.InvariantCulture, $"{set.Equilibria.Count} classes, {set.TotalEquilibria} equilibria counting agent orders, {set.Stable.Count()} stable class{(set.Stable.Count() == 1 ? "" : "es")}; " +
            $"{set.SupportsExamined} support profiles examined{(set.IsComplete ? " (complete)" : $" — NOT complete: {set.UndecidedContinua} undecided")}\n\n");
        int index = 1;
        foreach (var e in set.Equilibria)
        {
            string kind = e.IsHomogeneous ? "homogeneous" : "specialised";
            sb.Append(CultureInfo.InvariantCulture, $"#{index++}  {e.Stability.Label.ToString().ToUpperInvariant()}, {kind}, ×{e.Multiplicity}{(e.ContinuumDimension is int d ? $", continuum of dimension {d}" : "")}; " +
                $"Φ = {Format.Number(e.Potential, 8)}; Nash gap {Format.Number(e.NashGapReport.Gap, 2)} ({(e.IsCertified ? "certified, exact KKT" : "NOT certified")})\n");
            sb.Append(CultureInfo.InvariantCulture, $"    stability  {e.Stability}\n");
            var header = new List<string> { "subpopulation" };
            var columns = AgentColumns(e.Profile);
            header.AddRange(columns.Select(col => col.Label));
            header.Add("represented r");
            var served = e.ServedBy(threshold);
            header.Add("served by");
            var rows = game.Names.Select((name, j) =>
            {
                var row = new List<string> { name };
                row.AddRange(columns.Select(col => Format.Fixed(col.Mixture[j])));
                row.Add(Format.Fixed(e.Representation[j]) + (e.Representation[j] < threshold ? " (excluded)" : ""));
                row.Add(served[j].ToString(System.Globalization.CultureInfo.InvariantCulture));
                return (IReadOnlyList<string>)row;
            });
            sb.Append(Format.Table(header, rows, "    "));
            sb.Append('\n');
        }
        sb.Append("Stable: a strict local maximum of the potential, where learning agents settle; unstable: they leave it (docs/model.md#stability).\n");
        return sb.ToString();
    }

    internal static void Profile(Utf8JsonWriter w, string name, IReadOnlyList<string> groups, IReadOnlyList<IReadOnlyList<double>> profile)
    {
        w.WriteStartArray(name);
        foreach (var agent in profile)
        {
            w.WriteStartObject();
            for (int j = 0; j < groups.Count; j++)
            {
                w.NumberOrNull(groups[j], agent[j]);
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteBig(Utf8JsonWriter w, string name, BigInteger value)
    {
        if (value <= long.MaxValue)
        {
            w.WriteNumber(name, (long)value);
        }
        else
        {
            w.WritePropertyName(name);
            w.WriteRawValue(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

using System.Globalization;
using System.Text;
using ActiveAlignment.Games;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of a command, written by the library (the tool only prints them).</summary>
internal static class AllocateAnswer
{
    internal static string Bundle(AllocationProblem p, int[] units)
    {
        var parts = p.Items.Select((item, i) => (item, units[i])).Where(x => x.Item2 > 0).Select(x => $"{x.Item2} {x.item}").ToList();
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }

    internal static string Json(AllocationFile f, IReadOnlyList<int[]>? pareto, IReadOnlyList<int[]>? envyFree, IReadOnlyList<int[]>? consistent) => Format.Json(w =>
    {
        var p = f.Problem;
        void Units(string? name, IReadOnlyList<int> units)
        {
            if (name is null)
            {
                w.WriteStartObject();
            }
            else
            {
                w.WriteStartObject(name);
            }
            for (int i = 0; i < p.Items.Count; i++)
            {
                w.WriteNumber(p.Items[i], units[i]);
            }
            w.WriteEndObject();
        }
        void Allocations(string name, IReadOnlyList<int[]>? list)
        {
            if (list is null)
            {
                w.WriteNull(name);
                return;
            }
            w.WriteStartArray(name);
            foreach (var a in list)
            {
                var b = p.Complement(a);
                w.WriteStartObject();
                Units("first", a);
                Units("second", b);
                w.WriteNumber("firstValue", AllocationProblem.Value(f.First, a));
                w.WriteNumber("secondValue", AllocationProblem.Value(f.Second!, b));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteStartObject();
        Allocations("paretoOptimal", pareto);
        Allocations("envyFree", envyFree);
        if (consistent is null)
        {
            w.WriteNull("consistentValuations");
        }
        else
        {
            w.WriteStartArray("consistentValuations");
            foreach (var v in consistent)
            {
                Units(null, v);
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    });

    internal static string Table(AllocationFile f, IReadOnlyList<int[]>? pareto, IReadOnlyList<int[]>? envyFree, IReadOnlyList<int[]>? consistent)
    {
        var p = f.Problem;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{p.Items.Count} item types ({string.Join(", ", p.Items.Select((item, i) => $"{p.Counts[i]} {item}"))})\n");
        void Allocations(string title, IReadOnlyList<int[]> list)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n{title}: {list.Count}\n");
            var rows = list.Select(a =>
            {
                var b = p.Complement(a);
                return (IReadOnlyList<string>)[Bundle(p, a), Bundle(p, b),
                    AllocationProblem.Value(f.First, a).ToString(CultureInfo.InvariantCulture),
                    AllocationProblem.Value(f.Second!, b).ToString(CultureInfo.InvariantCulture)];
            });
            sb.Append(Format.Table(["first gets", "second gets", "first's value", "second's value"], rows));
        }
        if (pareto is not null)
        {
            Allocations("Pareto-optimal allocations", pareto);
            Allocations("envy-free allocations", envyFree!);
        }
        else
        {
            sb.Append("\n(no second valuation given: Pareto-optimal and envy-free allocations need both)\n");
        }
        if (consistent is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\nsecond party's valuations (total {f.SecondTotal}) consistent with its {f.Proposals.Count} offer{(f.Proposals.Count == 1 ? "" : "s")}: {consistent.Count}\n");
            var rows = consistent.Select(v => (IReadOnlyList<string>)p.Items.Select((_, i) => v[i].ToString(CultureInfo.InvariantCulture)).ToList());
            sb.Append(Format.Table(p.Items.ToList(), rows));
        }
        return sb.ToString();
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using ActiveAlignment.Games;

namespace ActiveAlignment.Cli.Commands;

/// <summary>`active-alignment allocate`: Pareto-optimal and envy-free allocations, and valuations consistent with proposals.</summary>
internal static class AllocateCommand
{
    public static Command Create(CommandContext context)
    {
        var file = new Argument<string>("ALLOCATION") { Description = "Path of an allocation file, or - for standard input." };
        var json = CommandContext.JsonOption();
        var budget = new Option<int>("--max-candidates")
        {
            Description = "Work budget of the consistent-valuation search; beyond it the command stops with exit code 2.",
            DefaultValueFactory = _ => 1_000_000,
        };
        var command = new Command("allocate",
            "Split unit items between two parties with additive valuations: the Pareto-optimal allocations, the envy-free ones, and " +
            "the second party's valuations consistent with the offers it made (it offers only splits it does not envy). " +
            "See docs/finite-games.md#allocations.\n\nExample: active-alignment allocate samples/allocation.json --json")
        {
            file, json, budget,
        };
        command.SetAction(parse =>
        {
            string text = GameInput.ReadText(parse.GetValue(file)!, context.Console, out string label);
            var input = AllocationJson.Read(text, label);
            int limit = parse.GetValue(budget);
            if (limit < 1)
            {
                throw new CliException($"--max-candidates {limit}: the budget must be at least 1.");
            }
            var problem = input.Problem;
            IReadOnlyList<int[]>? pareto = null, envyFree = null, consistent = null;
            if (input.Second is { } second)
            {
                pareto = AllocationAnalysis.ParetoOptimal(problem, input.First, second);
                envyFree = AllocationAnalysis.EnvyFree(problem, input.First, second);
            }
            if (input.Proposals.Count > 0)
            {
                try
                {
                    consistent = AllocationAnalysis.ConsistentValuations(problem, input.Proposals, input.SecondTotal!.Value, limit);
                }
                catch (InvalidOperationException e)
                {
                    throw new CliException($"{label}: {e.Message} Raise --max-candidates (now {limit}).");
                }
            }
            context.Buffer.Write(parse.GetValue(json) ? Json(input, pareto, envyFree, consistent) : Table(input, pareto, envyFree, consistent));
            return 0;
        });
        return command;
    }

    private static string Bundle(AllocationProblem p, int[] units)
    {
        var parts = p.Items.Select((item, i) => (item, units[i])).Where(x => x.Item2 > 0).Select(x => $"{x.Item2} {x.item}").ToList();
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }

    private static string Table(AllocationFile f, IReadOnlyList<int[]>? pareto, IReadOnlyList<int[]>? envyFree, IReadOnlyList<int[]>? consistent)
    {
        var p = f.Problem;
        var sb = new StringBuilder();
        sb.Append($"{p.Items.Count} item types ({string.Join(", ", p.Items.Select((item, i) => $"{p.Counts[i]} {item}"))})\n");
        void Allocations(string title, IReadOnlyList<int[]> list)
        {
            sb.Append($"\n{title}: {list.Count}\n");
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
            sb.Append($"\nsecond party's valuations (total {f.SecondTotal}) consistent with its {f.Proposals.Count} offer{(f.Proposals.Count == 1 ? "" : "s")}: {consistent.Count}\n");
            var rows = consistent.Select(v => (IReadOnlyList<string>)p.Items.Select((_, i) => v[i].ToString(CultureInfo.InvariantCulture)).ToList());
            sb.Append(Format.Table(p.Items.ToList(), rows));
        }
        return sb.ToString();
    }

    private static string Json(AllocationFile f, IReadOnlyList<int[]>? pareto, IReadOnlyList<int[]>? envyFree, IReadOnlyList<int[]>? consistent) => Format.Json(w =>
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
}

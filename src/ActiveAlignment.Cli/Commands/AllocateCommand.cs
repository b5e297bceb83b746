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
            context.Buffer.Write(parse.GetValue(json) ? AllocateAnswer.Json(input, pareto, envyFree, consistent) : AllocateAnswer.Table(input, pareto, envyFree, consistent));
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text;
using ActiveAlignment.Welfare;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment welfare PAYOFFS [--welfare sum|weighted:α|egalitarian|nash] [--context NAME] [--price-range 0:P] [--json]</c>:
/// the mutual-welfare decision of docs/finite-games.md#payoff-games and its price breakpoints.
/// </summary>
internal static class WelfareCommand
{
    public static Command Create(CommandContext context)
    {
        var payoffs = new Argument<string>("PAYOFFS") { Description = "Path of a payoff file (general form or the six-key block), or - for standard input." };
        var welfare = new Option<string>("--welfare") { Description = "sum, weighted:α, egalitarian, nash or nash:d_a,d_u.", DefaultValueFactory = _ => "sum" };
        var observed = new Option<string?>("--context") { Description = "The observed context (default: the file's prior, or uniform)." };
        var range = new Option<string?>("--price-range") { Description = "0:P: show the decision on every price interval of [0, P] (needs costs in the file)." };
        var json = CommandContext.JsonOption();
        var command = new Command("welfare",
            "Choose the response type best for both the assistant and the user: expected payoffs, the Pareto set, the welfare-maximising " +
            "action (ties to the user, then the assistant, then declared order), and how the choice moves with the price of tokens.\n\n" +
            "Example: active-alignment welfare samples/payoffs.json --welfare nash --price-range 0:4")
        {
            payoffs, welfare, observed, range, json,
        };
        command.SetAction(parse =>
        {
            WelfareFunction function;
            try
            {
                function = WelfareFunction.Parse(parse.GetValue(welfare)!);
            }
            catch (FormatException e)
            {
                throw new CliException($"--welfare {e.Message}");
            }
            double? maxPrice = parse.GetValue(range) is string r ? ParseRange(r) : null;
            string text = GameInput.ReadText(parse.GetValue(payoffs)!, context.Console, out string label);
            var game = PayoffGame.Read(text, label);
            string? ctx = parse.GetValue(observed);
            if (ctx is not null && !game.Contexts.Contains(ctx))
            {
                throw new CliException($"--context {ctx}: no such context; the contexts are {string.Join(", ", game.Contexts)}.");
            }
            if (maxPrice is not null && game.Cost is null)
            {
                throw new CliException($"--price-range: {label} gives no cost per action, so the price changes nothing.");
            }
            var decision = WelfareAnalysis.Decide(game, function, ctx);
            var intervals = maxPrice is double p ? WelfareAnalysis.PriceIntervals(game, function, p, ctx) : null;
            context.Buffer.Write(parse.GetValue(json) ? WelfareAnswer.Json(game, decision, intervals) : WelfareAnswer.Table(game, function, decision, intervals, ctx));
            return 0;
        });
        return command;
    }

    private static double ParseRange(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length != 2 || parts[0].Trim() != "0" || !Format.TryReadFinite(parts[1].Trim(), out double p) || p <= 0)
        {
            throw new CliException($"--price-range {text}: expected 0:P with P a number > 0.");
        }
        return p;
    }
}

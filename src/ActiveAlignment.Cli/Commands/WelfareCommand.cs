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
            context.Buffer.Write(parse.GetValue(json) ? Json(game, decision, intervals) : Table(game, function, decision, intervals, ctx));
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

    private static string Json(PayoffGame game, WelfareDecision d, IReadOnlyList<PriceInterval>? intervals) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("expected");
        for (int a = 0; a < game.Actions.Count; a++)
        {
            w.WriteStartObject(game.Actions[a]);
            w.WriteNumber("assistant", d.Expected[a].Assistant.ToDouble());
            w.WriteNumber("user", d.Expected[a].User.ToDouble());
            w.WriteString("assistantExact", d.Expected[a].Assistant.ToString());
            w.WriteString("userExact", d.Expected[a].User.ToString());
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.StringArray("pareto", d.Pareto.Select(a => game.Actions[a]));
        w.WriteString("status", Format.Camel(d.Status.ToString()));
        if (d.Decision is int chosen)
        {
            w.WriteString("decision", game.Actions[chosen]);
        }
        else
        {
            w.WriteNull("decision");
            w.WriteString("reason", d.Reason);
        }
        w.WriteStartObject("welfare");
        for (int a = 0; a < game.Actions.Count; a++)
        {
            if (d.Welfare[a] is { } value)
            {
                w.WriteNumber(game.Actions[a], value.ToDouble());
            }
            else
            {
                w.WriteNull(game.Actions[a]);
            }
        }
        w.WriteEndObject();
        w.WriteStartArray("priceIntervals");
        foreach (var iv in intervals ?? [])
        {
            w.WriteStartObject();
            w.WriteNumber("from", iv.From);
            w.WriteNumber("to", iv.To);
            if (iv.ExactFrom is { } exactFrom)
            {
                w.WriteString("fromExact", exactFrom.ToString());
            }
            if (iv.ExactTo is { } exactTo)
            {
                w.WriteString("toExact", exactTo.ToString());
            }
            if (iv.Decision is int a)
            {
                w.WriteString("decision", game.Actions[a]);
            }
            else
            {
                w.WriteNull("decision");
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string Table(PayoffGame game, WelfareFunction function, WelfareDecision d, IReadOnlyList<PriceInterval>? intervals, string? context)
    {
        var sb = new StringBuilder();
        string basis = context is not null ? $"context {context}" : game.Prior is null ? "a uniform prior over the contexts" : "the file's prior";
        sb.Append($"Welfare ({function}) under {basis}, price {Format.Number(game.Price.ToDouble())} paid by the {game.Payer.ToString().ToLowerInvariant()}\n\n");
        var rows = game.Actions.Select((name, a) => (IReadOnlyList<string>)
        [
            name, Format.Fixed(d.Expected[a].Assistant.ToDouble(), 4), Format.Fixed(d.Expected[a].User.ToDouble(), 4),
            d.Welfare[a] is { } v ? Format.Fixed(v.ToDouble(), 4) : "-", d.Pareto.Contains(a) ? "yes" : "no", d.Decision == a ? "<- decision" : "",
        ]);
        sb.Append(Format.Table(["action", "assistant", "user", "welfare", "Pareto", ""], rows));
        sb.Append(d.Decision is int chosen ? $"\ndecision: {game.Actions[chosen]}\n" : $"\ndecision: none ({d.Reason})\n");
        if (intervals is not null)
        {
            sb.Append("\ndecision by price:\n");
            foreach (var iv in intervals)
            {
                sb.Append($"  [{Format.Number(iv.From, 10)}, {Format.Number(iv.To, 10)}]  {(iv.Decision is int a ? game.Actions[a] : "none")}\n");
            }
        }
        return sb.ToString();
    }
}

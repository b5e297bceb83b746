using System.Globalization;
using System.Text;
using ActiveAlignment.Welfare;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of a command, written by the library (the tool only prints them).</summary>
internal static class WelfareAnswer
{
    internal static string Json(PayoffGame game, WelfareDecision d, IReadOnlyList<PriceInterval>? intervals) => Format.Json(w =>
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
        w.WriteString("status", d.Status switch
        {
            WelfareStatus.Decided => "decided",
            WelfareStatus.NoQualifyingAction => "noQualifyingAction",
            _ => throw new ArgumentOutOfRangeException(nameof(d), d.Status, "an unknown welfare status"), // a new member needs its wire name here
        });
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

    internal static string Table(PayoffGame game, WelfareFunction function, WelfareDecision d, IReadOnlyList<PriceInterval>? intervals, string? context)
    {
        var sb = new StringBuilder();
        string basis = context is not null ? $"context {context}" : game.Prior is null ? "a uniform prior over the contexts" : "the file's prior";
        sb.Append(CultureInfo.InvariantCulture, $"Welfare ({function}) under {basis}, price {Format.Number(game.Price.ToDouble())} paid by the {game.Payer.ToString().ToLowerInvariant()}\n\n");
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
                sb.Append(CultureInfo.InvariantCulture, $"  [{Format.Number(iv.From, 10)}, {Format.Number(iv.To, 10)}]  {(iv.Decision is int a ? game.Actions[a] : "none")}\n");
            }
        }
        return sb.ToString();
    }
}

using System.Text;
using System.Text.Json;

namespace ActiveAlignment.Serialization;

/// <summary>
/// The <c>NAME=W,NAME=W,...</c> lists of <c>--target</c> and <c>--observed</c>. A name may hold any character: a backslash
/// escapes the next one (<c>a\,b=0.5</c>, <c>x\=y=0.2</c>, <c>back\\slash=0.3</c>), and the last unescaped <c>=</c> of an
/// item separates name from weight, so a name with <c>=</c> also works unescaped. A list that starts with <c>{</c> is a JSON
/// object instead (<c>{"a,b": 0.5, "c": 0.5}</c>), which needs no escaping at all (a first name that starts with <c>{</c> is
/// written <c>\{</c>). Weights stay text; each caller parses and checks them against its game.
/// </summary>
/// <example>
/// <code>
/// var pairs = NamedWeights.Parse("--target", @"left=0.3,a\,b=0.2,center=0.5"); // ("left", "0.3"), ("a,b", "0.2"), ("center", "0.5")
/// </code>
/// </example>
public static class NamedWeights
{
    /// <summary>The (name, weight text) pairs of <paramref name="text"/>, in order.</summary>
    /// <param name="option">The option or field the list came from, which every message starts with (e.g. <c>--target</c>).</param>
    /// <param name="text">The list.</param>
    /// <returns>The pairs, names unescaped and both sides trimmed.</returns>
    /// <exception cref="WeightListFormatException">An item has no name or weight, an escape is cut off, or the JSON is not an object of numbers.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        return trimmed.StartsWith('{') ? ParseJson(option, trimmed) : ParseList(option, text);
    }

    /// <summary>
    /// A name as it must be written in a list: <c>\</c>, <c>,</c>, <c>=</c> and a leading <c>{</c> escaped, control characters
    /// visible.
    /// </summary>
    /// <param name="name">A group's name.</param>
    /// <returns>The name as a list item writes it.</returns>
    public static string Quote(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length + 4);
        foreach (char c in name)
        {
            if (c is '\\' or ',' or '=' || (c == '{' && sb.Length == 0))
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return Format.Visible(sb.ToString());
    }

    /// <summary>
    /// A mixture over the named groups, read from a list: every group named exactly once, with a finite weight &gt; 0 (a
    /// point inside the simplex, as a steering target must be), the weights summing to 1 within 1e-9.
    /// </summary>
    /// <param name="option">The option or field the list came from, which every message starts with.</param>
    /// <param name="text">The list (<see cref="Parse"/>).</param>
    /// <param name="groups">The groups, in the order of the result.</param>
    /// <returns>The weights, in the order of <paramref name="groups"/>.</returns>
    /// <exception cref="WeightListFormatException">The list cannot be read, names an unknown group or one twice, leaves one
    /// out, has a weight that is not a positive finite number, or does not sum to 1; the message says which.</exception>
    public static double[] ParseMixture(string option, string text, IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var weights = new double[groups.Count];
        var seen = new bool[groups.Count];
        foreach (var (name, weightText) in Parse(option, text))
        {
            string quoted = Quote(name);
            int k = -1;
            for (int i = 0; i < groups.Count && k < 0; i++)
            {
                k = string.Equals(groups[i], name, StringComparison.Ordinal) ? i : -1;
            }
            if (k < 0)
            {
                throw new WeightListFormatException(option, $"{option}: no group is called {quoted}; the groups are {string.Join(", ", groups.Select(Quote))}.");
            }
            if (seen[k])
            {
                throw new WeightListFormatException(option, $"{option}: {quoted} appears twice.");
            }
            if (!Format.TryReadFinite(weightText, out double w))
            {
                throw new WeightListFormatException(option, $"{option}: the weight of {quoted}, '{Format.Visible(weightText)}', is not a decimal number a double holds (finite, and not a non-zero number that rounds to 0).");
            }
            if (!(w > 0))
            {
                throw new WeightListFormatException(option, $"{option}: {quoted} = {weightText}; a target gives every group a weight > 0 (it must lie inside the simplex: " +
                    "a subsidy moves an interior equilibrium, and an interior equilibrium gives every group positive weight).");
            }
            seen[k] = true;
            weights[k] = w;
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new WeightListFormatException(option, $"{option}: give a weight for every group; {Quote(groups[missing])} is missing.");
        }
        double sum = 0;
        foreach (double w in weights)
        {
            sum += w; // in order, as the message prints it
        }
        if (!(Math.Abs(sum - 1.0) <= Internal.Preconditions.MixtureSumTolerance))
        {
            throw new WeightListFormatException(option, $"{option}: the weights must sum to 1 within 1e-9; they sum to {sum.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}.");
        }
        return weights;
    }

    private static List<KeyValuePair<string, string>> ParseList(string option, string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        var item = new StringBuilder();
        int lastEquals = -1; // position in item of the last unescaped '='
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ',')
            {
                pairs.Add(Item(option, text, item.ToString(), lastEquals, start));
                item.Clear();
                lastEquals = -1;
                start = i + 1;
                continue;
            }
            char c = text[i];
            if (c == '\\')
            {
                if (i + 1 == text.Length)
                {
                    throw new WeightListFormatException(option, $"{option}: the list ends in a lone backslash; write \\\\ for a backslash in a name.");
                }
                item.Append(text[++i]);
                continue;
            }
            if (c == '=')
            {
                lastEquals = item.Length;
            }
            item.Append(c);
        }
        return pairs;
    }

    private static KeyValuePair<string, string> Item(string option, string text, string item, int eq, int start)
    {
        string shown = Format.Visible(item.Length > 80 ? item[..80] + "…" : item);
        if (item.Trim().Length == 0)
        {
            throw new WeightListFormatException(option, start == 0 && text.Trim().Length == 0
                ? $"{option}: empty; give NAME=W,NAME=W,..."
                : $"{option}: an empty item at character {start + 1}; give NAME=W,NAME=W,... with no doubled or trailing comma.");
        }
        if (eq < 0)
        {
            throw new WeightListFormatException(option, $"{option}: '{shown}' is not NAME=W (no '='); write a ',' or '=' inside a name as \\, or \\=.");
        }
        string name = item[..eq].Trim();
        string weight = item[(eq + 1)..].Trim();
        if (name.Length == 0)
        {
            throw new WeightListFormatException(option, $"{option}: '{shown}' has no name before '='.");
        }
        if (weight.Length == 0)
        {
            throw new WeightListFormatException(option, $"{option}: '{shown}' has no weight after '='; write a ',' or '=' inside a name as \\, or \\=.");
        }
        return new(name, weight);
    }

    private static List<KeyValuePair<string, string>> ParseJson(string option, string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 4 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new WeightListFormatException(option, $"{option}: a JSON list must be an object {{\"NAME\": W, ...}}.");
            }
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Number)
                {
                    throw new WeightListFormatException(option, $"{option}: the weight of \"{Format.Visible(p.Name)}\" must be a JSON number, not {p.Value.ValueKind.ToString().ToLowerInvariant()}.");
                }
                pairs.Add(new(p.Name, p.Value.GetRawText()));
            }
        }
        catch (JsonException e)
        {
            throw new WeightListFormatException(option, $"{option}: not a JSON object ({e.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ')}); or give NAME=W,NAME=W,...");
        }
        if (pairs.Count == 0)
        {
            throw new WeightListFormatException(option, $"{option}: the JSON object is empty; give a weight per group.");
        }
        return pairs;
    }
}

using System.Text.Json;

namespace ActiveAlignment.Games;

/// <summary>An allocation file: the problem, the valuations given, and the other party's proposals, if any.</summary>
/// <param name="Problem">The items and their unit counts.</param>
/// <param name="First">The first party's per-unit values.</param>
/// <param name="Second">The second party's per-unit values; null when unknown.</param>
/// <param name="Proposals">Bundles the second party has offered the first (it keeps the rest); empty when none.</param>
/// <param name="SecondTotal">The total value the second party's valuation is assumed to give all items (for the consistency search).</param>
public sealed record AllocationFile(AllocationProblem Problem, IReadOnlyList<int> First, IReadOnlyList<int>? Second,
    IReadOnlyList<IReadOnlyList<int>> Proposals, int? SecondTotal);

/// <summary>Reads allocation files (docs/finite-games.md#allocations).</summary>
public static class AllocationJson
{
    /// <summary>
    /// Reads <c>{"items": ["book", "hat"], "counts": [1, 2], "valuations": {"first": [4, 1], "second": [2, 3]},
    /// "proposals": [[0, 2]], "secondTotal": 10}</c>: "second", "proposals" and "secondTotal" are optional (the consistency
    /// search needs proposals and secondTotal). Values and counts are non-negative integers.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A label for error messages.</param>
    /// <returns>The file's content.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ActiveAlignment.FiniteGames.FiniteGameFormatException">The text is malformed; the message names the field.</exception>
    public static AllocationFile Read(string json, string source = "allocation")
    {
        Preconditions.CheckNotNull(json);
        using var document = JsonReading.Parse(json, source);
        var r = new JsonReading(source);
        var obj = r.Object(document.RootElement, "$", ["items", "counts", "valuations", "proposals", "secondTotal"]);
        var items = r.Array(r.Required(obj, "$", "items"), "items", minimumLength: 1).EnumerateArray()
            .Select((e, i) => r.String(e, $"items[{i}]")).ToList();
        var counts = Integers(r, r.Required(obj, "$", "counts"), "counts", items.Count);
        AllocationProblem problem;
        try
        {
            problem = AllocationProblem.Create(items, counts);
        }
        catch (ArgumentException e)
        {
            throw r.Error("counts", e.Message.Split(" (Parameter", 2)[0]);
        }
        var valuations = r.Object(r.Required(obj, "$", "valuations"), "valuations", ["first", "second"]);
        var first = Integers(r, r.Required(valuations, "valuations", "first"), "valuations.first", items.Count);
        var second = valuations.TryGetValue("second", out var s) ? Integers(r, s, "valuations.second", items.Count) : null;
        var proposals = new List<IReadOnlyList<int>>();
        if (obj.TryGetValue("proposals", out var p))
        {
            int index = 0;
            foreach (var element in r.Array(p, "proposals").EnumerateArray())
            {
                string path = $"proposals[{index}]";
                var bundle = Integers(r, element, path, items.Count);
                for (int i = 0; i < bundle.Count; i++)
                {
                    if (bundle[i] > counts[i])
                    {
                        throw r.Error(path, $"{path}[{i}] = {bundle[i]}, but there are only {counts[i]} of {items[i]}.");
                    }
                }
                proposals.Add(bundle);
                index++;
            }
        }
        int? total = null;
        if (obj.TryGetValue("secondTotal", out var t))
        {
            if (t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out int value) || value < 0 || value > 1_000_000)
            {
                throw r.Error("secondTotal", $"secondTotal must be an integer from 0 to 1000000, but is {t.GetRawText()}.");
            }
            total = value;
        }
        if (proposals.Count > 0 && total is null)
        {
            throw r.Error("secondTotal", "proposals are given but secondTotal is missing: the consistency search needs the total value of the second party's valuation.");
        }
        return new AllocationFile(problem, first, second, proposals, total);
    }

    private static List<int> Integers(JsonReading r, JsonElement element, string path, int length)
    {
        var array = r.Array(element, path);
        if (array.GetArrayLength() != length)
        {
            throw r.Error(path, $"{path} has {array.GetArrayLength()} entries, expected {length} (one per item).");
        }
        var result = new List<int>();
        int i = 0;
        foreach (var e in array.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int value) || value < 0 || value > 1_000_000)
            {
                throw r.Error($"{path}[{i}]", $"{path}[{i}] must be an integer from 0 to 1000000, but is {e.GetRawText()}.");
            }
            result.Add(value);
            i++;
        }
        return result;
    }
}

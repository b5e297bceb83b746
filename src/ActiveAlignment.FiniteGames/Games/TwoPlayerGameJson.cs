using System.Text.Json;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>A two-player game file: exactly one of <see cref="Bimatrix"/> and <see cref="Tree"/> is set.</summary>
/// <param name="Bimatrix">A bimatrix game (<c>"type": "bimatrix"</c>).</param>
/// <param name="Tree">A perfect-information tree (<c>"type": "tree"</c>).</param>
public sealed record TwoPlayerGameFile(BimatrixGame? Bimatrix, GameTree? Tree);

/// <summary>
/// Reads the two-player game formats. Payoffs are decimal literals read exactly (0.1 is 1/10), or strings holding a
/// fraction or a decimal ("2/7", "0.1").
/// <code>{ "type": "bimatrix", "players": ["row", "column"], "rowActions": ["C", "D"], "columnActions": ["C", "D"],
///   "payoffs": [ [[3, 3], [0, 5]], [[5, 0], [1, 1]] ] }</code>
/// (<c>payoffs[i][j]</c> = [row payoff, column payoff]; <c>players</c> optional) and
/// <code>{ "type": "tree", "players": ["P1", "P2"],
///   "root": { "player": "P1", "actions": { "L": { "player": "P2", "actions": { "l": { "payoffs": [1, 1] }, ... } },
///                                          "R": { "payoffs": [0.5, 0] } } } }</code>
/// (actions keep their declared order; a leaf has one payoff per player).
/// </summary>
public static class TwoPlayerGameJson
{
    /// <summary>Reads a bimatrix or tree file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A label for error messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ActiveAlignment.FiniteGames.FiniteGameFormatException">The text is not a valid game; the message names the JSON path.</exception>
    public static TwoPlayerGameFile Read(string json, string source = "game")
    {
        Preconditions.CheckNotNull(json);
        using var document = JsonReading.Parse(json, source);
        var r = new JsonReading(source);
        var root = document.RootElement;
        string type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
        try
        {
            return type switch
            {
                "bimatrix" => new TwoPlayerGameFile(ReadBimatrix(root, r), null),
                "tree" => new TwoPlayerGameFile(null, ReadTree(root, r)),
                _ => throw r.Error("type", "\"type\" must be \"bimatrix\" or \"tree\"."),
            };
        }
        catch (ArgumentException e)
        {
            throw r.Error("$", e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    private static Rational Exact(JsonReading r, JsonElement e, string path)
    {
        // An exact rational may also be given as a string, "2/7" or "0.1".
        string raw = e.ValueKind == JsonValueKind.String ? e.GetString()! : r.RawNumber(e, path);
        return Rational.TryParse(raw, out var value, out string? error)
            ? value
            : throw r.Error(path, $"{path} = {JsonReading.Abbreviated(raw)} is refused: {error}.");
    }

    private static BimatrixGame ReadBimatrix(JsonElement root, JsonReading r)
    {
        var obj = r.Object(root, "$", ["type", "players", "rowActions", "columnActions", "payoffs"]);
        var rows = Names(r, r.Required(obj, "$", "rowActions"), "rowActions");
        var columns = Names(r, r.Required(obj, "$", "columnActions"), "columnActions");
        var players = obj.TryGetValue("players", out var p) ? Names(r, p, "players") : ["row", "column"];
        if (players.Count != 2)
        {
            throw r.Error("players", $"players has {players.Count} names; a bimatrix game has 2.");
        }
        var payoffs = r.Array(r.Required(obj, "$", "payoffs"), "payoffs");
        if (payoffs.GetArrayLength() != rows.Count)
        {
            throw r.Error("payoffs", $"payoffs has {payoffs.GetArrayLength()} rows, expected one for each of the {rows.Count} row actions.");
        }
        var a = new Rational[rows.Count, columns.Count];
        var b = new Rational[rows.Count, columns.Count];
        int i = 0;
        foreach (var row in payoffs.EnumerateArray())
        {
            r.Array(row, $"payoffs[{i}]");
            if (row.GetArrayLength() != columns.Count)
            {
                throw r.Error($"payoffs[{i}]", $"payoffs[{i}] has {row.GetArrayLength()} cells, expected one for each of the {columns.Count} column actions.");
            }
            int j = 0;
            foreach (var cell in row.EnumerateArray())
            {
                string path = $"payoffs[{i}][{j}]";
                r.Array(cell, path);
                if (cell.GetArrayLength() != 2)
                {
                    throw r.Error(path, $"{path} must be a pair [row payoff, column payoff].");
                }
                a[i, j] = Exact(r, cell[0], path + "[0]");
                b[i, j] = Exact(r, cell[1], path + "[1]");
                j++;
            }
            i++;
        }
        return BimatrixGame.Create(rows, columns, a, b, players);
    }

    private static GameTree ReadTree(JsonElement root, JsonReading r)
    {
        var obj = r.Object(root, "$", ["type", "players", "root"]);
        var players = Names(r, r.Required(obj, "$", "players"), "players");
        TreeSpec Node(JsonElement e, string path)
        {
            if (e.ValueKind == JsonValueKind.Object && e.TryGetProperty("payoffs", out _))
            {
                var leaf = r.Object(e, path, ["payoffs"]);
                var values = r.Array(leaf["payoffs"], path + ".payoffs");
                if (values.GetArrayLength() != players.Count)
                {
                    throw r.Error(path + ".payoffs", $"{path}.payoffs has {values.GetArrayLength()} entries, expected one for each of the {players.Count} players.");
                }
                return GameTree.Leaf(values.EnumerateArray().Select((v, k) => Exact(r, v, $"{path}.payoffs[{k}]")).ToArray());
            }
            var node = r.Object(e, path, ["player", "actions"]);
            string player = r.String(r.Required(node, path, "player"), path + ".player");
            int index = players.IndexOf(player);
            if (index < 0)
            {
                throw r.Error(path + ".player", $"{path}.player \"{player}\" is not one of the players ({string.Join(", ", players)}).");
            }
            var actions = r.Required(node, path, "actions");
            if (actions.ValueKind != JsonValueKind.Object || !actions.EnumerateObject().Any())
            {
                throw r.Error(path + ".actions", $"{path}.actions must be a non-empty object of action → subtree.");
            }
            return GameTree.Decision(index, actions.EnumerateObject().Select(a => (a.Name, Node(a.Value, $"{path}.actions.{a.Name}"))).ToArray());
        }
        return GameTree.Create(players, Node(r.Required(obj, "$", "root"), "root"));
    }

    private static List<string> Names(JsonReading r, JsonElement e, string path)
    {
        r.Array(e, path, minimumLength: 1);
        var names = e.EnumerateArray().Select((x, i) => r.String(x, $"{path}[{i}]")).ToList();
        for (int i = 0; i < names.Count; i++)
        {
            if (names.IndexOf(names[i]) != i)
            {
                throw r.Error($"{path}[{i}]", $"{path}[{i}] \"{names[i]}\" repeats an earlier name; names must be unique.");
            }
        }
        return names;
    }

}

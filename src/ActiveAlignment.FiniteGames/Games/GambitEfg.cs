using System.Globalization;
using ActiveAlignment.FiniteGames;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>
/// Gambit's extensive-form files (<c>.efg</c>) of perfect information, read into the game-tree mode (backward induction,
/// docs/finite-games.md#file-formats).
/// </summary>
/// <remarks>
/// The file is <c>EFG 2 R "title" { "P1" "P2" … }</c>, an optional comment, then the nodes in preorder: a personal node
/// <c>p "name" player infoset ["infoset name" { "a1" "a2" … }] outcome ["outcome name" { payoffs }]</c>, a chance node
/// <c>c …</c>, or a terminal node <c>t "name" outcome ["outcome name" { payoffs }]</c>. An outcome's payoffs are given where
/// the outcome first appears and may be omitted where it is used again (outcome 0 is the null outcome); an outcome at a
/// personal node adds its payoffs to every terminal below it, as in Gambit. The tree mode solves perfect information only: a
/// chance node, or a second node in an information set, is refused, naming the first such node by its line and its path.
/// </remarks>
public static class GambitEfg
{
    /// <summary>True when the text starts (after white space) with the <c>EFG</c> keyword.</summary>
    /// <param name="text">A file's text.</param>
    public static bool LooksLikeEfg(string text) => text.AsSpan().TrimStart().StartsWith("EFG", StringComparison.Ordinal);

    /// <summary>Reads a perfect-information <c>.efg</c> file.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="source">A label for error messages.</param>
    /// <returns>The game tree.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FiniteGameFormatException">The text is not a valid <c>.efg</c> file, or the tree is not of perfect
    /// information (a chance node, or an information set with two nodes); the message names the line and the node.</exception>
    public static GameTree Read(string text, string source = "game.efg")
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = new Tokens(text, source);
        var players = t.Header("EFG", "2", "extensive");
        if (players.Count == 0)
        {
            throw t.Error("the game has no players.");
        }
        if (t.PeekIsString())
        {
            t.QuotedString("the comment");
        }
        var outcomes = new Dictionary<int, Rational[]>();
        var infosets = new HashSet<(int Player, int Infoset)>();
        int nodes = 0;
        Rational[] Outcome(string where)
        {
            string word = t.Word($"{where}'s outcome number");
            if (!int.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                throw t.Error($"{where}'s outcome \"{GambitNfg.Abbreviate(word)}\" is not a whole number.");
            }
            if (t.PeekIsString())
            {
                t.QuotedString("the outcome's name");
                t.Open("the outcome's payoffs");
                var payoffs = new List<Rational>();
                while (!t.TryClose())
                {
                    payoffs.Add(t.Number("a payoff"));
                }
                if (payoffs.Count != players.Count)
                {
                    throw t.Error($"outcome {number} has {payoffs.Count} payoffs, expected one for each of the {players.Count} players.");
                }
                if (number > 0)
                {
                    outcomes[number] = [.. payoffs];
                }
                return [.. payoffs];
            }
            if (number == 0)
            {
                return Enumerable.Repeat(Rational.Zero, players.Count).ToArray();
            }
            return outcomes.TryGetValue(number, out var known) ? known
                : throw t.Error($"outcome {number} is used before its payoffs are given.");
        }
        TreeSpec Node(string path, Rational[] above)
        {
            if (++nodes > 1_000_000)
            {
                throw t.Error("the tree has more than 1,000,000 nodes.");
            }
            string type = t.Word("a node (p, c or t)");
            string name = t.QuotedString("the node's name");
            string where = $"the node {(path.Length == 0 ? "at the root" : $"reached by {path}")}{(name.Length > 0 ? $" (\"{name}\")" : "")}";
            switch (type)
            {
                case "t":
                {
                    var payoffs = Outcome(where);
                    return GameTree.Leaf(payoffs.Zip(above, (x, y) => x + y).ToArray());
                }
                case "c":
                    throw t.Error($"{where} is a chance node; the game-tree mode solves games of perfect information without chance.");
                case "p":
                {
                    string playerWord = t.Word($"{where}'s player");
                    if (!int.TryParse(playerWord, NumberStyles.None, CultureInfo.InvariantCulture, out int player) || player < 1 || player > players.Count)
                    {
                        throw t.Error($"{where}'s player \"{GambitNfg.Abbreviate(playerWord)}\" is not a number from 1 to {players.Count}.");
                    }
                    string infosetWord = t.Word($"{where}'s information set");
                    if (!int.TryParse(infosetWord, NumberStyles.None, CultureInfo.InvariantCulture, out int infoset))
                    {
                        throw t.Error($"{where}'s information set \"{GambitNfg.Abbreviate(infosetWord)}\" is not a whole number.");
                    }
                    if (!infosets.Add((player, infoset)))
                    {
                        throw t.Error($"{where} is a second node in information set {infoset} of player {player}: the game is not of perfect information, which the game-tree mode needs.");
                    }
                    if (!t.PeekIsString())
                    {
                        throw t.Error($"{where} does not list its actions.");
                    }
                    t.QuotedString("the information set's name");
                    var actions = GambitNfg.UniqueNames(t.StringList($"{where}'s actions").Select((a, k) => a.Length == 0 ? (k + 1).ToString(CultureInfo.InvariantCulture) : a).ToList());
                    if (actions.Count == 0)
                    {
                        throw t.Error($"{where} has no actions.");
                    }
                    var here = Outcome(where);
                    var total = here.Zip(above, (x, y) => x + y).ToArray();
                    var children = new (string, TreeSpec)[actions.Count];
                    for (int a = 0; a < actions.Count; a++)
                    {
                        children[a] = (actions[a], Node(path.Length == 0 ? actions[a] : $"{path} → {actions[a]}", total));
                    }
                    return GameTree.Decision(player - 1, children);
                }
                default:
                    throw t.Error($"\"{GambitNfg.Abbreviate(type)}\" is not a node type (p, c or t).");
            }
        }
        var root = Node(string.Empty, Enumerable.Repeat(Rational.Zero, players.Count).ToArray());
        t.End();
        var names = GambitNfg.UniqueNames(players.Select((p, k) => p.Length == 0 ? $"Player {k + 1}" : p).ToList());
        return GameTree.Create(names, root);
    }
}

using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>A node of a perfect-information game tree; its <see cref="Id"/> is the path of actions from the root ("root/L/r").</summary>
public abstract class GameTreeNode
{
    private protected GameTreeNode(string id) => Id = id;

    /// <summary>The node's path from the root.</summary>
    public string Id { get; }
}

/// <summary>A node where <see cref="Player"/> chooses one of the named actions.</summary>
public sealed class DecisionNode : GameTreeNode
{
    internal DecisionNode(string id, int player, IReadOnlyList<KeyValuePair<string, GameTreeNode>> actions)
        : base(id)
    {
        Player = player;
        Actions = actions;
    }

    /// <summary>The index of the player who moves.</summary>
    public int Player { get; }

    /// <summary>The actions in declared order, with the node each leads to.</summary>
    public IReadOnlyList<KeyValuePair<string, GameTreeNode>> Actions { get; }
    /// <summary>A one-line summary: the node, its player and its actions.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"DecisionNode({Id}: player {Player} chooses {string.Join(", ", Actions.Select(a => a.Key))})";
}

/// <summary>A leaf with one payoff per player.</summary>
public sealed class TerminalNode : GameTreeNode
{
    internal TerminalNode(string id, IReadOnlyList<Rational> payoffs)
        : base(id) => Payoffs = payoffs;

    /// <summary>The payoffs, in player order.</summary>
    public IReadOnlyList<Rational> Payoffs { get; }
    /// <summary>A one-line summary: the node and its payoffs.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"TerminalNode({Id}: payoffs ({string.Join(", ", Payoffs)}))";
}

/// <summary>A finite game of perfect information (docs/finite-games.md#two-player-games).</summary>
public sealed class GameTree
{
    internal GameTree(IReadOnlyList<string> players, GameTreeNode root)
    {
        Players = players;
        Root = root;
    }

    /// <summary>The players' names.</summary>
    public IReadOnlyList<string> Players { get; }

    /// <summary>The root.</summary>
    public GameTreeNode Root { get; }

    /// <summary>A builder-style factory: a leaf.</summary>
    /// <param name="payoffs">One payoff per player.</param>
    public static TreeSpec Leaf(params Rational[] payoffs) => new(null, payoffs, null);

    /// <summary>A builder-style factory: a decision of <paramref name="player"/> (index) among named subtrees.</summary>
    /// <param name="player">The player's index.</param>
    /// <param name="actions">Action names and subtrees, in order.</param>
    public static TreeSpec Decision(int player, params (string Action, TreeSpec Child)[] actions) => new(player, null, actions);

    /// <summary>Creates and validates a tree.</summary>
    /// <param name="players">At least one player name.</param>
    /// <param name="root">The tree's root specification.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A node's player is out of range, a decision has no actions or repeats one, or a leaf
    /// has the wrong number of payoffs; the message names the node by its path.</exception>
    public static GameTree Create(IReadOnlyList<string> players, TreeSpec root)
    {
        Preconditions.CheckNotNull(players);
        Preconditions.CheckNotNull(root);
        if (players.Count == 0)
        {
            Preconditions.ThrowArgument(nameof(players), "players is empty; a game needs at least one player.");
        }
        return new GameTree(players.ToArray(), Build(root, "root", players.Count));
    }

    private static GameTreeNode Build(TreeSpec spec, string id, int players)
    {
        if (spec.Payoffs is { } payoffs)
        {
            if (payoffs.Count != players)
            {
                Preconditions.ThrowArgument("root", $"{id}: the leaf has {payoffs.Count} payoffs, expected one for each of the {players} players.");
            }
            return new TerminalNode(id, payoffs.ToArray());
        }
        int player = spec.Player!.Value;
        if (player < 0 || player >= players)
        {
            Preconditions.ThrowArgument("root", $"{id}: player {player} does not exist; players are numbered 0 to {players - 1}.");
        }
        if (spec.Actions is null || spec.Actions.Count == 0)
        {
            Preconditions.ThrowArgument("root", $"{id}: a decision node needs at least one action.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var children = new List<KeyValuePair<string, GameTreeNode>>();
        foreach (var (action, child) in spec.Actions)
        {
            if (string.IsNullOrWhiteSpace(action) || !seen.Add(action))
            {
                Preconditions.ThrowArgument("root", $"{id}: action \"{action}\" is empty or repeated.");
            }
            children.Add(new(action, Build(child, $"{id}/{action}", players)));
        }
        return new DecisionNode(id, player, children);
    }
    /// <summary>A one-line summary: the players and the root.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"GameTree(players {string.Join(", ", Players)}; root {Root.Id})";
}

/// <summary>A tree under construction (see <see cref="GameTree.Leaf"/> and <see cref="GameTree.Decision"/>).</summary>
/// <param name="Player">The moving player (decision nodes).</param>
/// <param name="Payoffs">The payoffs (leaves).</param>
/// <param name="Actions">The named subtrees (decision nodes).</param>
public sealed record TreeSpec(int? Player, IReadOnlyList<Rational>? Payoffs, IReadOnlyList<(string Action, TreeSpec Child)>? Actions);

/// <summary>A subgame-perfect equilibrium: an action at every decision node, the path it induces, and the payoffs.</summary>
/// <param name="Strategy">Node path → chosen action, for every decision node (on and off the path).</param>
/// <param name="Path">The actions played from the root.</param>
/// <param name="Payoffs">The payoffs at the end of the path.</param>
public sealed record SubgamePerfectEquilibrium(IReadOnlyDictionary<string, string> Strategy, IReadOnlyList<string> Path, IReadOnlyList<Rational> Payoffs);

/// <summary>
/// Backward induction (docs/finite-games.md#two-player-games): every subgame-perfect equilibrium, including all of them when a player is indifferent
/// (ties at a node can change the values above it, so each combination of the children's equilibria is followed).
/// </summary>
public static class BackwardInduction
{
    /// <summary>All subgame-perfect equilibria, in the order of the declared actions.</summary>
    /// <param name="tree">The tree.</param>
    /// <param name="maxEquilibria">A cap on how many are built (ties multiply them).</param>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    /// <exception cref="InvalidOperationException">There are more than <paramref name="maxEquilibria"/>.</exception>
    public static IReadOnlyList<SubgamePerfectEquilibrium> Solve(GameTree tree, int maxEquilibria = 100_000)
    {
        Preconditions.CheckNotNull(tree);
        var partials = Solve(tree.Root, maxEquilibria);
        return partials.Select(p =>
        {
            var path = new List<string>();
            var node = tree.Root;
            while (node is DecisionNode d)
            {
                string action = p.Strategy[d.Id];
                path.Add(action);
                node = d.Actions.First(a => a.Key == action).Value;
            }
            return new SubgamePerfectEquilibrium(p.Strategy, path, p.Payoffs);
        }).ToList();
    }

    private sealed record Partial(Dictionary<string, string> Strategy, IReadOnlyList<Rational> Payoffs);

    private static List<Partial> Solve(GameTreeNode node, int cap)
    {
        if (node is TerminalNode leaf)
        {
            return [new Partial([], leaf.Payoffs)];
        }
        var decision = (DecisionNode)node;
        var children = decision.Actions.Select(a => Solve(a.Value, cap)).ToList();
        var result = new List<Partial>();
        var choice = new int[children.Count];
        while (true)
        {
            // One equilibrium of every child subgame; the mover picks every best child.
            var best = children.Select((c, i) => c[choice[i]].Payoffs[decision.Player]).Aggregate(Rational.Max);
            for (int a = 0; a < children.Count; a++)
            {
                var chosen = children[a][choice[a]];
                if (chosen.Payoffs[decision.Player] != best)
                {
                    continue;
                }
                var strategy = new Dictionary<string, string>(StringComparer.Ordinal) { [decision.Id] = decision.Actions[a].Key };
                for (int c = 0; c < children.Count; c++)
                {
                    foreach (var (k, v) in children[c][choice[c]].Strategy)
                    {
                        strategy[k] = v;
                    }
                }
                result.Add(new Partial(strategy, chosen.Payoffs));
                if (result.Count > cap)
                {
                    throw new InvalidOperationException($"more than {cap} subgame-perfect equilibria: too many ties to list them all.");
                }
            }
            int digit = children.Count - 1;
            while (digit >= 0 && ++choice[digit] == children[digit].Count)
            {
                choice[digit] = 0;
                digit--;
            }
            if (digit < 0)
            {
                return result;
            }
        }
    }
}

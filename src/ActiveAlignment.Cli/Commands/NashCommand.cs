using System.CommandLine;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment nash GAME [--json]</c>: every equilibrium of a bimatrix game, or every subgame-perfect equilibrium of a tree.</summary>
internal static class NashCommand
{
    public static Command Create(CommandContext context)
    {
        var game = new Argument<string>("GAME") { Description = "A bimatrix or game-tree file (\"type\": \"bimatrix\" or \"tree\"), or - for standard input." };
        var json = CommandContext.JsonOption();
        var command = new Command("nash",
            "Equilibria of two-player games, exact: every pure and every extreme mixed Nash equilibrium of a bimatrix game (support " +
            "enumeration, degeneracy detected, each verified in rational arithmetic; the value when it is zero-sum), or every " +
            "subgame-perfect equilibrium of a perfect-information tree (backward induction).\n\nExample: active-alignment nash chicken.json --json")
        {
            game, json,
        };
        command.SetAction(parse =>
        {
            string text = GameInput.ReadText(parse.GetValue(game)!, context.Console, out string label);
            var file = TwoPlayerGameJson.Read(text, label);
            bool asJson = parse.GetValue(json);
            if (file.Bimatrix is { } bimatrix)
            {
                var solution = BimatrixSolver.Solve(bimatrix);
                context.Buffer.Write(asJson ? BimatrixJson(bimatrix, solution) : BimatrixTable(bimatrix, solution));
            }
            else
            {
                var spe = BackwardInduction.Solve(file.Tree!);
                context.Buffer.Write(asJson ? TreeJson(file.Tree!, spe) : TreeTable(file.Tree!, spe));
            }
            return 0;
        });
        return command;
    }

    private static void Strategy(Utf8JsonWriter w, string property, IReadOnlyList<string> actions, IReadOnlyList<Rational> strategy)
    {
        w.WriteStartObject(property);
        for (int i = 0; i < actions.Count; i++)
        {
            w.WriteString(actions[i], strategy[i].ToString());
        }
        w.WriteEndObject();
    }

    private static string BimatrixJson(BimatrixGame g, BimatrixSolution s) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "bimatrix");
        w.WriteNumber("count", s.Equilibria.Count);
        w.WriteBoolean("degenerate", s.Degenerate);
        w.WriteString("note", s.Note);
        w.WriteStartArray("equilibria");
        foreach (var e in s.Equilibria)
        {
            w.WriteStartObject();
            w.WriteBoolean("pure", e.IsPure);
            Strategy(w, g.Players[0], g.RowActions, e.RowStrategy);
            Strategy(w, g.Players[1], g.ColumnActions, e.ColumnStrategy);
            w.WriteStartObject("payoffs");
            w.WriteString(g.Players[0], e.RowPayoff.ToString());
            w.WriteString(g.Players[1], e.ColumnPayoff.ToString());
            w.WriteEndObject();
            w.WriteBoolean("verified", e.Verified);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (g.IsZeroSum)
        {
            var z = ZeroSumGame.Solve(g.RowPayoffs);
            w.WriteStartObject("zeroSum");
            w.WriteString("value", z.Value.ToString());
            Strategy(w, g.Players[0], g.RowActions, z.RowStrategy);
            Strategy(w, g.Players[1], g.ColumnActions, z.ColumnStrategy);
            w.WriteBoolean("verified", z.Verified);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    private static string Mix(IReadOnlyList<string> actions, IReadOnlyList<Rational> strategy)
        => string.Join(", ", actions.Select((a, i) => (a, strategy[i])).Where(p => !p.Item2.IsZero).Select(p => p.Item2 == Rational.One ? p.a : $"{p.a} {p.Item2}"));

    private static string BimatrixTable(BimatrixGame g, BimatrixSolution s)
    {
        var sb = new StringBuilder();
        sb.Append($"{s.Equilibria.Count} Nash equilibri{(s.Equilibria.Count == 1 ? "um" : "a")} ({s.Note})\n\n");
        var rows = s.Equilibria.Select((e, i) => (IReadOnlyList<string>)
            [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), e.IsPure ? "pure" : "mixed", Mix(g.RowActions, e.RowStrategy), Mix(g.ColumnActions, e.ColumnStrategy), $"({e.RowPayoff}, {e.ColumnPayoff})"]);
        sb.Append(Format.Table(["#", "kind", g.Players[0], g.Players[1], "payoffs"], rows));
        if (g.IsZeroSum)
        {
            sb.Append($"\nzero-sum: value {ZeroSumGame.Solve(g.RowPayoffs).Value} for {g.Players[0]}\n");
        }
        return sb.ToString();
    }

    private static string TreeJson(GameTree tree, IReadOnlyList<SubgamePerfectEquilibrium> spe) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.WriteString("type", "tree");
        w.WriteNumber("count", spe.Count);
        w.WriteStartArray("equilibria");
        foreach (var e in spe)
        {
            w.WriteStartObject();
            w.WriteStartObject("strategy");
            foreach (var (node, action) in e.Strategy.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(node, action);
            }
            w.WriteEndObject();
            w.StringArray("path", e.Path);
            w.WriteStartObject("payoffs");
            for (int p = 0; p < tree.Players.Count; p++)
            {
                w.WriteString(tree.Players[p], e.Payoffs[p].ToString());
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    private static string TreeTable(GameTree tree, IReadOnlyList<SubgamePerfectEquilibrium> spe)
    {
        var sb = new StringBuilder();
        sb.Append($"{spe.Count} subgame-perfect equilibri{(spe.Count == 1 ? "um" : "a")}\n");
        for (int i = 0; i < spe.Count; i++)
        {
            var e = spe[i];
            sb.Append($"\n{i + 1}. path {string.Join(" → ", e.Path)}; payoffs ({string.Join(", ", e.Payoffs)})\n");
            foreach (var (node, action) in e.Strategy.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                sb.Append($"   at {node}: {action}\n");
            }
        }
        return sb.ToString();
    }
}

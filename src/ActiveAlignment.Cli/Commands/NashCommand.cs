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
        var game = new Argument<string>("GAME") { Description = "A bimatrix or game-tree file (JSON with \"type\": \"bimatrix\" or \"tree\"), a two-player Gambit strategic-form file (.nfg), a Gambit extensive-form file of perfect information (.efg), or an lrsnash input file (m n, then the two matrices); - for standard input." };
        var exportNfg = new Option<string?>("--export-nfg")
        {
            Description = "Also write the bimatrix game as a Gambit strategic-form file (.nfg, exact rationals) that Gambit opens.",
            HelpName = "FILE",
        };
        var json = CommandContext.JsonOption();
        var budget = new Option<int>("--max-equilibria")
        {
            Description = "Work budget: the most extreme equilibria, maximal Nash subsets, degenerate vertices held for matching, or subgame-perfect equilibria; beyond it the command stops with exit code 2 (the vertex walk itself holds one dictionary and is bounded by --max-work).",
            DefaultValueFactory = _ => BimatrixSolver.DefaultBudget,
        };
        var workBound = new Option<string>("--max-work")
        {
            Description = "Work bound of the exact vertex enumeration, in word operations of about 3 ns each (long payoffs make exact arithmetic slow before the vertex count is large); beyond it the command stops with exit code 2.",
            DefaultValueFactory = _ => "5e10",
            HelpName = "OPS",
        };
        var command = new Command("nash",
            "Equilibria of two-player games, exact: every extreme Nash equilibrium of a bimatrix game, degenerate or not, and the " +
            "maximal Nash subsets and components they form (vertex enumeration of the best-response polytopes in integer " +
            "arithmetic; each equilibrium verified in rationals; the value when it is zero-sum), or every subgame-perfect " +
            "equilibrium of a perfect-information tree (backward induction). See docs/finite-games.md#bimatrix-games." +
            "\n\nExample: active-alignment nash samples/games/chicken.json --json")
        {
            game, json, budget, workBound, exportNfg,
        };
        command.SetAction(parse =>
        {
            string text = GameInput.ReadText(parse.GetValue(game)!, context.Console, out string label);
            var file = GambitNfg.LooksLikeNfg(text) ? new TwoPlayerGameFile(GambitNfg.Read(text, label), null)
                : GambitEfg.LooksLikeEfg(text) ? new TwoPlayerGameFile(null, GambitEfg.Read(text, label))
                : GambitNfg.LooksLikeLrs(text) ? new TwoPlayerGameFile(GambitNfg.ReadLrs(text, label), null)
                : TwoPlayerGameJson.Read(text, label);
            if (parse.GetValue(exportNfg) is { } nfgPath)
            {
                if (file.Bimatrix is not { } toExport)
                {
                    throw new CliException("--export-nfg: only a bimatrix game can be written as a strategic-form (.nfg) file.");
                }
                AtomicFile.Check(nfgPath, "--export-nfg");
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(GambitNfg.Write(toExport, label));
                AtomicFile.Write(context, nfgPath, "--export-nfg", stream => stream.Write(bytes));
            }
            bool asJson = parse.GetValue(json);
            int limit = parse.GetValue(budget);
            if (limit < 1)
            {
                throw new CliException($"--max-equilibria {limit}: the budget must be at least 1.");
            }
            string workText = parse.GetValue(workBound)!;
            if (!double.TryParse(workText, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double work)
                || !(work >= 1 && work <= 9.2e18))
            {
                throw new CliException($"--max-work {Format.Visible(workText)}: give a number of word operations in [1, 9.2e18], e.g. 5e10 (the default, about 2 to 3 minutes of one core).");
            }
            if (file.Bimatrix is { } bimatrix)
            {
                var solution = BimatrixSolver.Solve(bimatrix, limit, (long)work);
                if (solution.Status == BimatrixStatus.BudgetExceeded)
                {
                    throw new CliException($"{label}: {solution.Message}.");
                }
                context.Buffer.Write(asJson ? BimatrixJson(bimatrix, solution) : BimatrixTable(bimatrix, solution));
            }
            else
            {
                IReadOnlyList<SubgamePerfectEquilibrium> spe;
                try
                {
                    spe = BackwardInduction.Solve(file.Tree!, limit);
                }
                catch (InvalidOperationException e)
                {
                    throw new CliException($"{label}: {e.Message} Raise --max-equilibria (now {limit}) to list them.");
                }
                context.Buffer.Write(asJson ? TreeJson(file.Tree!, spe) : TreeTable(file.Tree!, spe));
            }
            return 0;
        });
        return command;
    }

    private static void Strategy(Utf8JsonWriter w, string? property, IReadOnlyList<string> actions, IReadOnlyList<Rational> strategy)
    {
        if (property is null)
        {
            w.WriteStartObject();
        }
        else
        {
            w.WriteStartObject(property);
        }
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
        w.WriteString("status", Format.Camel(s.Status.ToString()));
        w.WriteNumber("count", s.Equilibria.Count);
        w.WriteBoolean("degenerate", s.Degenerate);
        w.WriteBoolean("certified", s.IsCertified);
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
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("components");
        foreach (var component in s.Components)
        {
            w.WriteStartObject();
            w.WriteStartArray("maximalSubsets");
            foreach (var subset in component.Subsets)
            {
                w.WriteStartObject();
                w.WriteStartArray(g.Players[0]);
                foreach (int r in subset.RowStrategies)
                {
                    Strategy(w, null, g.RowActions, s.RowStrategies[r]);
                }
                w.WriteEndArray();
                w.WriteStartArray(g.Players[1]);
                foreach (int c in subset.ColumnStrategies)
                {
                    Strategy(w, null, g.ColumnActions, s.ColumnStrategies[c]);
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (g.IsZeroSum)
        {
            var z = ZeroSumGame.Solve(g.RowPayoffs.ToArray());
            w.WriteStartObject("zeroSum");
            w.WriteString("value", z.Value.ToString());
            Strategy(w, g.Players[0], g.RowActions, z.RowStrategy);
            Strategy(w, g.Players[1], g.ColumnActions, z.ColumnStrategy);
            w.WriteBoolean("certified", z.IsCertified);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    private static string Mix(IReadOnlyList<string> actions, IReadOnlyList<Rational> strategy)
        => string.Join(", ", actions.Select((a, i) => (a, strategy[i])).Where(p => !p.Item2.IsZero).Select(p => p.Item2 == Rational.One ? p.a : $"{p.a} {p.Item2}"));

    private static string BimatrixTable(BimatrixGame g, BimatrixSolution s)
    {
        var sb = new StringBuilder();
        int count = s.Equilibria.Count;
        string what = $"{count} extreme Nash equilibri{(count == 1 ? "um" : "a")}";
        sb.Append(s.Degenerate
            ? $"{what} in {s.Components.Count} component{(s.Components.Count == 1 ? "" : "s")} (degenerate game: the components below are the whole set of equilibria)\n\n"
            : $"{what} (non-degenerate game: they are isolated and are every equilibrium)\n\n");
        var rows = s.Equilibria.Select((e, i) => (IReadOnlyList<string>)
            [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), e.IsPure ? "pure" : "mixed", Mix(g.RowActions, e.RowStrategy), Mix(g.ColumnActions, e.ColumnStrategy), $"({e.RowPayoff}, {e.ColumnPayoff})"]);
        sb.Append(Format.Table(["#", "kind", g.Players[0], g.Players[1], "payoffs"], rows));
        if (s.Degenerate)
        {
            sb.Append('\n');
            for (int c = 0; c < s.Components.Count; c++)
            {
                sb.Append($"component {c + 1}:\n");
                foreach (var subset in s.Components[c].Subsets)
                {
                    string Hull(IReadOnlyList<int> indices, IReadOnlyList<string> actions, IReadOnlyList<IReadOnlyList<Rational>> strategies)
                        => indices.Count == 1 ? $"({Mix(actions, strategies[indices[0]])})"
                            : $"conv{{{string.Join("; ", indices.Select(i => $"({Mix(actions, strategies[i])})"))}}}";
                    sb.Append($"  {Hull(subset.RowStrategies, g.RowActions, s.RowStrategies)} × {Hull(subset.ColumnStrategies, g.ColumnActions, s.ColumnStrategies)}\n");
                }
            }
        }
        if (!s.IsVerified)
        {
            sb.Append("\nNOT VERIFIED: an equilibrium failed the exact best-response check (please report this game).\n");
        }
        if (g.IsZeroSum)
        {
            sb.Append($"\nzero-sum: value {ZeroSumGame.Solve(g.RowPayoffs.ToArray()).Value} for {g.Players[0]}\n");
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

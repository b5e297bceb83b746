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
                context.Buffer.Write(asJson ? NashAnswer.BimatrixJson(bimatrix, solution) : NashAnswer.BimatrixTable(bimatrix, solution));
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
                context.Buffer.Write(asJson ? NashAnswer.TreeJson(file.Tree!, spe) : NashAnswer.TreeTable(file.Tree!, spe));
            }
            return 0;
        });
        return command;
    }
}

using System.CommandLine;
using System.Numerics;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Learning;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment equilibria GAME [--json] [--max-supports N]</c>: every equilibrium of a small game, exact.</summary>
internal static class EquilibriaCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var json = CommandContext.JsonOption();
        var threshold = CommandContext.ThresholdOption();
        var limit = new Option<long>("--max-supports")
        {
            Description = "Work bound: the most support profiles (multisets of N supports, C(2^K - 1 + N - 1, N)) to examine; a larger game stops with exit code 2 before any work.",
            DefaultValueFactory = _ => EquilibriumEnumerationOptions.DefaultMaxSupportProfiles,
            HelpName = "N",
        };
        var exact = new Option<bool>("--exact")
        {
            Description = "Also write every mixture as an exact rational string (\"exactProfile\", e.g. \"127/298\") in --json output.",
        };
        var requireCertified = CommandContext.RequireCertifiedOption();
        var command = new Command("equilibria",
            "Every Nash equilibrium of a small game, up to permutations of the identical agents, in exact rational arithmetic of the " +
            "file's decimal literals: each class with its multiplicity, representation, potential, stability (stable / unstable / " +
            "degenerate) and certificate; continua reported as continua. See docs/model.md#every-equilibrium." +
            "\n\nExample: active-alignment equilibria samples/specialising.json --json")
        {
            game, json, threshold, limit, exact, requireCertified,
        };
        command.SetAction(parse =>
        {
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            long bound = parse.GetValue(limit);
            if (bound < 1)
            {
                throw new CliException($"--max-supports {bound}: the bound must be at least 1.");
            }
            string path = parse.GetValue(game)!;
            var g = GameInput.ReadGame(path, context.Console, "equilibria");
            EquilibriumSet set;
            try
            {
                set = EquilibriumEnumeration.Enumerate(g, new EquilibriumEnumerationOptions { MaxSupportProfiles = bound, CancellationToken = context.Cancellation });
            }
            catch (EnumerationLimitException e)
            {
                throw new CliException($"{GameInput.Label(path)}: {e.Message}");
            }
            catch (ArgumentException e)
            {
                throw new CliException($"{GameInput.Label(path)}: {e.Message.Split(" (Parameter", 2)[0]}");
            }
            context.Buffer.Write(parse.GetValue(json) ? EquilibriaAnswer.Json(set, tau, parse.GetValue(exact)) : EquilibriaAnswer.Table(set, tau, path == "-" ? GameInput.StdinLabel : path));
            if (!set.IsComplete)
            {
                context.Console.Error.WriteLine($"equilibria: {set.UndecidedContinua} singular support system(s) could not be decided; the list is NOT complete.");
                return CliApp.InvalidInput;
            }
            int uncertified = set.Equilibria.Count(x => !x.IsCertified);
            return context.Certified(parse.GetValue(requireCertified), uncertified == 0, $"{uncertified} equilibrium classes");
        });
        return command;
    }
}

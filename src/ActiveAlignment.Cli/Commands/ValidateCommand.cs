using System.CommandLine;
using System.Text;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment validate GAME [--json]</c>: checks a game file and reports its structure without solving further.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var json = CommandContext.JsonOption();
        var command = new Command("validate",
            "Check a game file and report K, N, own concavity κ = λ_min(ZᵀCZ), the uniqueness conditions of docs/model.md#uniqueness and the " +
            "closed-form status, the stability of the homogeneous equilibrium and the line λ_D = slope·λ_C beyond which interior equilibria are unstable.\n\nExample: active-alignment validate samples/ideological.json")
        {
            game, json,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(game)!;
            var population = GameInput.ReadPopulation(path, context.Console);
            if (population.HomogeneousGame is not { } g)
            {
                context.Buffer.Write(ValidateAnswer.Population(population, path, parse.GetValue(json)));
                return 0;
            }
            context.Buffer.Write(ValidateAnswer.Game(g, path, parse.GetValue(json)));
            return 0;
        });
        return command;
    }
}

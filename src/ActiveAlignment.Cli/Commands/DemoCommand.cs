using System.CommandLine;
using ActiveAlignment.Equilibria;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment demo [--out DIR]</c>: solves two built-in games; needs nothing but the repository.</summary>
internal static class DemoCommand
{
    public static Command Create(CommandContext context)
    {
        var output = new Option<string>("--out")
        {
            Description = "Directory for the demo's figures (created if missing).",
            DefaultValueFactory = _ => "demo-output",
        };
        var command = new Command("demo",
            "Solve two built-in games with illustrative numbers (three ideological groups; five personality traits) and print both " +
            "equilibria.\n\nExample: active-alignment demo --out demo-output")
        {
            output,
        };
        command.SetAction(parse =>
        {
            var w = context.Buffer;
            w.Write("ActiveAlignment demo. The numbers below are ILLUSTRATIVE, chosen to show the model, not estimated from data.\n\n");
            var ideological = EquilibriumSolver.Solve(DemoGames.Ideological());
            w.Write(SolveCommand.Table(ideological, 0.01, "the ideological game (left, center, right)"));
            w.Write('\n');
            var personality = EquilibriumSolver.Solve(DemoGames.Personality());
            w.Write(SolveCommand.Table(personality, 0.01, "the personality game (five traits)"));
            return 0;
        });
        return command;
    }
}

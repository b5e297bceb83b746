using System.CommandLine;
using System.Text;
using ActiveAlignment.Estimation;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment infer GAME --observed NAME=W,NAME=W,... [--support-threshold T] [--json]</c>: which incentives make an
/// observed mixture an equilibrium (docs/estimation.md#inverse-equilibrium), exactly.
/// </summary>
internal static class InferCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var observed = new Option<string>("--observed") { Description = "The observed mixture NAME=W,NAME=W,... (unlisted groups weigh 0; weights sum to 1 within 1e-9). In a name write \\, \\= \\\\ for , = \\, or give a JSON object {\"NAME\": W, ...}.", Required = true, HelpName = "NAME=W,..." };
        var supportThreshold = new Option<string>("--support-threshold") { Description = "Groups with observed weight above this are the support.", DefaultValueFactory = _ => "1e-9", HelpName = "T" };
        var json = CommandContext.JsonOption();
        var command = new Command("infer",
            "Infer which incentives explain observed behaviour: every (λ_C, λ_D) with λ_A = 1 that makes the observed mixture a " +
            "homogeneous equilibrium of GAME (its coefficients are ignored), as an exact polygon; or, when there is none, the " +
            "coefficients that violate the equilibrium conditions least.\n\nExample: active-alignment infer samples/ideological.json " +
            "--observed left=0.45,center=0.4,right=0.15")
        {
            game, observed, supportThreshold, json,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(game)!;
            string text = GameInput.ReadText(path, context.Console, out string label);
            var pairs = NamedWeights.Parse("--observed", parse.GetValue(observed)!);
            string tauText = parse.GetValue(supportThreshold)!;
            if (!Rational.TryParse(tauText, out var tau) || tau.Sign < 0 || tau >= Rational.One)
            {
                throw new CliException($"--support-threshold {tauText}: give a decimal number in [0, 1), e.g. 1e-9.");
            }
            if (GameInput.IsEnsemble(text))
            {
                throw new CliException($"{label}: an ensemble; infer needs one game file (use the ensemble's point game, the --out file of estimate).");
            }
            InverseProblem problem;
            try
            {
                problem = InverseProblem.FromGameJson(text, pairs, label);
            }
            catch (ArgumentException e)
            {
                throw new CliException("--observed: " + e.Message.Split(" (Parameter", 2)[0]);
            }
            var result = InverseEquilibrium.Solve(problem, tau);
            context.Buffer.Write(parse.GetValue(json) ? InferAnswer.Json(result, problem) : InferAnswer.Table(result, problem, label));
            return 0;
        });
        return command;
    }
}

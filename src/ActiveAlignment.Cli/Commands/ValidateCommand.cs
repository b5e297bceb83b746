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
            var concavity = g.OwnConcavity;
            var uniqueness = UniquenessReport.For(g);
            var closedForm = ClosedFormSolver.Solve(g);
            var equilibrium = EquilibriumSolver.Solve(g);
            double? slope = Learning.Stability.InteriorBoundarySlope(g);
            if (parse.GetValue(json))
            {
                context.Buffer.Write(Format.Json(w =>
                {
                    w.WriteStartObject();
                    w.WriteBoolean("valid", true);
                    w.WriteNumber("subpopulations", g.Count);
                    w.WriteNumber("agents", g.Agents);
                    w.WriteNumber("kappa", concavity.Kappa);
                    w.WriteBoolean("ownConcave", concavity.IsConcave);
                    w.WriteBoolean("strictlyConcave", concavity.IsStrictlyConcave);
                    w.WriteBoolean("uniqueHomogeneous", uniqueness.HomogeneousUnique);
                    w.WriteBoolean("rosenCondition", uniqueness.RosenCondition);
                    w.WriteBoolean("uniqueEquilibrium", uniqueness.UniqueEquilibrium);
                    w.WriteString("closedForm", AnswerJson.ClosedFormName(closedForm.Status));
                    w.WriteNumber("reciprocalCondition", closedForm.ReciprocalCondition);
                    AnswerJson.WriteStability(w, equilibrium.Stability);
                    w.NullableNumber("stabilityBoundarySlope", slope);
                    w.WriteNumber("scale", g.Scale);
                    w.WriteEndObject();
                }));
                return 0;
            }
            var sb = new StringBuilder();
            sb.Append($"{path}: valid game\n");
            sb.Append($"  subpopulations K      {g.Count} ({string.Join(", ", g.Names)})\n");
            sb.Append($"  agents N              {g.Agents}\n");
            sb.Append($"  similarity            {(g.SimilarityGiven ? "given" : "identity (default)")}\n");
            sb.Append($"  κ = λ_min(ZᵀCZ)       {Format.Number(concavity.Kappa)}\n");
            sb.Append($"  own concavity         {(concavity.IsStrictlyConcave ? "strict (λ_C·κ > 0)" : concavity.IsConcave ? "holds, not strictly (λ_C·κ = 0)" : "FAILS (λ_C·κ < 0)")}\n");
            sb.Append($"  uniqueness            {uniqueness.Description}\n");
            sb.Append($"  closed form           {AnswerJson.ClosedFormName(closedForm.Status)} (reciprocal condition of ZᵀMZ {Format.Number(closedForm.ReciprocalCondition, 3)})\n");
            sb.Append($"  stability             {equilibrium.Stability} (of the homogeneous equilibrium, {AnswerJson.StatusName(equilibrium.Status)})\n");
            if (slope is double sl)
            {
                sb.Append($"  stability boundary    interior equilibria are stable for λ_D < {Format.Number(sl)}·λ_C (here λ_C = {Format.Number(g.Coefficients.Consistency)}: λ_D < {Format.Number(sl * g.Coefficients.Consistency)})\n");
            }
            context.Buffer.Write(sb.ToString());
            return 0;
        });
        return command;
    }
}

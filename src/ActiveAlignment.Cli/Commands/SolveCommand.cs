using System.CommandLine;
using System.Text;
using ActiveAlignment.Equilibria;

namespace ActiveAlignment.Cli.Commands;

/// <summary><c>active-alignment solve GAME [--threshold T] [--json]</c>: the homogeneous equilibrium with its certificate.</summary>
internal static class SolveCommand
{
    public static Command Create(CommandContext context)
    {
        var game = CommandContext.GameArgument();
        var threshold = CommandContext.ThresholdOption();
        var json = CommandContext.JsonOption();
        var command = new Command("solve",
            "Solve for the homogeneous Nash equilibrium (closed form, or projected gradient on the boundary) and print it with its " +
            "certificate: Nash gap, KKT residual, uniqueness conditions.\n\nExample: active-alignment solve game.json --threshold 0.05 --json")
        {
            game, threshold, json,
        };
        command.SetAction(parse =>
        {
            double tau = CommandContext.CheckThreshold(parse.GetValue(threshold));
            var g = GameInput.ReadGame(parse.GetValue(game)!, context.Console);
            var eq = EquilibriumSolver.Solve(g);
            context.Buffer.Write(parse.GetValue(json) ? Json(eq, tau) : Table(eq, tau, parse.GetValue(game)!));
            return 0;
        });
        return command;
    }

    public static string StatusName(EquilibriumStatus status) => Format.Camel(status.ToString());

    public static string Json(HomogeneousEquilibrium eq, double threshold) => Format.Json(w =>
    {
        var names = eq.Game.Names.ToList();
        w.WriteStartObject();
        w.WriteString("status", StatusName(eq.Status));
        w.WriteString("closedForm", Format.Camel(eq.ClosedForm.Status.ToString()));
        w.NamedVector("weights", names, eq.Weights);
        w.NumberOrNull("multiplier", eq.Multiplier);
        w.StringArray("support", eq.SupportNames);
        w.StringArray("excluded", eq.Excluded(threshold));
        w.WriteNumber("threshold", threshold);
        w.WriteNumber("nashGap", eq.NashGap);
        w.WriteBoolean("nashGapCertified", eq.NashGapCertified);
        w.WriteNumber("kktResidual", eq.KktResidual);
        w.WriteNumber("iterations", eq.Iterations);
        w.WriteBoolean("uniqueHomogeneous", eq.Uniqueness.HomogeneousUnique);
        w.WriteBoolean("uniqueEquilibrium", eq.Uniqueness.UniqueEquilibrium);
        w.WriteNumber("reciprocalCondition", eq.ClosedForm.ReciprocalCondition);
        w.WriteNumber("scale", eq.Game.Scale);
        w.WriteEndObject();
    });

    public static string Table(HomogeneousEquilibrium eq, double threshold, string label)
    {
        var sb = new StringBuilder();
        var game = eq.Game;
        sb.Append($"Homogeneous equilibrium of {label}: {Describe(eq.Status)} (closed form: {Format.Camel(eq.ClosedForm.Status.ToString())})\n");
        sb.Append($"K = {game.Count} subpopulations, N = {game.Agents} agents, λ = (attractiveness {Format.Number(game.Coefficients.Attractiveness)}, " +
            $"consistency {Format.Number(game.Coefficients.Consistency)}, diversity {Format.Number(game.Coefficients.Diversity)})\n\n");
        var excluded = eq.Excluded(threshold).ToHashSet();
        var rows = game.Subpopulations.Select((s, k) => (IReadOnlyList<string>)
            [s.Name, Format.Fixed(eq.Weights[k]), excluded.Contains(s.Name) ? "excluded" : "represented"]);
        sb.Append(Format.Table(["subpopulation", "weight", $"(τ = {Format.Number(threshold)})"], rows));
        sb.Append('\n');
        sb.Append($"multiplier ν        {Format.Number(eq.Multiplier, 10)}\n");
        sb.Append($"Nash gap            {Format.Number(eq.NashGap, 3)} ({(eq.NashGapCertified ? "certified" : "uncertified: own concavity fails and K > 12")}; tolerance {Format.Number(game.NashGapTolerance, 3)})\n");
        sb.Append($"KKT residual        {Format.Number(eq.KktResidual, 3)}\n");
        sb.Append($"iterations          {eq.Iterations}\n");
        sb.Append($"uniqueness          {eq.Uniqueness.Description}\n");
        sb.Append($"excluded (w < τ)    {(excluded.Count == 0 ? "none" : string.Join(", ", eq.Excluded(threshold)))}\n");
        return sb.ToString();
    }

    private static string Describe(EquilibriumStatus status) => status switch
    {
        EquilibriumStatus.Interior => "interior",
        EquilibriumStatus.Boundary => "boundary (some groups get exactly zero weight)",
        EquilibriumStatus.NotConcave => "NOT CONCAVE (own concavity fails: a stationary point, not a certified equilibrium)",
        _ => "NOT CONVERGED (the boundary solver could not verify a KKT point)",
    };
}

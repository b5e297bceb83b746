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
            context.Buffer.Write(parse.GetValue(json) ? Json(result, problem) : Table(result, problem, label));
            return 0;
        });
        return command;
    }


    private static string Num(Rational r) => Format.Number(r.ToDouble());

    private static string Table(InverseEquilibriumResult r, InverseProblem p, string label)
    {
        var sb = new StringBuilder();
        var support = string.Join(", ", r.Support.Select(k => p.Names[k]));
        sb.Append($"Incentives that make the observed mixture an equilibrium of {label} (λ_A = 1; support: {support})\n");
        if (p.Agents == 1)
        {
            sb.Append("N = 1: diversity has no effect, so λ_D is free.\n");
        }
        if (r.Feasible)
        {
            sb.Append(!r.Bounded ? "The set is unbounded; its vertices, in boundary order:\n\n"
                : r.Vertices.Count == 1 ? "The set is a single point:\n\n"
                : r.Vertices.Count == 2 ? "The set is the segment between:\n\n"
                : "The set is a polygon with vertices, in counter-clockwise order:\n\n");
            sb.Append(Format.Table(["λ_C", "λ_D", "exact λ_C", "exact λ_D"],
                r.Vertices.Select(v => (IReadOnlyList<string>)[Num(v.Consistency), Num(v.Diversity), v.Consistency.ToString(), v.Diversity.ToString()])));
            foreach (var ray in r.Rays)
            {
                sb.Append($"  extends to infinity along (λ_C, λ_D) direction ({ray.Consistency}, {ray.Diversity})\n");
            }
        }
        else
        {
            var lv = r.LeastViolation!.Value;
            sb.Append("No coefficients make it an equilibrium. The least violation of the equilibrium conditions is\n");
            sb.Append($"  {Num(r.Residual)} (exact {r.Residual}) at λ_C = {Num(lv.Consistency)}, λ_D = {Num(lv.Diversity)}, ν = {Num(r.Multiplier!.Value)}\n");
        }
        return sb.ToString();
    }

    private static void Point(System.Text.Json.Utf8JsonWriter w, CoefficientPoint v)
    {
        w.WriteStartObject();
        w.WriteNumber("attractiveness", 1);
        w.WriteNumber("consistency", v.Consistency.ToDouble());
        w.WriteNumber("diversity", v.Diversity.ToDouble());
        w.WriteString("consistencyExact", v.Consistency.ToString());
        w.WriteString("diversityExact", v.Diversity.ToString());
        w.WriteEndObject();
    }

    private static string Json(InverseEquilibriumResult r, InverseProblem p) => Format.Json(w =>
    {
        w.WriteStartObject();
        w.WriteBoolean("feasible", r.Feasible);
        w.StringArray("support", r.Support.Select(k => p.Names[k]));
        w.WriteStartArray("vertices");
        foreach (var v in r.Vertices)
        {
            Point(w, v);
        }
        w.WriteEndArray();
        w.WriteStartArray("rays");
        foreach (var v in r.Rays)
        {
            Point(w, v);
        }
        w.WriteEndArray();
        w.WriteBoolean("bounded", r.Bounded);
        if (r.LeastViolation is { } lv)
        {
            w.WritePropertyName("leastViolation");
            Point(w, lv);
            w.WriteNumber("multiplier", r.Multiplier!.Value.ToDouble());
            w.WriteString("multiplierExact", r.Multiplier!.Value.ToString());
        }
        else
        {
            w.WriteNull("leastViolation");
        }
        w.WriteNumber("residual", r.Residual.ToDouble());
        w.WriteString("residualExact", r.Residual.ToString());
        w.WriteEndObject();
    });
}

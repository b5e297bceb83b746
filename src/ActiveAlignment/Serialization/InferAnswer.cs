using System.Globalization;
using System.Text;
using ActiveAlignment.Estimation;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of a command, written by the library (the tool only prints them).</summary>
internal static class InferAnswer
{
    internal static string Json(InverseEquilibriumResult r, InverseProblem p) => Format.Json(w =>
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

    internal static string Num(Rational r) => Format.Number(r.ToDouble());

    internal static string Table(InverseEquilibriumResult r, InverseProblem p, string label)
    {
        var sb = new StringBuilder();
        var support = string.Join(", ", r.Support.Select(k => p.Names[k]));
        sb.Append(CultureInfo.InvariantCulture, $"Incentives that make the observed mixture an equilibrium of {label} (λ_A = 1; support: {support})\n");
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
                sb.Append(CultureInfo.InvariantCulture, $"  extends to infinity along (λ_C, λ_D) direction ({ray.Consistency}, {ray.Diversity})\n");
            }
        }
        else
        {
            var lv = r.LeastViolation!.Value;
            sb.Append("No coefficients make it an equilibrium. The least violation of the equilibrium conditions is\n");
            sb.Append(CultureInfo.InvariantCulture, $"  {Num(r.Residual)} (exact {r.Residual}) at λ_C = {Num(lv.Consistency)}, λ_D = {Num(lv.Diversity)}, ν = {Num(r.Multiplier!.Value)}\n");
        }
        return sb.ToString();
    }

    internal static void Point(System.Text.Json.Utf8JsonWriter w, CoefficientPoint v)
    {
        w.WriteStartObject();
        w.WriteNumber("attractiveness", 1);
        w.WriteNumber("consistency", v.Consistency.ToDouble());
        w.WriteNumber("diversity", v.Diversity.ToDouble());
        w.WriteString("consistencyExact", v.Consistency.ToString());
        w.WriteString("diversityExact", v.Diversity.ToString());
        w.WriteEndObject();
    }
}

using System.Globalization;
using System.Text;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of a command, written by the library (the tool only prints them).</summary>
internal static class ValidateAnswer
{
    /// <summary>The answer of <c>validate</c> for one homogeneous game: its concavity, uniqueness, closed form and stability.</summary>
    internal static string Game(AlignmentGame g, string path, bool json)
    {
        var concavity = g.OwnConcavity;
        // The solve already holds the closed form and the uniqueness report (the same objects the library computes alone).
        var equilibrium = EquilibriumSolver.Solve(g);
        var uniqueness = equilibrium.Uniqueness;
        var closedForm = equilibrium.ClosedForm;
        double? slope = Learning.Stability.InteriorBoundarySlope(g);
        if (json)
        {
            return Format.Json(w =>
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
            });
        }
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{path}: valid game\n");
        sb.Append(CultureInfo.InvariantCulture, $"  subpopulations K      {g.Count} ({string.Join(", ", g.Names)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"  agents N              {g.Agents}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  similarity            {(g.SimilarityGiven ? "given" : "identity (default)")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  κ = λ_min(ZᵀCZ)       {Format.Number(concavity.Kappa)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  own concavity         {(concavity.IsStrictlyConcave ? "strict (λ_C·κ > 0)" : concavity.IsConcave ? "holds, not strictly (λ_C·κ = 0)" : "FAILS (λ_C·κ < 0)")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  uniqueness            {uniqueness.Description}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  closed form           {AnswerJson.ClosedFormName(closedForm.Status)} (reciprocal condition of ZᵀMZ {Format.Number(closedForm.ReciprocalCondition, 3)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"  stability             {equilibrium.Stability} (of the homogeneous equilibrium, {AnswerJson.StatusName(equilibrium.Status)})\n");
        if (slope is double sl)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  stability boundary    interior equilibria are stable for λ_D < {Format.Number(sl)}·λ_C (here λ_C = {Format.Number(g.Coefficients.Consistency)}: λ_D < {Format.Number(sl * g.Coefficients.Consistency)})\n");
        }
        return sb.ToString();
    }

    internal static string Population(PopulationGame p, string path, bool json)
    {
        var closedForm = PopulationSolver.ClosedForm(p);
        var uniqueness = PopulationUniqueness.For(p);
        if (json)
        {
            return Format.Json(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("valid", true);
                w.WriteNumber("subpopulations", p.Count);
                w.WriteNumber("agents", p.Agents);
                w.WriteStartArray("classes");
                foreach (var c in p.Classes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", c.Name);
                    w.WriteNumber("count", c.Count);
                    w.WriteNumber("kappa", c.OwnConcavity.Kappa);
                    w.WriteBoolean("ownConcave", c.OwnConcavity.IsConcave);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteBoolean("uniqueEquilibrium", uniqueness.UniqueEquilibrium);
                w.WriteString("closedForm", AnswerJson.ClosedFormName(closedForm.Status));
                w.WriteEndObject();
            });
        }
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{path}: valid population\n");
        sb.Append(CultureInfo.InvariantCulture, $"  subpopulations K      {p.Count} ({string.Join(", ", p.Names)})\n");
        sb.Append(CultureInfo.InvariantCulture, $"  agents N              {p.Agents} in {p.Classes.Count} classes\n");
        foreach (var c in p.Classes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  class {c.Name} (×{c.Count})  κ = {Format.Number(c.OwnConcavity.Kappa)}, own concavity {(c.OwnConcavity.IsConcave ? "holds" : "FAILS")}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"  uniqueness            {(uniqueness.UniqueEquilibrium ? "unique (sufficient condition holds)" : "not known to be unique")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  closed form           {AnswerJson.ClosedFormName(closedForm.Status)}\n");
        return sb.ToString();
    }
}

using System.Globalization;
using System.Text;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of a command, written by the library (the tool only prints them).</summary>
internal static class ValidateAnswer
{
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

using System.Globalization;
using System.Text;
using ActiveAlignment.Steering;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of steering (<c>active-alignment steer</c>): the diversity and subsidies that restore representation, sensitivities, and their bootstrap intervals. Written by the library; the tool only prints them.</summary>
internal static class SteerAnswer
{
    internal static string UncertaintyTable(Estimation.DiversityUncertainty u)
    {
        string level = Format.Number(100 * u.Confidence, 4) + "%";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Over {u.Replicates} bootstrap replicates ({level} percentile intervals; unreachable counts as ∞):\n");
        sb.Append(CultureInfo.InvariantCulture, $"  minimum diversity         {(u.Point.Value is double v ? Format.Number(v) : "unreachable")} {IntervalFormat.Text(u.Interval)}" +
            $"{(u.Unreachable > 0 ? $", unreachable in {u.Unreachable} replicates" : "")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  robust minimum diversity  {(u.Robust is double r ? Format.Number(r) : "none")}: {u.RobustReason}\n");
        return sb.ToString();
    }

    internal static void UncertaintyJson(System.Text.Json.Utf8JsonWriter w, Estimation.DiversityUncertainty u)
    {
        w.WriteStartObject();
        w.WriteNumber("confidence", u.Confidence);
        w.WriteNumber("replicates", u.Replicates);
        w.WriteStartObject("minimumDiversity");
        w.Interval(u.Point.Value, u.Interval);
        w.WriteNumber("unreachableReplicates", u.Unreachable);
        w.WriteEndObject();
        w.NullableNumber("robustMinimumDiversity", u.Robust);
        w.WriteString("robustMinimumDiversityReason", u.RobustReason);
        w.WriteEndObject();
    }

    internal static void Subsidy(System.Text.Json.Utf8JsonWriter w, string property, IReadOnlyList<string> names, SubsidyResult s)
    {
        if (s.Exists)
        {
            w.NamedVector(property, names, s.Delta!);
            w.NamedVector(property + "Weights", names, s.Weights!);
        }
        else
        {
            w.WriteNull(property);
            w.WriteString(property + "Reason", s.Reason);
        }
    }

    internal static string Json(SteeringReport r) => Format.Json(w =>
    {
        var names = r.Equilibrium.Game.Names.ToList();
        w.WriteStartObject();
        w.WriteString("status", AnswerJson.StatusName(r.Equilibrium.Status));
        w.NamedVector("weights", names, r.Equilibrium.Weights);
        w.WriteNumber("threshold", r.Threshold);
        if (r.Sensitivity.IsDefined)
        {
            w.WriteStartObject("sensitivity");
            w.NamedVector("attractiveness", names, r.Sensitivity.Attractiveness!);
            w.NamedVector("consistency", names, r.Sensitivity.Consistency!);
            w.NamedVector("diversity", names, r.Sensitivity.Diversity!);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("sensitivity");
        }
        w.WriteString("sensitivityReason", r.Sensitivity.Reason ?? "defined at the interior equilibrium");
        Subsidy(w, "subsidyToFloor", names, r.SubsidyToFloor);
        if (r.SubsidyToTarget is null)
        {
            w.WriteNull("subsidyToTarget");
        }
        else
        {
            Subsidy(w, "subsidyToTarget", names, r.SubsidyToTarget);
        }
        if (r.MinimumDiversity.Value is double d)
        {
            w.WriteNumber("minimumDiversity", d);
        }
        else
        {
            w.WriteNull("minimumDiversity");
        }
        w.WriteString("minimumDiversityReason", r.MinimumDiversity.Reason);
        w.WriteStartArray("minimumDiversityIntervals");
        foreach (var (from, to) in r.MinimumDiversity.Intervals)
        {
            w.WriteStartArray();
            w.WriteNumberValue(from);
            w.WriteNumberValue(to);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        AnswerJson.WriteStability(w, r.Stability.Today);
        w.NullableNumber("stableUpTo", r.Stability.StableUpTo);
        w.WriteString("stableUpToReason", r.Stability.Reason);
        if (r.MinimumDiversityStability is { } ms)
        {
            AnswerJson.WriteStability(w, ms, "minimumDiversityStability");
            w.WriteBoolean("minimumDiversityStable", ms.IsStable);
        }
        else
        {
            w.WriteNull("minimumDiversityStability");
            w.WriteNull("minimumDiversityStable");
        }
        w.WriteStartArray("stableAtMinimumDiversity");
        foreach (var alt in r.StableAtMinimumDiversity)
        {
            w.WriteStartObject();
            EquilibriaAnswer.Profile(w, "profile", names, alt.Profile);
            w.NamedVector("representation", names, alt.Representation);
            w.StringArray("excluded", names.Where((_, j) => alt.Representation[j] < r.Threshold));
            if (alt.Multiplicity is { } mult)
            {
                EquilibriaAnswer.WriteBig(w, "multiplicity", mult);
            }
            w.NullableNumber("share", alt.Share);
            w.WriteString("source", alt.Source);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    });

    internal static string Table(SteeringReport r)
    {
        var game = r.Equilibrium.Game;
        var sb = new StringBuilder();
        string tau = Format.Number(r.Threshold);
        sb.Append(CultureInfo.InvariantCulture, $"Steering the equilibrium (status {AnswerJson.StatusName(r.Equilibrium.Status)}), threshold τ = {tau}\n\n");
        var rows = game.Subpopulations.Select((s, k) => (IReadOnlyList<string>)
        [
            s.Name, Format.Fixed(r.Equilibrium.Weights[k]),
            r.Sensitivity.IsDefined ? Format.Fixed(r.Sensitivity.Attractiveness![k]) : "-",
            r.Sensitivity.IsDefined ? Format.Fixed(r.Sensitivity.Consistency![k]) : "-",
            r.Sensitivity.IsDefined ? Format.Fixed(r.Sensitivity.Diversity![k]) : "-",
            r.SubsidyToFloor.Exists ? Format.Fixed(r.SubsidyToFloor.Delta![k]) : "-",
        ]);
        sb.Append(Format.Table(["group", "weight", "∂w/∂λ_A", "∂w/∂λ_C", "∂w/∂λ_D", $"subsidy to ≥ {tau}"], rows));
        sb.Append('\n');
        sb.Append(r.Sensitivity.IsDefined
            ? "sensitivity: each column is how much a group's weight moves per unit increase of that coefficient\n"
            : $"sensitivity: undefined: {r.Sensitivity.Reason}\n");
        if (r.SubsidyToFloor.Exists)
        {
            var low = game.Subpopulations.Select((s, k) => (s.Name, r.Equilibrium.Weights[k])).Where(p => p.Item2 < r.Threshold).Select(p => p.Name).ToList();
            sb.Append(r.SubsidyToFloor.Norm == 0
                ? $"subsidy to floor: none needed; every group already has weight at least {tau}\n"
                : $"subsidy to floor: shifting attractiveness by the column above (budget-neutral, norm {Format.Number(r.SubsidyToFloor.Norm!.Value, 4)}) brings every group to at least {tau}" +
                  (low.Count > 0 ? $" (today below: {string.Join(", ", low)})\n" : "\n"));
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"subsidy to floor: none: {r.SubsidyToFloor.Reason}\n");
        }
        if (r.SubsidyToTarget is { } target)
        {
            sb.Append(target.Exists
                ? $"subsidy to target: δ = ({string.Join(", ", game.Names.Zip(target.Delta!, (n, d) => $"{n} {Format.Fixed(d)}"))}) reaches the target (norm {Format.Number(target.Norm!.Value, 4)})\n"
                : $"subsidy to target: none: {target.Reason}\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"minimum diversity: {r.MinimumDiversity.Reason}\n");
        sb.Append(CultureInfo.InvariantCulture, $"stability today: {r.Stability.Today}; {r.Stability.Today.Description}\n");
        sb.Append(CultureInfo.InvariantCulture, $"stable up to: {(r.Stability.StableUpTo is double up ? "λ_D = " + Format.Number(up) : "every λ_D (unbounded)")}: {r.Stability.Reason}\n");
        if (r.MinimumDiversityStability is { } ms)
        {
            sb.Append(ms.IsStable
                ? $"at the minimum diversity the homogeneous equilibrium is stable ({ms}): learning agents stay there\n"
                : $"at the minimum diversity the homogeneous equilibrium is {ms.Label.ToString().ToUpperInvariant()} ({ms}): representing every group needs a λ_D " +
                  "where learning agents would not stay; they go to " + (r.StableAtMinimumDiversity.Count == 0
                      ? "no stable equilibrium that was found\n"
                      : $"{r.StableAtMinimumDiversity.Count} stable equilibri{(r.StableAtMinimumDiversity.Count == 1 ? "um" : "a")} ({r.StableAtMinimumDiversity[0].Source}):\n"));
            foreach (var alt in r.StableAtMinimumDiversity)
            {
                var excluded = game.Names.Where((_, j) => alt.Representation[j] < r.Threshold).ToList();
                sb.Append(CultureInfo.InvariantCulture, $"  representation {string.Join(", ", game.Names.Select((n, j) => $"{n} {Format.Fixed(alt.Representation[j], 4)}"))}" +
                    $"{(alt.Share is double share ? $" ({Format.Number(100 * share, 3)}% of starts)" : alt.Multiplicity is { } mm ? $" (×{mm} agent orders)" : "")}" +
                    $"{(excluded.Count > 0 ? $"; excluded: {string.Join(", ", excluded)}" : "; every group represented")}\n");
            }
        }
        return sb.ToString();
    }
}

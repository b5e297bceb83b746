using System.Text.Json;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Estimation;
using ActiveAlignment.Learning;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Serialization;

/// <summary>
/// The JSON wire format of the equilibrium answers: what <c>active-alignment solve --json</c> prints and every
/// <c>solve --batch</c> line holds, written by the library so that a program gets the same bytes as the tool. The names
/// of statuses and labels are pinned here (<see cref="StatusName"/>, <see cref="ClosedFormName"/>,
/// <see cref="StabilityName"/>), not derived from the enums' member names. The members are described in
/// docs/reference.md ("JSON answers").
/// </summary>
public static class AnswerJson
{
    /// <summary>The wire name of an equilibrium status: "interior", "boundary", "notConcave" or "notConverged".</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name in every JSON answer.</returns>
    public static string StatusName(EquilibriumStatus status) => status switch
    {
        EquilibriumStatus.Interior => "interior",
        EquilibriumStatus.Boundary => "boundary",
        EquilibriumStatus.NotConcave => "notConcave",
        EquilibriumStatus.NotConverged => "notConverged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not an equilibrium status"),
    };

    /// <summary>The wire name of a closed-form status: "interior", "noInterior", "singular" or "notConcave".</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name in every JSON answer.</returns>
    public static string ClosedFormName(ClosedFormStatus status) => status switch
    {
        ClosedFormStatus.Interior => "interior",
        ClosedFormStatus.NoInterior => "noInterior",
        ClosedFormStatus.Singular => "singular",
        ClosedFormStatus.NotConcave => "notConcave",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "not a closed-form status"),
    };

    /// <summary>The answer object of an equilibrium, indented, with a final newline (<c>active-alignment solve --json</c>).</summary>
    /// <param name="eq">The equilibrium.</param>
    /// <param name="threshold">The exclusion threshold τ.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(HomogeneousEquilibrium eq, double threshold) => Format.Json(w =>
    {
        w.WriteStartObject();
        WriteEquilibrium(w, eq, threshold);
        w.WriteEndObject();
    });

    /// <summary>The answer object of a class-symmetric equilibrium, indented, with a final newline.</summary>
    /// <param name="eq">The equilibrium.</param>
    /// <param name="threshold">The exclusion threshold τ.</param>
    /// <returns>The JSON text.</returns>
    public static string ToJson(PopulationEquilibrium eq, double threshold) => Format.Json(w =>
    {
        w.WriteStartObject();
        WritePopulationEquilibrium(w, eq, threshold);
        w.WriteEndObject();
    });

    /// <summary>The property names of the solve --json object, encoded once (a batch writes them for every line).</summary>
    private static class Key
    {
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText ClosedForm = JsonEncodedText.Encode("closedForm");
        public static readonly JsonEncodedText Weights = JsonEncodedText.Encode("weights");
        public static readonly JsonEncodedText Multiplier = JsonEncodedText.Encode("multiplier");
        public static readonly JsonEncodedText Support = JsonEncodedText.Encode("support");
        public static readonly JsonEncodedText Excluded = JsonEncodedText.Encode("excluded");
        public static readonly JsonEncodedText Threshold = JsonEncodedText.Encode("threshold");
        public static readonly JsonEncodedText NashGap = JsonEncodedText.Encode("nashGap");
        public static readonly JsonEncodedText NashGapBound = JsonEncodedText.Encode("nashGapBound");
        public static readonly JsonEncodedText NashGapTolerance = JsonEncodedText.Encode("nashGapTolerance");
        public static readonly JsonEncodedText NashGapCertified = JsonEncodedText.Encode("nashGapCertified");
        public static readonly JsonEncodedText Certified = JsonEncodedText.Encode("certified");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText KktResidual = JsonEncodedText.Encode("kktResidual");
        public static readonly JsonEncodedText Iterations = JsonEncodedText.Encode("iterations");
        public static readonly JsonEncodedText UniqueHomogeneous = JsonEncodedText.Encode("uniqueHomogeneous");
        public static readonly JsonEncodedText UniqueEquilibrium = JsonEncodedText.Encode("uniqueEquilibrium");
        public static readonly JsonEncodedText ReciprocalCondition = JsonEncodedText.Encode("reciprocalCondition");
        public static readonly JsonEncodedText Scale = JsonEncodedText.Encode("scale");
        public static readonly JsonEncodedText Label = JsonEncodedText.Encode("label");
        public static readonly JsonEncodedText CommonMargin = JsonEncodedText.Encode("commonMargin");
        public static readonly JsonEncodedText SpecialisationMargin = JsonEncodedText.Encode("specialisationMargin");
        public static readonly JsonEncodedText Margin = JsonEncodedText.Encode("margin");
        public static readonly JsonEncodedText Slack = JsonEncodedText.Encode("slack");
        public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
        public static readonly JsonEncodedText UnstableMode = JsonEncodedText.Encode("unstableMode");
    }

    /// <summary>
    /// Writes the members of an equilibrium's answer object (without its braces): status, weights by group name,
    /// multiplier, support, excluded groups, the Nash-gap certificate, KKT residual, uniqueness, stability, conditioning.
    /// The members of <c>active-alignment solve --json</c> and of every <c>solve --batch</c> line.
    /// </summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="eq">The equilibrium.</param>
    /// <param name="threshold">The exclusion threshold τ: a group with weight below it is listed as excluded.</param>
    public static void WriteEquilibrium(Utf8JsonWriter w, HomogeneousEquilibrium eq, double threshold)
    {
        w.WriteString(Key.Status, StatusName(eq.Status));
        w.WriteString(Key.ClosedForm, ClosedFormName(eq.ClosedForm.Status));
        w.WriteStartObject(Key.Weights);
        var subpopulations = eq.Game.Subpopulations;
        for (int k = 0; k < subpopulations.Count; k++)
        {
            w.NumberOrNull(subpopulations[k].Name, eq.WeightsSpan[k]);
        }
        w.WriteEndObject();
        w.NumberOrNull(Key.Multiplier, eq.Multiplier);
        w.StringArray(Key.Support, eq.SupportNames);
        w.StringArray(Key.Excluded, eq.Excluded(threshold));
        w.WriteFiniteNumber(Key.Threshold, threshold);
        w.WriteFiniteNumber(Key.NashGap, eq.NashGap);
        w.NumberOrNull(Key.NashGapBound, eq.NashGapBound);
        w.WriteFiniteNumber(Key.NashGapTolerance, eq.NashGapReport.Tolerance);
        w.WriteBoolean(Key.NashGapCertified, eq.NashGapCertified);
        w.WriteBoolean(Key.Certified, eq.IsCertifiedEquilibrium);
        if (eq.Reason is { } reason)
        {
            w.WriteString(Key.Reason, reason);
        }
        w.WriteFiniteNumber(Key.KktResidual, eq.KktResidual);
        w.WriteNumber(Key.Iterations, eq.Iterations);
        w.WriteBoolean(Key.UniqueHomogeneous, eq.Uniqueness.HomogeneousUnique);
        w.WriteBoolean(Key.UniqueEquilibrium, eq.Uniqueness.UniqueEquilibrium);
        WriteStability(w, eq.Stability);
        w.WriteFiniteNumber(Key.ReciprocalCondition, eq.ClosedForm.ReciprocalCondition);
        w.WriteFiniteNumber(Key.Scale, eq.Game.Scale);
    }

    /// <summary>Writes the members of a class-symmetric equilibrium's answer object (without its braces), as <see cref="WriteEquilibrium"/> does.</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="eq">The equilibrium.</param>
    /// <param name="threshold">The exclusion threshold τ.</param>
    public static void WritePopulationEquilibrium(Utf8JsonWriter w, PopulationEquilibrium eq, double threshold)
    {
        var names = eq.Game.Names.ToList();
        w.WriteString("status", StatusName(eq.Status));
        w.WriteString("closedForm", ClosedFormName(eq.ClosedForm));
        w.WriteStartArray("classes");
        for (int c = 0; c < eq.Game.Classes.Count; c++)
        {
            w.WriteStartObject();
            w.WriteString("name", eq.Game.Classes[c].Name);
            w.WriteNumber("count", eq.Game.Classes[c].Count);
            w.NamedVector("weights", names, eq.ClassWeights[c]);
            w.NumberOrNull("multiplier", eq.Multipliers[c]);
            w.WriteNumber("nashGap", eq.ClassGaps[c]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.NamedVector("weights", names, eq.AverageWeights);
        w.StringArray("excluded", eq.Excluded(threshold));
        w.WriteNumber("threshold", threshold);
        w.WriteNumber("nashGap", eq.NashGap);
        w.NumberOrNull("nashGapBound", eq.NashGapBound);
        w.WriteNumber("nashGapTolerance", eq.NashGapReport.Tolerance);
        w.WriteBoolean("nashGapCertified", eq.NashGapCertified);
        w.WriteBoolean("certified", eq.IsCertifiedEquilibrium);
        if (eq.Reason is { } reason)
        {
            w.WriteString("reason", reason);
        }
        w.WriteNumber("kktResidual", eq.KktResidual);
        w.WriteNumber("iterations", eq.Iterations);
        w.WriteBoolean("uniqueEquilibrium", eq.Uniqueness.UniqueEquilibrium);
        WriteStability(w, eq.Stability);
    }

    /// <summary>Writes <c>"stability": {"label", "commonMargin", "specialisationMargin", "margin", "slack", "certified"}</c> (docs/model.md#stability).</summary>
    /// <param name="w">The writer, inside an object.</param>
    /// <param name="stability">The stability report.</param>
    /// <param name="name">The member's name.</param>
    public static void WriteStability(Utf8JsonWriter w, StabilityReport stability, string name = "stability")
    {
        w.WriteStartObject(name);
        w.WriteString(Key.Label, StabilityName(stability.Label));
        if (stability.IsHomogeneous)
        {
            w.NullableNumber(Key.CommonMargin, stability.CommonMargin);
            w.NullableNumber(Key.SpecialisationMargin, stability.SpecialisationMargin);
        }
        w.NullableNumber(Key.Margin, stability.Margin);
        w.NullableNumber(Key.Slack, stability.Slack);
        w.WriteBoolean(Key.Certified, stability.IsCertified);
        if (stability.Method != "potential")
        {
            w.WriteString(Key.Method, stability.Method);
        }
        if (stability.UnstableMode is { } mode)
        {
            w.WriteString(Key.UnstableMode, mode);
        }
        w.WriteEndObject();
    }

    /// <summary>The wire name of a stability label: "stable", "unstable" or "degenerate".</summary>
    /// <param name="label">The label.</param>
    /// <returns>Its name in every JSON answer.</returns>
    public static string StabilityName(StabilityLabel label) => label switch
    {
        StabilityLabel.Stable => "stable",
        StabilityLabel.Unstable => "unstable",
        _ => "degenerate",
    };

    /// <summary>Writes the <c>uncertainty</c> object of an ensemble's answer: shares of statuses and stability labels, and each group's interval.</summary>
    /// <param name="w">The writer, where a value goes.</param>
    /// <param name="u">The bootstrap uncertainty.</param>
    public static void WriteUncertainty(Utf8JsonWriter w, EquilibriumUncertainty u)
    {
        w.WriteStartObject();
        w.WriteNumber("confidence", u.Confidence);
        w.WriteNumber("replicates", u.Replicates);
        w.WriteNumber("certifiedReplicates", u.CertifiedReplicates);
        w.WriteStartObject("statusShares");
        foreach (var (status, count) in u.StatusCounts)
        {
            w.WriteNumber(StatusName(status), (double)count / u.Replicates);
        }
        w.WriteEndObject();
        if (u.Point is not null)
        {
            w.WriteStartObject("stabilityShares");
            foreach (var label in Enum.GetValues<StabilityLabel>())
            {
                w.WriteNumber(StabilityName(label), u.StabilityShare(label));
            }
            w.WriteEndObject();
        }
        w.WriteStartObject("groups");
        foreach (var g in u.Groups)
        {
            w.WriteStartObject(g.Name);
            w.Interval(g.Point, g.Interval);
            w.NullableNumber("exclusionProbability", g.ExclusionProbability);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }

}

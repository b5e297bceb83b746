using System.Globalization;

namespace ActiveAlignment.Learning;

/// <summary>Whether learning agents stay at an equilibrium (docs/model.md#stability).</summary>
public enum StabilityLabel
{
    /// <summary>A strict local maximum of the potential: asymptotically stable under gradient play, Hedge and best responses.</summary>
    Stable,

    /// <summary>The potential rises along a direction inside the faces: learning agents leave it from almost every nearby start.</summary>
    Unstable,

    /// <summary>Second order does not decide (a zero curvature or a zero slack, within the tolerance).</summary>
    Degenerate,
}

/// <summary>
/// The stability of an equilibrium profile (docs/model.md#stability): the label, the margins of the potential's Hessian on the
/// product of the faces, and the slack of the groups off the supports.
/// </summary>
/// <remarks>
/// <see cref="StabilityLabel.Stable"/> and <see cref="StabilityLabel.Unstable"/> are printed as certain only when proved: stable by
/// Cholesky factorisations whose pivots clear the rounding floor of <see cref="Tolerances.PositiveDefiniteRelative"/> plus a slack
/// above its rounding bound; unstable by an explicit direction inside the faces along which the quadratic form of the Hessian is
/// positive beyond its own rounding bound (or, for exact profiles, by exact rational arithmetic). Everything else is
/// <see cref="StabilityLabel.Degenerate"/>, with <see cref="IsCertified"/> false.
/// </remarks>
public sealed class StabilityReport
{
    internal StabilityReport(StabilityLabel label, double? commonMargin, double? specialisationMargin, double? margin, double? slack,
        bool certified, bool homogeneous, string? unstableMode)
    {
        Label = label;
        CommonMargin = commonMargin;
        SpecialisationMargin = specialisationMargin;
        Margin = margin;
        Slack = slack;
        IsCertified = certified;
        IsHomogeneous = homogeneous;
        UnstableMode = unstableMode;
    }

    /// <summary>Stable, unstable or degenerate.</summary>
    public StabilityLabel Label { get; }

    /// <summary>True when the label is <see cref="StabilityLabel.Stable"/> (a convenience).</summary>
    public bool IsStable => Label == StabilityLabel.Stable;

    /// <summary>
    /// μ₊ = λ_min(A₊), A₊ = Z_Jᵀ(2λ_C C + λ_D S)Z_J: the curvature of the common mode (every agent moves together). Null for
    /// a profile that is not homogeneous and for a vertex (the face has no direction).
    /// </summary>
    public double? CommonMargin { get; }

    /// <summary>
    /// μ₋ = λ_min(A₋), A₋ = Z_Jᵀ(2λ_C C − λ_D S/(N−1))Z_J: the curvature of the specialisation mode (agents move apart).
    /// Null for N = 1, for a profile that is not homogeneous and for a vertex.
    /// </summary>
    public double? SpecialisationMargin { get; }

    /// <summary>
    /// λ_min(−H), H the Hessian of the potential on the product of the faces: positive when the profile is a strict local
    /// maximum to second order. For a homogeneous profile it is min(μ₊, μ₋). Null when no face has a direction.
    /// </summary>
    public double? Margin { get; }

    /// <summary>s = min over agents and groups off their supports of νᵢ − gᵢₖ; null when every support is full.</summary>
    public double? Slack { get; }

    /// <summary>
    /// True when the label is proved: for stable and unstable from a potential; for degenerate only when it was decided in exact
    /// arithmetic (every equilibrium of <see cref="EquilibriumEnumeration"/>); never from a Jacobian's floating eigenvalues.
    /// </summary>
    public bool IsCertified { get; }

    /// <summary>True when the report is of a homogeneous profile (common and specialisation modes).</summary>
    public bool IsHomogeneous { get; }

    /// <summary>For an unstable homogeneous profile: "specialisation" or "common", the mode along which the potential rises.</summary>
    public string? UnstableMode { get; }

    /// <summary>
    /// How the label was decided: "potential" (the Hessian of the exact potential, identical agents), "weighted potential"
    /// (a population whose classes all have diversity &gt; 0, or all 0), or "jacobian" (a population without a weighted potential:
    /// from the eigenvalues of the face-restricted Jacobian of the gradient field, not proved; <see cref="IsCertified"/> is false).
    /// </summary>
    public string Method { get; internal init; } = "potential";

    /// <summary>One sentence in plain words.</summary>
    public string Description => Label switch
    {
        StabilityLabel.Stable => "stable: learning agents that start nearby return to it",
        StabilityLabel.Unstable when UnstableMode == "specialisation" =>
            "unstable: agents that learn leave it and specialise (the specialisation mode has negative curvature)",
        StabilityLabel.Unstable when UnstableMode == "common" =>
            "unstable: agents that learn leave it together (the common mode has negative curvature)",
        StabilityLabel.Unstable => "unstable: the potential rises along a direction inside the faces, so learning agents leave it",
        _ => "degenerate: second order does not decide (a zero curvature or zero slack within the tolerance)",
    };

    /// <summary>"stable (proved): common margin 0.62, specialisation margin 0.21".</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (CommonMargin is double c)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"common margin {c:G4}"));
        }
        if (SpecialisationMargin is double s)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"specialisation margin {s:G4}"));
        }
        if (!IsHomogeneous && Margin is double m)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"margin {m:G4}"));
        }
        if (Slack is double sl)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"slack {sl:G4}"));
        }
        string label = Label.ToString().ToLowerInvariant();
        return $"{label}{(IsCertified ? " (proved)" : string.Empty)}{(parts.Count > 0 ? ": " + string.Join(", ", parts) : string.Empty)}";
    }
}

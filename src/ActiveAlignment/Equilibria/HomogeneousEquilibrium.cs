using ActiveAlignment.Certificates;

namespace ActiveAlignment.Equilibria;

/// <summary>What kind of answer <see cref="EquilibriumSolver.Solve"/> returned.</summary>
public enum EquilibriumStatus
{
    /// <summary>A homogeneous Nash equilibrium with every weight positive.</summary>
    Interior,

    /// <summary>A homogeneous Nash equilibrium with zero weight on at least one subpopulation (docs/model.md#boundary).</summary>
    Boundary,

    /// <summary>
    /// Own concavity fails (λ_C·κ &lt; 0 beyond the error bound of κ): the weights are a KKT (stationary) point on the simplex,
    /// not a certified equilibrium. Its Nash gap is still computed exactly when K ≤ 12.
    /// </summary>
    NotConcave,

    /// <summary>
    /// Own concavity holds, but the Nash gap of the weights could not be proved within the tolerance (the boundary solver did
    /// not reach a verified KKT point); the weights are its best iterate and <see cref="HomogeneousEquilibrium.Reason"/> says why.
    /// </summary>
    NotConverged,
}

/// <summary>
/// A homogeneous equilibrium (every agent plays w) with its certificate: status, weights, multiplier ν, support,
/// iterations, KKT residual ‖w − Π_Δ(w + F(w))‖∞, Nash gap and the uniqueness report of docs/model.md#uniqueness.
/// </summary>
public sealed class HomogeneousEquilibrium
{
    private readonly double[] _weights;
    private System.Collections.ObjectModel.ReadOnlyCollection<double>? _weightsView;

    internal HomogeneousEquilibrium(AlignmentGame game, EquilibriumStatus status, ClosedFormSolution closedForm, double[] weights,
        double multiplier, int iterations, double kktResidual, NashGapReport nashGap, UniquenessReport uniqueness, string? reason)
    {
        Reason = reason;
        Game = game;
        Status = status;
        ClosedForm = closedForm;
        _weights = weights;
        Multiplier = multiplier;
        Iterations = iterations;
        KktResidual = kktResidual;
        NashGapReport = nashGap;
        Uniqueness = uniqueness;
        int count = 0;
        foreach (double w in weights)
        {
            count += w > 0 ? 1 : 0;
        }
        var support = new int[count];
        for (int k = 0, at = 0; k < weights.Length; k++)
        {
            if (weights[k] > 0)
            {
                support[at++] = k;
            }
        }
        Support = Array.AsReadOnly(support);
    }

    /// <summary>The game solved.</summary>
    public AlignmentGame Game { get; }

    /// <summary>The kind of answer.</summary>
    public EquilibriumStatus Status { get; }

    /// <summary>The closed-form candidate and its classification (docs/model.md#closed-form).</summary>
    public ClosedFormSolution ClosedForm { get; }

    /// <summary>w ∈ Δ, by subpopulation index: a read-only view (it cannot be cast back to the array it shows).</summary>
    public IReadOnlyList<double> Weights => _weightsView ??= Array.AsReadOnly(_weights);

    /// <summary>w as a span, without copying.</summary>
    public ReadOnlySpan<double> WeightsSpan => _weights;

    /// <summary>w by subpopulation name, in the game's order.</summary>
    public IReadOnlyDictionary<string, double> WeightsByName
    {
        get
        {
            var result = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int k = 0; k < _weights.Length; k++)
            {
                result.Add(Game.Subpopulations[k].Name, _weights[k]);
            }
            return result;
        }
    }

    /// <summary>The weight of the subpopulation called <paramref name="name"/>.</summary>
    /// <param name="name">A subpopulation name.</param>
    /// <exception cref="KeyNotFoundException">No subpopulation has that name.</exception>
    public double WeightOf(string name) => _weights[Game.IndexOf(name)];

    /// <summary>ν: the common marginal utility Fₖ(w) of the represented groups (docs/model.md#homogeneous-equilibria).</summary>
    public double Multiplier { get; }

    /// <summary>Indices k with wₖ &gt; 0, ascending.</summary>
    public IReadOnlyList<int> Support { get; }

    /// <summary>Names of the subpopulations in the support.</summary>
    public IEnumerable<string> SupportNames => Support.Select(k => Game.Subpopulations[k].Name);

    /// <summary>Projected-gradient iterations plus active-set steps (0 for a closed-form interior answer).</summary>
    public int Iterations { get; }

    /// <summary>‖w − Π_Δ(w + F(w))‖∞ with F(w) = λ_A a − M w (docs/model.md#boundary).</summary>
    public double KktResidual { get; }

    /// <summary>The Nash gap report (docs/model.md#certificates).</summary>
    public NashGapReport NashGapReport { get; }

    /// <summary>The Nash gap of the homogeneous profile as computed (a lower bound unless <see cref="NashGapReport"/> is exact).</summary>
    public double NashGap => NashGapReport.Gap;

    /// <summary>A proved upper bound on the Nash gap (<see cref="NashGapReport.UpperBound"/>).</summary>
    public double NashGapBound => NashGapReport.UpperBound;

    /// <summary>True when the Nash gap is proved ≤ the game's tolerance (<see cref="NashGapReport.IsCertified"/>).</summary>
    public bool NashGapCertified => NashGapReport.IsCertified;

    /// <summary>Why the status is not an equilibrium status (null for Interior and Boundary).</summary>
    public string? Reason { get; }

    /// <summary>The uniqueness conditions of docs/model.md#uniqueness.</summary>
    public UniquenessReport Uniqueness { get; }

    private Learning.StabilityReport? _stability;

    /// <summary>
    /// Whether learning agents stay at this equilibrium (docs/model.md#stability): the common and specialisation modes on the face
    /// of its support and the slack off it. Computed on first use (two O(K³) factorisations and eigenvalue problems).
    /// </summary>
    public Learning.StabilityReport Stability => _stability ??= Learning.Stability.Homogeneous(Game, _weights);

    /// <summary>
    /// True when this is a certified homogeneous Nash equilibrium: status Interior or Boundary, which the solver reports only
    /// with a Nash gap proved ≤ <see cref="Tolerances.NashGapRelative"/>·scale (docs/model.md#certificates).
    /// </summary>
    public bool IsCertifiedEquilibrium => Status is EquilibriumStatus.Interior or EquilibriumStatus.Boundary && NashGapCertified;

    /// <summary>Subpopulations with weight below the threshold τ (docs/model.md#exclusion).</summary>
    /// <param name="threshold">τ in (0, 1); default 0.01.</param>
    /// <returns>The names, in the game's order.</returns>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is outside (0, 1).</exception>
    public IReadOnlyList<string> Excluded(double threshold = 0.01)
    {
        Internal.Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        var result = new List<string>();
        for (int k = 0; k < _weights.Length; k++)
        {
            if (_weights[k] < threshold)
            {
                result.Add(Game.Subpopulations[k].Name);
            }
        }
        return result;
    }

    /// <summary>"Interior: left 0.426174, center 0.422819, right 0.151007; Nash gap … (certified); stable (proved): …".</summary>
    public override string ToString()
    {
        var weights = string.Join(", ", Game.Subpopulations.Select((s, k) => $"{s.Name} {_weights[k].ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}"));
        return $"{Status}: {weights}; {NashGapReport}; {Stability}";
    }
}

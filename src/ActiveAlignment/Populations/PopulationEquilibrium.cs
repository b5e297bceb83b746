using ActiveAlignment.Certificates;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Populations;

/// <summary>
/// A class-symmetric equilibrium of a population (every agent of class c plays w_c), with its certificate: the Nash gap over
/// every agent, the KKT residual, own concavity per class and a sufficient uniqueness condition.
/// </summary>
public sealed class PopulationEquilibrium
{
    internal PopulationEquilibrium(PopulationGame game, EquilibriumStatus status, ClosedFormStatus closedForm, double[][] weights,
        double[] multipliers, int iterations, double kktResidual, NashGapReport gap, PopulationUniqueness uniqueness, string? reason)
    {
        NashGapReport = gap;
        Reason = reason;
        Game = game;
        Status = status;
        ClosedForm = closedForm;
        _weights = weights;
        Multipliers = multipliers;
        Iterations = iterations;
        KktResidual = kktResidual;
        Uniqueness = uniqueness;
    }

    private readonly double[][] _weights;

    private Learning.StabilityReport? _stability;

    /// <summary>
    /// Whether learning agents stay at this class-symmetric equilibrium (docs/model.md#stability): proved from a weighted potential
    /// when one exists, otherwise read from the Jacobian of the gradient field (<see cref="Learning.StabilityReport.Method"/>).
    /// </summary>
    public Learning.StabilityReport Stability => _stability ??= Learning.Stability.OfPopulation(this);

    /// <summary>The population solved.</summary>
    public PopulationGame Game { get; }

    /// <summary>Interior, Boundary, NotConcave (some class's own concavity fails) or NotConverged.</summary>
    public EquilibriumStatus Status { get; }

    /// <summary>How the coupled closed form (one linear system in (w_1..w_m, ν_1..ν_m)) classified.</summary>
    public ClosedFormStatus ClosedForm { get; }

    /// <summary>w_c of each class.</summary>
    public IReadOnlyList<IReadOnlyList<double>> ClassWeights => _weights;

    /// <summary>ν_c of each class.</summary>
    public IReadOnlyList<double> Multipliers { get; }

    /// <summary>The population-average mixture Σ n_c w_c / N.</summary>
    public IReadOnlyList<double> AverageWeights
    {
        get
        {
            var avg = new double[Game.Count];
            for (int c = 0; c < _weights.Length; c++)
            {
                for (int k = 0; k < avg.Length; k++)
                {
                    avg[k] += Game.Classes[c].Count * _weights[c][k] / Game.Agents;
                }
            }
            return avg;
        }
    }

    /// <summary>Extragradient iterations before the exact polish (0 for a closed-form interior answer).</summary>
    public int Iterations { get; }

    /// <summary>max over classes of ‖w_c − Π_Δ(w_c + g_c)‖∞.</summary>
    public double KktResidual { get; }

    /// <summary>The Nash gap report over every agent (one entry per class: any agent of a class has the class's gap).</summary>
    public NashGapReport NashGapReport { get; }

    /// <summary>Each class's Nash gap (the gap of any one of its agents).</summary>
    public IReadOnlyList<double> ClassGaps => NashGapReport.AgentGaps;

    /// <summary>The Nash gap over every agent: the largest class gap.</summary>
    public double NashGap => NashGapReport.Gap;

    /// <summary>A proved upper bound on the Nash gap over every agent.</summary>
    public double NashGapBound => NashGapReport.UpperBound;

    /// <summary>True when the gap over every agent is proved ≤ 1e-10·scale (docs/model.md#certificates).</summary>
    public bool NashGapCertified => NashGapReport.IsCertified;

    /// <summary>Why the status is not an equilibrium status (null for Interior and Boundary).</summary>
    public string? Reason { get; }

    /// <summary>The sufficient uniqueness condition.</summary>
    public PopulationUniqueness Uniqueness { get; }

    /// <summary>Interior or Boundary, which the solver reports only with a gap proved ≤ 1e-10·scale.</summary>
    public bool IsCertifiedEquilibrium => Status is EquilibriumStatus.Interior or EquilibriumStatus.Boundary && NashGapCertified;

    /// <summary>Groups that every class gives weight below τ.</summary>
    /// <param name="threshold">τ in (0, 1).</param>
    /// <exception cref="ArgumentException"><paramref name="threshold"/> is outside (0, 1).</exception>
    public IReadOnlyList<string> Excluded(double threshold = 0.01)
    {
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        return Enumerable.Range(0, Game.Count).Where(k => _weights.All(w => w[k] < threshold)).Select(k => Game.Subpopulations[k].Name).ToList();
    }

    /// <summary>"Boundary: population left 0.5165, …; Nash gap … (certified …)".</summary>
    public override string ToString()
    {
        var average = AverageWeights;
        var weights = string.Join(", ", Game.Subpopulations.Select((s, k) => $"{s.Name} {average[k].ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}"));
        return $"{Status}: population {weights}; {NashGapReport}";
    }
}

/// <summary>
/// A sufficient condition for the population game to have a unique Nash equilibrium: Rosen's diagonal strict concavity with
/// weights r_c = 1/λ_D,c. It holds when ZᵀSZ ⪰ 0 and, for every class, 2λ_C,c ZᵀC_cZ − λ_D,c ZᵀSZ/(N−1) ≻ 0 (for a class
/// with λ_D,c = 0: λ_C,c ZᵀC_cZ ≻ 0). With one class it is docs/model.md#uniqueness's condition (given ZᵀSZ ⪰ 0).
/// </summary>
public sealed class PopulationUniqueness
{
    internal PopulationUniqueness(bool similarityPsd, IReadOnlyList<bool> classConditions)
    {
        SimilarityPositiveSemidefinite = similarityPsd;
        ClassConditions = classConditions;
    }

    /// <summary>ZᵀSZ ⪰ 0.</summary>
    public bool SimilarityPositiveSemidefinite { get; }

    /// <summary>Per class: 2λ_C,c ZᵀC_cZ − λ_D,c ZᵀSZ/(N−1) ≻ 0.</summary>
    public IReadOnlyList<bool> ClassConditions { get; }

    /// <summary>Both parts hold: the equilibrium is unique.</summary>
    public bool UniqueEquilibrium => SimilarityPositiveSemidefinite && ClassConditions.All(c => c);

    /// <summary>Evaluates the condition.</summary>
    /// <param name="game">The population.</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static PopulationUniqueness For(PopulationGame game)
    {
        Preconditions.CheckNotNull(game);
        int m = game.Count - 1;
        var sHat = game.Template.Structure.ReducedSimilarity;
        var identityScaled = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            identityScaled[(i * m) + i] = Tolerances.PositiveDefiniteRelative * game.Similarity.MaxAbs; // ZᵀSZ + εI ≻ 0: PSD to rounding, relative to S
        }
        bool psd = UniquenessReport.IsPositiveDefinite(sHat, 1.0, identityScaled, 1.0, m) || game.Agents == 1;
        var conditions = game.Classes.Select(c =>
        {
            var cHat = c.Game.Structure.ReducedInconsistency;
            double lambdaC = c.Coefficients.Consistency, lambdaD = game.Agents == 1 ? 0.0 : c.Coefficients.Diversity;
            return lambdaD > 0
                ? UniquenessReport.IsPositiveDefinite(cHat, 2.0 * lambdaC, sHat, -lambdaD / (game.Agents - 1), m)
                : UniquenessReport.IsPositiveDefinite(cHat, lambdaC, sHat, 0.0, m);
        }).ToList();
        return new PopulationUniqueness(psd, conditions);
    }
    /// <summary>A one-line summary: whether the equilibrium is unique and which conditions hold.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"PopulationUniqueness({(UniqueEquilibrium ? "unique" : "not proved unique")}: S positive semidefinite {SimilarityPositiveSemidefinite}, class conditions [{string.Join(", ", ClassConditions)}])";
}

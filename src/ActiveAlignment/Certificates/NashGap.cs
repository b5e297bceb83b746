using System.Globalization;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Certificates;

/// <summary>The Nash gap of a profile (docs/model.md#certificates), agent by agent, with a proved upper bound.</summary>
public sealed class NashGapReport
{
    internal NashGapReport(double gap, double upperBound, double tolerance, bool isExact, double[] agentGaps, int worstAgent)
    {
        Gap = gap;
        UpperBound = upperBound;
        Tolerance = tolerance;
        IsExact = isExact;
        AgentGaps = agentGaps;
        WorstAgent = worstAgent;
    }

    /// <summary>
    /// maxᵢ [max_{v∈Δ} Uᵢ(v; w₋ᵢ) − Uᵢ(wᵢ; w₋ᵢ)] as computed from the best response found, clipped below at 0. Exact to
    /// rounding when <see cref="IsExact"/>; otherwise a lower bound.
    /// </summary>
    public double Gap { get; }

    /// <summary>
    /// A proved upper bound on the true gap, independent of how the profile was found: the linearisation (Frank–Wolfe) bound
    /// maxₖ gₖ − gᵀwᵢ with g the gradient of Uᵢ at wᵢ, plus 2·λ_C·max(0, −κ) for any lack of own concavity, plus a bound on
    /// the rounding errors of its evaluation. +∞ when no bound is available.
    /// </summary>
    public double UpperBound { get; }

    /// <summary>The tolerance the gap is held to: <see cref="Tolerances.NashGapRelative"/> · scale of the game.</summary>
    public double Tolerance { get; }

    /// <summary>True when <see cref="Gap"/> comes from a global best response (concave programme, or every face enumerated).</summary>
    public bool IsExact { get; }

    /// <summary>True when the gap is proved ≤ <see cref="Tolerance"/>: <see cref="UpperBound"/> ≤ <see cref="Tolerance"/>.</summary>
    public bool IsCertified => UpperBound <= Tolerance;

    /// <summary>Each agent's (or class's) own gap.</summary>
    public IReadOnlyList<double> AgentGaps { get; }

    /// <summary>The agent with the largest gap.</summary>
    public int WorstAgent { get; }

    /// <summary>Why the profile is not certified (null when <see cref="IsCertified"/>).</summary>
    public string? Reason => IsCertified
        ? null
        : double.IsPositiveInfinity(UpperBound)
            ? "no upper bound on the Nash gap is available"
            : string.Create(CultureInfo.InvariantCulture,
                $"the proved bound on the Nash gap, {UpperBound:G3}, exceeds the tolerance {Tolerance:G3}{(IsExact ? string.Create(CultureInfo.InvariantCulture, $" (the exact gap is {Gap:G3})") : string.Empty)}");

    internal static NashGapReport Combine(IReadOnlyList<(double Gap, double Bound, bool Exact)> agents, double tolerance)
    {
        var gaps = new double[agents.Count];
        double bound = 0;
        bool exact = true;
        int worst = 0;
        for (int i = 0; i < gaps.Length; i++)
        {
            gaps[i] = agents[i].Gap;
            bound = Math.Max(bound, agents[i].Bound);
            exact &= agents[i].Exact;
            if (gaps[i] > gaps[worst])
            {
                worst = i;
            }
        }
        return new NashGapReport(gaps[worst], bound, tolerance, exact, gaps, worst);
    }

    /// <summary>"Nash gap 4.2E-17, proved ≤ 2.6E-15 (certified; tolerance 6E-11)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Nash gap {Gap:G2}, {(double.IsFinite(UpperBound) ? $"proved ≤ {UpperBound:G2}" : "no proved bound")} ({(IsCertified ? "certified" : "NOT certified")}; tolerance {Tolerance:G2})");
}

/// <summary>Nash gaps of profiles of the active-alignment game (docs/model.md#certificates).</summary>
public static class NashGap
{
    /// <summary>The gap of the homogeneous profile (w, …, w): one best response to w̄₋ᵢ = w.</summary>
    /// <param name="game">The game.</param>
    /// <param name="weights">w ∈ Δ (length K).</param>
    /// <returns>The gap report.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> is not a point of the simplex of the right length
    /// (entries ≥ −1e-12, sum within 1e-9 of 1, finite).</exception>
    public static NashGapReport OfHomogeneous(AlignmentGame game, ReadOnlySpan<double> weights)
    {
        Preconditions.CheckNotNull(game);
        CheckMixture(weights, game.Count, "weights");
        var agent = OfAgent(game, weights, weights);
        return NashGapReport.Combine([agent], game.NashGapTolerance);
    }

    /// <summary>The gap of a profile with one mixture per agent (N mixtures).</summary>
    /// <param name="game">The game.</param>
    /// <param name="profile">N mixtures, each a point of the simplex of length K.</param>
    /// <returns>The gap report, with each agent's gap.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> or <paramref name="profile"/> is null.</exception>
    /// <exception cref="ArgumentException">The profile does not have N entries, or an entry is not a point of the simplex
    /// (the message names profile[i][k]).</exception>
    public static NashGapReport OfProfile(AlignmentGame game, IReadOnlyList<double[]> profile)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(profile);
        int n = game.Agents, k = game.Count;
        if (profile.Count != n)
        {
            Preconditions.ThrowArgument(nameof(profile), $"profile has {profile.Count} mixtures, expected one for each of the {n} agents.");
        }
        var total = new double[k];
        for (int i = 0; i < n; i++)
        {
            CheckMixture(profile[i], k, $"profile[{i}]");
            for (int j = 0; j < k; j++)
            {
                total[j] += profile[i][j];
            }
        }
        var agents = new (double, double, bool)[n];
        var others = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                others[j] = n == 1 ? 0.0 : (total[j] - profile[i][j]) / (n - 1);
            }
            agents[i] = OfAgent(game, profile[i], others);
        }
        return NashGapReport.Combine(agents, game.NashGapTolerance);
    }

    /// <summary>One agent's gap (from its best response) and a proved upper bound on it.</summary>
    internal static (double Gap, double Bound, bool Exact) OfAgent(AlignmentGame game, ReadOnlySpan<double> own, ReadOnlySpan<double> othersMean)
    {
        var response = BestResponse.Compute(game, othersMean, own);
        double utility = game.Utility(own, othersMean);
        double gap = Math.Max(0.0, response.Utility - utility);
        double bound = BestResponse.GapUpperBound(game, own, othersMean);
        if (response.IsCertified && !game.IsOwnConcave)
        {
            // Every face was enumerated: the exact gap, with the rounding of the two utilities, bounds the truth too.
            bound = Math.Min(bound, gap + BestResponse.UtilityRoundingBound(game, own, othersMean) + BestResponse.UtilityRoundingBound(game, response.WeightsSpan, othersMean));
        }
        return (gap, bound, response.IsCertified);
    }

    internal static void CheckMixture(ReadOnlySpan<double> w, int k, string name) => Preconditions.CheckMixture(w, k, name);
}

using System.Globalization;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Certificates;

/// <summary>The Nash gap of a profile (MODEL.md §4), agent by agent.</summary>
public sealed class NashGapReport
{
    internal NashGapReport(double gap, bool isCertified, double[] agentGaps, int worstAgent)
    {
        Gap = gap;
        IsCertified = isCertified;
        AgentGaps = agentGaps;
        WorstAgent = worstAgent;
    }

    /// <summary>
    /// maxᵢ [max_{v∈Δ} Uᵢ(v; w₋ᵢ) − Uᵢ(wᵢ; w₋ᵢ)], clipped below at 0 (a rounding-level negative difference reads as 0).
    /// A lower bound only when <see cref="IsCertified"/> is false.
    /// </summary>
    public double Gap { get; }

    /// <summary>True when every best response was certified global (see <see cref="BestResponseResult.IsCertified"/>).</summary>
    public bool IsCertified { get; }

    /// <summary>Each agent's own gap (one entry for a homogeneous profile, whose agents are interchangeable).</summary>
    public IReadOnlyList<double> AgentGaps { get; }

    /// <summary>The agent with the largest gap.</summary>
    public int WorstAgent { get; }
}

/// <summary>Nash gaps of profiles of the active-alignment game (MODEL.md §4).</summary>
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
        var response = BestResponse.Compute(game, weights, weights);
        double gap = Math.Max(0.0, response.Utility - game.Utility(weights, weights));
        return new NashGapReport(gap, response.IsCertified, [gap], 0);
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
        var gaps = new double[n];
        var others = new double[k];
        bool certified = true;
        int worst = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++)
            {
                others[j] = n == 1 ? 0.0 : (total[j] - profile[i][j]) / (n - 1);
            }
            var response = BestResponse.Compute(game, others, profile[i]);
            certified &= response.IsCertified;
            gaps[i] = Math.Max(0.0, response.Utility - game.Utility(profile[i], others));
            if (gaps[i] > gaps[worst])
            {
                worst = i;
            }
        }
        return new NashGapReport(gaps[worst], certified, gaps, worst);
    }

    internal static void CheckMixture(ReadOnlySpan<double> w, int k, string name)
    {
        Preconditions.CheckLength(w.Length, k, name, "subpopulations");
        double sum = 0;
        for (int j = 0; j < k; j++)
        {
            if (!double.IsFinite(w[j]) || w[j] < -1e-12)
            {
                Preconditions.ThrowArgument(name, string.Create(CultureInfo.InvariantCulture,
                    $"{name}[{j}] = {Preconditions.Format(w[j])}; a mixture's weights must be finite and >= 0."));
            }
            sum += w[j];
        }
        if (Math.Abs(sum - 1.0) > 1e-9)
        {
            Preconditions.ThrowArgument(name, string.Create(CultureInfo.InvariantCulture,
                $"{name} sums to {Preconditions.Format(sum)}; a mixture's weights must sum to 1 (within 1e-9)."));
        }
    }
}

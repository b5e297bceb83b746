using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.TestTimeScaling;

/// <summary>The maximal lottery π_NL (the NLHF baseline), exact.</summary>
/// <param name="Policy">π_NL, exactly.</param>
/// <param name="IsCertified">True when min_{y′} Σ_y π(y) M(y, y′) ≥ 0 was checked exactly (the game's value is 0).</param>
public sealed record MaximalLotteryResult(IReadOnlyList<Rational> Policy, bool IsCertified)
{
    /// <summary>π_NL as doubles.</summary>
    public double[] PolicyAsDoubles() => Policy.Select(p => p.ToDouble()).ToArray();
}

/// <summary>
/// The maximal lottery of docs/finite-games.md#test-time-scaling: π maximising min_{y′} Σ_y π(y)(P(y ≻ y′) − P(y′ ≻ y)), a symmetric zero-sum game of
/// value 0, solved exactly by linear programming.
/// </summary>
public static class MaximalLottery
{
    /// <summary>Computes π_NL.</summary>
    /// <param name="population">The users.</param>
    /// <param name="solver">The LP solver; null for the exact simplex.</param>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    public static MaximalLotteryResult Compute(UserPopulation population, ILinearProgramSolver? solver = null)
    {
        Preconditions.CheckNotNull(population);
        int m = population.Count;
        var margin = new Rational[m, m];
        for (int a = 0; a < m; a++)
        {
            for (int b = 0; b < m; b++)
            {
                margin[a, b] = a == b ? Rational.Zero : population.PairwisePreference(a, b) - population.PairwisePreference(b, a);
            }
        }
        var solution = ZeroSumGame.Solve(margin, solver);
        return new MaximalLotteryResult(solution.RowStrategy, solution.IsCertified && solution.Value.IsZero);
    }
}


namespace ActiveAlignment.TestTimeScaling;

/// <summary>No-regret self-play of the (k+1)-player alignment game: Hedge on v_k(π_t; ·).</summary>
public sealed class HedgeResult
{
    internal HedgeResult(double[] last, double[] average, IReadOnlyList<RegretPoint> trace, int iterations, double eta)
    {
        LastPolicy = last;
        AveragePolicy = average;
        RegretTrace = trace;
        Iterations = iterations;
        Eta = eta;
    }

    /// <summary>π_T.</summary>
    public IReadOnlyList<double> LastPolicy { get; }

    /// <summary>(1/T) Σ_t π_t.</summary>
    public IReadOnlyList<double> AveragePolicy { get; }

    /// <summary>The running average external regret, (max_y Σ_t v_t(y) − Σ_t π_t·v_t)/t, at checkpoints.</summary>
    public IReadOnlyList<RegretPoint> RegretTrace { get; }

    /// <summary>T.</summary>
    public int Iterations { get; }

    /// <summary>The step η.</summary>
    public double Eta { get; }

    /// <summary>A one-line summary: the iterations, the step and the final regret.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"HedgeResult({Iterations} iterations, η = {Eta:G6}, average policy [{string.Join(", ", AveragePolicy.Select(p => p.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)))}])");
}

/// <summary>The average external regret after <see cref="Iteration"/> rounds of self-play.</summary>
/// <param name="Iteration">t.</param>
/// <param name="AverageRegret">R_t / t; the Hedge guarantee is O(√(log m / t)).</param>
public readonly record struct RegretPoint(int Iteration, double AverageRegret);

/// <summary>A symmetric equilibrium (π, …, π) of the (k+1)-player alignment game, certified by its exploitability.</summary>
public sealed class SymmetricEquilibrium
{
    internal SymmetricEquilibrium(int k, double[] policy, double exploitability, double robustRate, int iterations, bool refined, HedgeResult selfPlay)
    {
        K = k;
        Policy = policy;
        Exploitability = exploitability;
        RobustRate = robustRate;
        Iterations = iterations;
        Refined = refined;
        SelfPlay = selfPlay;
    }

    /// <summary>k.</summary>
    public int K { get; }

    /// <summary>The bound k/(k+1), attained exactly at an equilibrium.</summary>
    public double Bound => (double)K / (K + 1);

    /// <summary>π.</summary>
    public IReadOnlyList<double> Policy { get; }

    /// <summary>ε(π) = max_y v_k(π; y) − 1/(k+1) ≥ 0 (0 at an exact equilibrium).</summary>
    public double Exploitability { get; }

    /// <summary>f_k(π) = k/(k+1) − ε(π).</summary>
    public double RobustRate { get; }

    /// <summary>Extragradient iterations and Newton steps after self-play.</summary>
    public int Iterations { get; }

    /// <summary>A one-line summary: k, the policy's exploitability against the bound k/(k+1), and the iterations.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"SymmetricEquilibrium(k = {K}, bound {Bound:G6}, exploitability {Exploitability:G4}, robust rate {RobustRate:G6}, {Iterations} iterations)");

    /// <summary>True when the Newton refinement on the support converged and verified the conditions (ε at rounding level).</summary>
    public bool Refined { get; }

    /// <summary>The tolerance ε is held to: <see cref="CertificationTolerance"/> (payoffs are probabilities, of scale 1).</summary>
    public const double CertificationTolerance = 1e-12;

    /// <summary>
    /// True when π is proved a symmetric equilibrium to rounding: ε(π) ≤ <see cref="CertificationTolerance"/>. When false,
    /// <see cref="RobustRate"/> is the rate of an approximate policy, not of an equilibrium (the output says so).
    /// </summary>
    public bool IsCertified => Exploitability <= CertificationTolerance;

    /// <summary>The self-play run the refinement started from, with its regret trace.</summary>
    public HedgeResult SelfPlay { get; }
}

/// <summary>
/// The (k+1)-player alignment game of docs/finite-games.md#test-time-scaling: k + 1 players choose policies, a user drawn by ρ picks a favourite among
/// the k + 1 shown responses (copies split ties), and a player's payoff is the chance its response is picked. The game is
/// symmetric and constant-sum; at (π, …, π) everyone earns 1/(k+1), and a symmetric equilibrium (ε = 0) attains f_k = k/(k+1).
/// </summary>
public static class AlignmentEquilibrium
{
    /// <summary>Hedge self-play: π_{t+1}(y) ∝ π_t(y)·exp(η v_k(π_t; y)), from the uniform policy.</summary>
    /// <param name="population">The users.</param>
    /// <param name="k">k ≥ 1.</param>
    /// <param name="iterations">T ≥ 1.</param>
    /// <param name="eta">The step; null for √(8 ln m / T).</param>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    /// <exception cref="ArgumentException">k &lt; 1, T &lt; 1 or η not finite and positive.</exception>
    public static HedgeResult Hedge(UserPopulation population, int k, int iterations = 2000, double? eta = null)
    {
        Preconditions.CheckNotNull(population);
        Preconditions.CheckAtLeast(k, 1, nameof(k));
        Preconditions.CheckAtLeast(iterations, 1, nameof(iterations));
        int m = population.Count;
        double step = eta ?? Math.Sqrt(8.0 * Math.Log(m) / iterations);
        if (!double.IsFinite(step) || step <= 0)
        {
            Preconditions.ThrowArgument(nameof(eta), $"eta = {Preconditions.Format(step)}; it must be a finite number > 0.");
        }
        var logWeights = new double[m];
        var policy = Enumerable.Repeat(1.0 / m, m).ToArray();
        var average = new double[m];
        var cumulative = new double[m];
        var shares = new double[m];
        double earned = 0;
        var trace = new List<RegretPoint>();
        int every = Math.Max(1, iterations / 50);
        for (int t = 1; t <= iterations; t++)
        {
            KSampleShares.Shares(population, policy, k, shares);
            for (int y = 0; y < m; y++)
            {
                average[y] += policy[y] / iterations;
                cumulative[y] += shares[y];
                earned += policy[y] * shares[y];
                logWeights[y] += step * shares[y];
            }
            if (t % every == 0 || t == iterations)
            {
                trace.Add(new RegretPoint(t, (cumulative.Max() - earned) / t));
            }
            double max = logWeights.Max(), sum = 0;
            for (int y = 0; y < m; y++)
            {
                policy[y] = Math.Exp(logWeights[y] - max);
                sum += policy[y];
            }
            for (int y = 0; y < m; y++)
            {
                policy[y] /= sum;
            }
        }
        return new HedgeResult(policy, Normalise(average), trace, iterations, step);
    }

    /// <summary>
    /// A symmetric equilibrium: Hedge self-play, then projected extragradient on the variational inequality
    /// "v_k(π; y) ≤ π·v_k(π) for all y, with equality on the support", then Newton on the support equations (with the
    /// support adjusted as an active set), certified by ε. Returns the best policy found, by ε.
    /// </summary>
    /// <param name="population">The users.</param>
    /// <param name="k">k ≥ 1.</param>
    /// <param name="selfPlayIterations">Hedge rounds (≥ 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    /// <exception cref="ArgumentException">k &lt; 1 or the iteration count &lt; 1.</exception>
    public static SymmetricEquilibrium Solve(UserPopulation population, int k, int selfPlayIterations = 2000)
    {
        var hedge = Hedge(population, k, selfPlayIterations);
        int m = population.Count;
        var best = hedge.AveragePolicy.ToArray();
        double bestEps = KSampleShares.Exploitability(population, best, k);
        int iterations = 0;
        // Pure and two-response policies are checked directly: at large k the equilibrium is often one of them, and
        // the iterative methods below approach it only slowly.
        SmallSupportCandidates(population, k, ref best, ref bestEps);
        bool refined = bestEps <= SymmetricEquilibrium.CertificationTolerance;
        var pi = best.ToArray();
        var half = new double[m];
        var scratch = new double[m];
        double step = 0.5;
        for (int round = 0; round < 6 && !refined; round++)
        {
            // Projected extragradient: ascend each response's share.
            for (int it = 0; it < 200; it++, iterations++)
            {
                var v = KSampleShares.Shares(population, pi, k);
                for (int y = 0; y < m; y++)
                {
                    half[y] = pi[y] + (step * v[y]);
                }
                SimplexProjection.Project(half, half, scratch);
                var vh = KSampleShares.Shares(population, half, k);
                for (int y = 0; y < m; y++)
                {
                    pi[y] += step * vh[y];
                }
                SimplexProjection.Project(pi, pi, scratch);
            }
            Consider(population, k, pi, ref best, ref bestEps);
            if (Newton(population, k, pi, out var polished, out int steps))
            {
                iterations += steps;
                Consider(population, k, polished, ref best, ref bestEps);
                refined = bestEps <= SymmetricEquilibrium.CertificationTolerance;
            }
            step *= 0.5;
        }
        return new SymmetricEquilibrium(k, best, bestEps, 1.0 - (KSampleShares.Shares(population, best, k).Max()), iterations, refined, hedge);
    }

    /// <summary>The largest m for which every two-response support is tried.</summary>
    private const int PairLimit = 16;

    /// <summary>Every pure policy, and (m ≤ 16) on every edge y–z the policy where y and z earn equal shares (bisection).</summary>
    private static void SmallSupportCandidates(UserPopulation population, int k, ref double[] best, ref double bestEps)
    {
        int m = population.Count;
        var pi = new double[m];
        for (int y = 0; y < m; y++)
        {
            Array.Clear(pi);
            pi[y] = 1;
            Consider(population, k, pi, ref best, ref bestEps);
        }
        if (m > PairLimit)
        {
            return;
        }
        for (int y = 0; y < m; y++)
        {
            for (int z = y + 1; z < m; z++)
            {
                double Difference(double t)
                {
                    Array.Clear(pi);
                    pi[y] = t;
                    pi[z] = 1 - t;
                    var v = KSampleShares.Shares(population, pi, k);
                    return v[y] - v[z];
                }
                double lo = 1e-12, hi = 1 - 1e-12;
                double fLo = Difference(lo), fHi = Difference(hi);
                if (Math.Sign(fLo) == Math.Sign(fHi))
                {
                    continue;
                }
                for (int it = 0; it < 80 && hi - lo > 1e-17; it++)
                {
                    double mid = 0.5 * (lo + hi);
                    double f = Difference(mid);
                    if (Math.Sign(f) == Math.Sign(fLo))
                    {
                        lo = mid;
                        fLo = f;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
                Array.Clear(pi);
                pi[y] = 0.5 * (lo + hi);
                pi[z] = 1 - pi[y];
                Consider(population, k, pi, ref best, ref bestEps);
            }
        }
    }

    private static void Consider(UserPopulation population, int k, double[] candidate, ref double[] best, ref double bestEps)
    {
        double eps = KSampleShares.Exploitability(population, candidate, k);
        if (eps < bestEps)
        {
            bestEps = eps;
            best = candidate.ToArray();
        }
    }

    /// <summary>Damped Newton on v(π; y) = λ (y ∈ S), Σ_S π = 1, with active-set changes of S; true when the KKT conditions hold.</summary>
    private static bool Newton(UserPopulation population, int k, double[] start, out double[] result, out int steps)
    {
        int m = population.Count;
        double max = start.Max();
        var support = Enumerable.Range(0, m).Where(y => start[y] > 1e-6 * max).ToList();
        var pi = start.ToArray();
        result = pi;
        steps = 0;
        for (int round = 0; round < 2 * m; round++)
        {
            foreach (int y in Enumerable.Range(0, m).Except(support))
            {
                pi[y] = 0;
            }
            double total = support.Sum(y => pi[y]);
            foreach (int y in support)
            {
                pi[y] = total > 0 ? pi[y] / total : 1.0 / support.Count;
            }
            var initial = KSampleShares.Shares(population, pi, k);
            double lambda = support.Average(y => initial[y]);
            bool converged = false;
            for (int it = 0; it < 60; it++, steps++)
            {
                var residual = Residual(population, k, pi, lambda, support, out var v);
                double norm = residual.Max(Math.Abs);
                if (norm <= 1e-15)
                {
                    converged = true;
                    break;
                }
                var jacobian = Jacobian(population, k, pi, support);
                int n = support.Count + 1;
                var pivots = new int[n];
                if (!DenseLu.Factor(jacobian, n, pivots))
                {
                    break;
                }
                var delta = residual.Select(r => -r).ToArray();
                DenseLu.Solve(jacobian, n, pivots, delta);
                double alpha = 1.0;
                bool improved = false;
                for (int halving = 0; halving < 30; halving++, alpha *= 0.5)
                {
                    var trial = pi.ToArray();
                    for (int i = 0; i < support.Count; i++)
                    {
                        trial[support[i]] = pi[support[i]] + (alpha * delta[i]);
                    }
                    if (support.Any(y => trial[y] < 0))
                    {
                        continue;
                    }
                    double trialLambda = lambda + (alpha * delta[n - 1]);
                    if (Residual(population, k, trial, trialLambda, support, out _).Max(Math.Abs) < norm)
                    {
                        pi = trial;
                        lambda = trialLambda;
                        improved = true;
                        break;
                    }
                }
                if (!improved)
                {
                    converged = norm <= 1e-12;
                    break;
                }
            }
            var shares = KSampleShares.Shares(population, Renormalised(pi), k);
            int entering = Enumerable.Range(0, m).Where(y => !support.Contains(y)).DefaultIfEmpty(-1)
                .MaxBy(y => y < 0 ? double.NegativeInfinity : shares[y]);
            if (converged && (entering < 0 || shares[entering] <= lambda + 1e-13))
            {
                result = Renormalised(pi);
                return true;
            }
            int leaving = support.MinBy(y => pi[y]);
            if (pi[leaving] <= 1e-14 && support.Count > 1)
            {
                support.Remove(leaving);
            }
            else if (entering >= 0 && shares[entering] > lambda)
            {
                support.Add(entering);
                support.Sort();
                pi[entering] = 1e-6;
            }
            else
            {
                break;
            }
        }
        return false;
    }

    private static double[] Residual(UserPopulation population, int k, double[] pi, double lambda, List<int> support, out double[] shares)
    {
        shares = KSampleShares.Shares(population, Renormalised(pi), k);
        var r = new double[support.Count + 1];
        for (int i = 0; i < support.Count; i++)
        {
            r[i] = shares[support[i]] - lambda;
        }
        r[^1] = support.Sum(y => pi[y]) - 1.0;
        return r;
    }

    /// <summary>∂(v(π; y) − λ)/∂(π(z), λ) for y, z in the support, bordered by the sum constraint.</summary>
    private static double[] Jacobian(UserPopulation population, int k, double[] pi, List<int> support)
    {
        int s = support.Count, n = s + 1, m = population.Count;
        var j = new double[n * n];
        var below = new double[m];
        var positions = population.Positions;
        for (int u = 0; u < population.Users.Count; u++)
        {
            var user = population.Users[u];
            double acc = 0;
            for (int r = user.Ranking.Count - 1; r >= 0; r--)
            {
                below[user.Ranking[r]] = acc;
                acc += pi[user.Ranking[r]];
            }
            for (int a = 0; a < s; a++)
            {
                int y = support[a];
                double p = pi[y], q = Math.Min(below[y], 1.0 - p);
                double dq = KSampleShares.PhiDq(p, q, k);
                for (int b = 0; b < s; b++)
                {
                    int z = support[b];
                    if (z == y)
                    {
                        j[(a * n) + b] += user.Weight * KSampleShares.PhiDp(p, q, k);
                    }
                    else if (positions[u][z] > positions[u][y])
                    {
                        j[(a * n) + b] += user.Weight * dq;
                    }
                }
            }
        }
        for (int a = 0; a < s; a++)
        {
            j[(a * n) + s] = -1.0;
            j[(s * n) + a] = 1.0;
        }
        return j;
    }

    private static double[] Renormalised(double[] pi)
    {
        var x = pi.Select(v => Math.Max(v, 0.0)).ToArray();
        double sum = x.Sum();
        return x.Select(v => v / sum).ToArray();
    }

    private static double[] Normalise(double[] x)
    {
        double sum = x.Sum();
        return x.Select(v => v / sum).ToArray();
    }
}

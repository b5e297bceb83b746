
namespace ActiveAlignment.TestTimeScaling;

/// <summary>
/// Shares, win rates and robust rates when a k-output model shows k draws from π and a single-output opponent shows one
/// (docs/finite-games.md#test-time-scaling): for a response y with p = π(y) and qᵤ = π(responses u ranks below y),
/// v_k(π; y) = Σᵤ ρᵤ ((p + qᵤ)^{k+1} − qᵤ^{k+1}) / ((k+1) p) (limit qᵤ^k at p = 0),
/// WR_k(π, π′) = 1 − Σ_y π′(y) v_k(π; y), f_k(π) = 1 − max_y v_k(π; y).
/// </summary>
public static class KSampleShares
{
    /// <summary>
    /// φ_k(p, q) = ((p + q)^{k+1} − q^{k+1}) / ((k+1) p) = ∫₀¹ (q + s p)^k ds, evaluated without cancellation:
    /// for p &lt; q as q^k·expm1((k+1)·log1p(p/q)) / ((k+1) p/q) (in logarithms when the terms would overflow), otherwise
    /// through r = q/(p+q) ≤ ½ as (p+q)^{k+1}(1 − r^{k+1}) / ((k+1) p). Exact limits at p = 0 (q^k) and q = 0 (p^k/(k+1)).
    /// </summary>
    /// <param name="p">π(y) in [0, 1].</param>
    /// <param name="q">π(below y) in [0, 1], p + q ≤ 1.</param>
    /// <param name="k">k ≥ 0.</param>
    public static double Phi(double p, double q, int k)
    {
        if (p <= 0)
        {
            return Power(q, k);
        }
        if (q <= 0)
        {
            return Power(p, k) / (k + 1);
        }
        int n = k + 1;
        if (n <= MaxBinomialN)
        {
            // ((p + q)ⁿ − qⁿ)/(n p) = (1/n) Σ_{j=1..n} C(n, j) p^{j−1} q^{n−j}: positive terms, so no cancellation (relative error
            // about 3n·u). Horner in p with the powers of q built alongside: no division, logarithm or exponential.
            return BinomialSum(p, q, n, Binomials[n]);
        }
        if (p < q)
        {
            double x = p / q;
            double z = n * AccurateMath.Log1P(x);
            if (z < 30)
            {
                return Math.Pow(q, k) * AccurateMath.Expm1(z) / (n * x);
            }
            // expm1(z) = e^z (1 − e^{−z}): combine in logarithms so q^k and e^z never over- or underflow separately.
            return Math.Exp((k * Math.Log(q)) + z + AccurateMath.Log1P(-Math.Exp(-z)) - Math.Log(n * x));
        }
        double total = p + q;
        double ratio = q / total;
        return Math.Exp(n * Math.Log(total)) * -AccurateMath.Expm1(n * Math.Log(ratio)) / (n * p);
    }

    /// <summary>∂φ_k/∂q = k·φ_{k−1}(p, q).</summary>
    /// <summary>Up to this n = k + 1 the binomial sum is used (every C(n, j) is exact in a double).</summary>
    /// <summary>
    /// xᵏ by repeated squaring for k ≤ 64, Math.Pow beyond. A squaring doubles the relative error it is given and adds one
    /// rounding, so the result is within (k − 1)·u (about 7e-15 at k = 64) of xᵏ, for results in the normal range; Math.Pow
    /// is within an ulp but costs ten times as much, and it is called for every response a policy leaves out.
    /// </summary>
    internal static double Power(double x, int k)
    {
        if (k > 64)
        {
            return Math.Pow(x, k);
        }
        double result = 1.0, square = x;
        while (k > 0)
        {
            if ((k & 1) != 0)
            {
                result *= square;
            }
            k >>= 1;
            if (k > 0)
            {
                square *= square;
            }
        }
        return result;
    }

    /// <summary>
    /// (1/n) Σ_{j=1..n} C(n, j) p^{j−1} q^{n−j} by Horner in p with the powers of q built alongside (Phi's formula for
    /// n ≤ 33); n = 6 (k = 5, the usual case) is written out, with the same operations in the same order.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double BinomialSum(double p, double q, int n, double[] binomials)
    {
        if (n == 6)
        {
            double q2 = q * q, q3 = q2 * q, q4 = q3 * q, q5 = q4 * q;
            double acc = (1.0 * p) + (6.0 * q);
            acc = (acc * p) + (15.0 * q2);
            acc = (acc * p) + (20.0 * q3);
            acc = (acc * p) + (15.0 * q4);
            acc = (acc * p) + (6.0 * q5);
            return acc / 6;
        }
        double sum = 1.0, qPower = 1.0;
        for (int j = n - 1; j >= 1; j--)
        {
            qPower *= q;
            sum = (sum * p) + (binomials[j] * qPower);
        }
        return sum / n;
    }

    private const int MaxBinomialN = 33;

    private static readonly double[][] Binomials = BuildBinomials();

    private static double[][] BuildBinomials()
    {
        var table = new double[MaxBinomialN + 1][];
        for (int n = 0; n <= MaxBinomialN; n++)
        {
            table[n] = new double[n + 1];
            table[n][0] = table[n][n] = 1;
            for (int j = 1; j < n; j++)
            {
                table[n][j] = table[n - 1][j - 1] + table[n - 1][j];
            }
        }
        return table;
    }

    internal static double PhiDq(double p, double q, int k) => k == 0 ? 0.0 : k * Phi(p, q, k - 1);

    /// <summary>∂φ_k/∂p = ((p+q)^k − φ_k) / p (limit k q^{k−1}/2 as p → 0).</summary>
    internal static double PhiDp(double p, double q, int k)
    {
        if (k == 0)
        {
            return 0.0;
        }
        if (p < 1e-8)
        {
            return k * Math.Pow(q, k - 1) / 2.0;
        }
        return (Math.Pow(p + q, k) - Phi(p, q, k)) / p;
    }

    /// <summary>v_k(π; y) for every response y, in O(U·m).</summary>
    /// <param name="population">The users.</param>
    /// <param name="policy">π on the responses (non-negative, sums to 1).</param>
    /// <param name="k">k ≥ 0 draws of the k-output model.</param>
    /// <param name="shares">Receives v_k(π; ·), length m.</param>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    /// <exception cref="ArgumentException">A length is not m, k &lt; 0, or π is not on the simplex.</exception>
    public static void Shares(UserPopulation population, ReadOnlySpan<double> policy, int k, Span<double> shares)
    {
        Preconditions.CheckNotNull(population);
        Preconditions.CheckAtLeast(k, 0, nameof(k));
        int m = population.Count;
        Preconditions.CheckLength(shares.Length, m, nameof(shares), "responses");
        Preconditions.CheckMixture(policy, m, nameof(policy));
        shares.Clear();
        ReadOnlySpan<int> rankings = population.RankingsWorstFirst;
        ReadOnlySpan<double> weights = population.Weights;
        int n = k + 1;
        double[]? binomials = n <= MaxBinomialN ? Binomials[n] : null;
        int u = 0;
        for (; u < weights.Length; u++)
        {
            double weight = weights[u], below = 0;
            // Walk the ranking from the worst response up: q is the mass strictly below.
            foreach (int y in rankings.Slice(u * m, m))
            {
                double p = Math.Max(policy[y], 0.0);
                double q = Math.Min(below, 1.0 - p);
                double phi;
                if (binomials is not null && p > 0 && q > 0)
                {
                    // Phi's binomial sum, inline (the same operations in the same order).
                    phi = BinomialSum(p, q, n, binomials);
                }
                else
                {
                    phi = Phi(p, q, k);
                }
                shares[y] += weight * phi;
                below += p;
            }
        }
    }

    /// <summary>v_k(π; ·) as a new array.</summary>
    /// <param name="population">The users.</param>
    /// <param name="policy">π.</param>
    /// <param name="k">k ≥ 0.</param>
    /// <exception cref="ArgumentException">See <see cref="Shares(UserPopulation, ReadOnlySpan{double}, int, Span{double})"/>.</exception>
    public static double[] Shares(UserPopulation population, ReadOnlySpan<double> policy, int k)
    {
        Preconditions.CheckNotNull(population);
        var shares = new double[population.Count];
        Shares(population, policy, k, shares);
        return shares;
    }

    /// <summary>WR_k(π, π′) = 1 − Σ_y π′(y) v_k(π; y): the probability that the k-output model wins.</summary>
    /// <param name="population">The users.</param>
    /// <param name="policy">π of the k-output model.</param>
    /// <param name="opponent">π′ of the single-output opponent.</param>
    /// <param name="k">k ≥ 0.</param>
    /// <exception cref="ArgumentException">A policy is not on the simplex or has the wrong length.</exception>
    public static double WinRate(UserPopulation population, ReadOnlySpan<double> policy, ReadOnlySpan<double> opponent, int k)
    {
        var shares = Shares(population, policy, k);
        Preconditions.CheckMixture(opponent, population.Count, nameof(opponent));
        double lost = 0;
        for (int y = 0; y < shares.Length; y++)
        {
            lost += opponent[y] * shares[y];
        }
        return 1.0 - lost;
    }

    /// <summary>f_k(π) = 1 − max_y v_k(π; y): the win rate against the worst single-output opponent (a pure one).</summary>
    /// <param name="population">The users.</param>
    /// <param name="policy">π.</param>
    /// <param name="k">k ≥ 0.</param>
    /// <exception cref="ArgumentException">π is not on the simplex or has the wrong length.</exception>
    public static double RobustRate(UserPopulation population, ReadOnlySpan<double> policy, int k)
        => 1.0 - Shares(population, policy, k).Max();

    /// <summary>ε(π) = max_y v_k(π; y) − 1/(k+1) ≥ 0: the exploitability of the symmetric profile (π, …, π).</summary>
    /// <param name="population">The users.</param>
    /// <param name="policy">π.</param>
    /// <param name="k">k ≥ 0.</param>
    /// <exception cref="ArgumentException">π is not on the simplex or has the wrong length.</exception>
    public static double Exploitability(UserPopulation population, ReadOnlySpan<double> policy, int k)
        => Math.Max(0.0, Shares(population, policy, k).Max() - (1.0 / (k + 1)));
}

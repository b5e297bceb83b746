using ActiveAlignment.Testing;
using System.Numerics;
using ActiveAlignment.Numerics.Exact;
using ActiveAlignment.TestTimeScaling;

namespace ActiveAlignment.Tests.TestTimeScaling;

public class TestTimeScalingTests
{
    internal const string Example = FiniteGameSamples.Example;

    internal static UserPopulation RandomPopulation(int seed, int m, int users) => Testing.SeededGenerators.RandomUserPopulation(seed, m, users);

    private static double ExplicitSum(double p, double q, int k)
    {
        double sum = 0;
        double binomial = 1;
        for (int t = 0; t <= k; t++)
        {
            sum += binomial * Math.Pow(p, t) * Math.Pow(q, k - t) / (t + 1);
            binomial = binomial * (k - t) / (t + 1);
        }
        return sum;
    }

    private static double ExactPhi(double p, double q, int k)
    {
        var rp = Rational.FromDouble(p);
        var rq = Rational.FromDouble(q);
        var s = rp + rq;
        var a = new Rational(BigInteger.Pow(s.Numerator, k + 1), BigInteger.Pow(s.Denominator, k + 1));
        var b = new Rational(BigInteger.Pow(rq.Numerator, k + 1), BigInteger.Pow(rq.Denominator, k + 1));
        return ((a - b) / (rp * (k + 1))).ToDouble();
    }

    [Fact]
    public void Phi_MatchesTheExplicitBinomialSum()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 500; trial++)
        {
            double p = rng.NextDouble(), q = rng.NextDouble() * (1 - p);
            int k = rng.Next(0, 30);
            KSampleShares.Phi(p, q, k).Should().BeApproximately(ExplicitSum(p, q, k), 1e-14 * Math.Max(1e-300, ExplicitSum(p, q, k)) + 1e-300);
        }
    }

    [Theory]
    [InlineData(1e-13, 0.6, 3)]
    [InlineData(1e-9, 0.999, 50)]
    [InlineData(0.3, 0.7, 2000)]
    [InlineData(1e-6, 0.9, 10000)]
    [InlineData(0.5, 0.49, 10000)]
    [InlineData(0.2, 1e-12, 7)]
    public void Phi_SmallPOrLargeK_MatchesExactRationalArithmeticToRelative1e13(double p, double q, int k)
    {
        double exact = ExactPhi(p, q, k);
        double value = KSampleShares.Phi(p, q, k);
        double.IsFinite(value).Should().BeTrue();
        if (exact == 0)
        {
            value.Should().BeLessThan(1e-300);
        }
        else
        {
            (Math.Abs(value - exact) / exact).Should().BeLessThan(1e-13);
        }
    }

    [Fact]
    public void Phi_Limits_AreExact()
    {
        KSampleShares.Phi(0, 0.7, 5).Should().Be(Math.Pow(0.7, 5));
        KSampleShares.Phi(0.5, 0, 3).Should().Be(Math.Pow(0.5, 3) / 4);
    }

    [Fact]
    public void Shares_AnyPolicy_AverageToOneOverKPlusOne()
    {
        for (int seed = 0; seed < 30; seed++)
        {
            var population = RandomPopulation(seed, 2 + (seed % 12), 1 + (seed % 9));
            var rng = new Random(seed);
            var pi = Enumerable.Range(0, population.Count).Select(_ => rng.NextDouble() < 0.2 ? 0.0 : rng.NextDouble()).ToArray();
            if (pi.Sum() == 0)
            {
                pi[0] = 1;
            }
            pi = pi.Select(x => x / pi.Sum()).ToArray();
            int k = 1 + (seed % 7);
            var v = KSampleShares.Shares(population, pi, k);
            pi.Zip(v, (a, b) => a * b).Sum().Should().BeApproximately(1.0 / (k + 1), 1e-14);
        }
    }

    [Fact]
    public void WinRate_AgainstItselfAtKEqualsOne_IsOneHalf()
    {
        var population = UserPopulation.Read(Example);
        double[] pi = [0.2, 0.5, 0.3];
        KSampleShares.WinRate(population, pi, pi, 1).Should().BeApproximately(0.5, 1e-15);
        KSampleShares.WinRate(population, pi, [0, 1, 0], 3).Should().BeApproximately(1 - KSampleShares.Shares(population, pi, 3)[1], 1e-15);
    }

    [Theory]
    [InlineData(0, 5, 3, 1)]
    [InlineData(1, 10, 20, 2)]
    [InlineData(2, 30, 50, 5)]
    [InlineData(3, 12, 7, 10)]
    [InlineData(4, 20, 30, 3)]
    [InlineData(5, 8, 40, 1)]
    public void Solve_SeededRandomPopulations_RobustRateIsBoundMinusExploitability(int seed, int m, int users, int k)
    {
        var population = RandomPopulation(seed, m, users);

        var eq = AlignmentEquilibrium.Solve(population, k);

        eq.RobustRate.Should().BeApproximately(eq.Bound - eq.Exploitability, 1e-14);
        eq.RobustRate.Should().BeApproximately(KSampleShares.RobustRate(population, eq.Policy.ToArray(), k), 1e-15);
        eq.Policy.Sum().Should().BeApproximately(1.0, 1e-12);
        eq.Exploitability.Should().BeLessThan(1e-10);
        eq.Refined.Should().BeTrue();
        eq.SelfPlay.RegretTrace.Should().NotBeEmpty();
        eq.SelfPlay.RegretTrace[^1].AverageRegret.Should().BeLessThan(Math.Sqrt(Math.Log(m) / eq.SelfPlay.Iterations) * 2);
    }

    [Theory]
    [InlineData(700)]
    [InlineData(1000)]
    [InlineData(5000)]
    public void Solve_LargeKWithAPureOptimum_IsExactAndCertified(int k)
    {
        // One user type: showing only its favourite is an exact equilibrium (ε = 0), which iterative methods approach slowly.
        var population = UserPopulation.Create(["best", "other"], [(1.0, ["best", "other"])]);

        var eq = AlignmentEquilibrium.Solve(population, k);

        eq.Exploitability.Should().BeLessThanOrEqualTo(SymmetricEquilibrium.CertificationTolerance);
        eq.IsCertified.Should().BeTrue();
        eq.Policy[0].Should().Be(1.0);
        eq.RobustRate.Should().BeApproximately(eq.Bound, 1e-15);
    }

    [Fact]
    public void Solve_Uncertified_IsReportedSo()
    {
        // Too few self-play rounds cannot make a policy certified by themselves; the flag must follow ε, whatever it is.
        var population = RandomPopulation(7, 25, 40);
        var eq = AlignmentEquilibrium.Solve(population, 3, selfPlayIterations: 5);
        eq.IsCertified.Should().Be(eq.Exploitability <= SymmetricEquilibrium.CertificationTolerance);
    }

    /// <summary>"a" beats b with 0.6 and c with 0.7: it is the Condorcet winner, its weakest majority 0.6.</summary>
    private static UserPopulation Condorcet() => UserPopulation.Read("""
        { "responses": ["a", "b", "c"],
          "users": [ { "weight": 0.3, "ranking": ["a", "b", "c"] },
                     { "weight": 0.3, "ranking": ["a", "c", "b"] },
                     { "weight": 0.1, "ranking": ["c", "a", "b"] },
                     { "weight": 0.3, "ranking": ["b", "c", "a"] } ] }
        """);

    [Fact]
    public void MaximalLottery_CondorcetWinner_IsDeterministicAndStopsGrowing()
    {
        var population = Condorcet();
        population.PairwisePreference(0, 1).Should().Be(new Rational(7, 10));
        population.PairwisePreference(0, 2).Should().Be(new Rational(6, 10));

        var lottery = MaximalLottery.Compute(population);

        lottery.IsCertified.Should().BeTrue();
        lottery.Policy.Should().Equal(Rational.One, Rational.Zero, Rational.Zero);
        for (int k = 1; k <= 10; k++)
        {
            KSampleShares.RobustRate(population, lottery.PolicyAsDoubles(), k).Should().BeApproximately(Math.Min((double)k / (k + 1), 0.6), 1e-15);
        }
    }

    [Fact]
    public void MaximalLottery_CyclicPopulation_IsUniformOnTheCycle()
    {
        // Three equal user types rotate x > y > z: each beats the next 2/3 to 1/3, and everybody ranks w last.
        var cyclic = UserPopulation.Create(["x", "y", "z", "w"],
        [
            (1.0 / 3, ["x", "y", "z", "w"]),
            (1.0 / 3, ["y", "z", "x", "w"]),
            (1.0 / 3, ["z", "x", "y", "w"]),
        ]);

        var lottery = MaximalLottery.Compute(cyclic);

        lottery.IsCertified.Should().BeTrue();
        lottery.Policy.Should().Equal(new Rational(1, 3), new Rational(1, 3), new Rational(1, 3), Rational.Zero);
    }

    [Fact]
    public void Read_Example_ParsesExactWeights()
    {
        var population = UserPopulation.Read(Example);
        population.Responses.Should().Equal("concise", "detailed", "clarify");
        population.Users[0].ExactWeight.Should().Be(new Rational(2, 5));
        population.Prefers(1, 1, 2).Should().BeTrue();
    }

    [Theory]
    [InlineData("\"weight\": 0.4", "\"weight\": 0", "pop.json: users[0].weight = 0; a weight must be > 0.", "users[0].weight")]
    [InlineData("\"weight\": 0.4", "\"weight\": 0.5", "pop.json: the user weights sum to 1.1; they must sum to 1 (within 1e-9).", "users")]
    [InlineData("[\"concise\", \"detailed\", \"clarify\"] }", "[\"concise\", \"detailed\"] }", "pop.json: users[0].ranking has 2 of the 3 responses (\"clarify\" is missing)*", "users[0].ranking")]
    [InlineData("[\"concise\", \"detailed\", \"clarify\"] }", "[\"concise\", \"concise\", \"clarify\"] }", "pop.json: users[0].ranking[1] \"concise\" appears twice*", "users[0].ranking[1]")]
    [InlineData("[\"concise\", \"detailed\", \"clarify\"] }", "[\"concise\", \"verbose\", \"clarify\"] }", "pop.json: users[0].ranking[1] \"verbose\" is not a response*", "users[0].ranking[1]")]
    [InlineData("[\"concise\", \"detailed\", \"clarify\"],", "[\"concise\", \"detailed\", \"concise\"],", "pop.json: responses[2] \"concise\" repeats responses[0]; names must be unique.", "responses[2]")]
    [InlineData("\"weight\": 0.4,", "\"weight\": 0.4, \"name\": \"a\",", "pop.json: unknown property \"users[0].name\"*", "users[0].name")]
    public void Read_InvalidPopulation_NamesThePath(string from, string to, string message, string path)
    {
        Example.Should().Contain(from);
        var act = () => UserPopulation.Read(Example.Replace(from, to, StringComparison.Ordinal), "pop.json");
        var error = act.Should().Throw<ActiveAlignment.FiniteGames.FiniteGameFormatException>().Which;
        error.Message.Should().Match(message);
        error.JsonPath.Should().Be(path);
    }
    [Fact]
    public void Power_by_squaring_is_within_k_roundings_of_the_exact_power()
    {
        var rng = new Random(17);
        for (int trial = 0; trial < 3000; trial++)
        {
            double x = rng.NextDouble() * (rng.Next(2) == 0 ? 1 : 1e-3);
            int k = rng.Next(0, 65);
            double fast = KSampleShares.Power(x, k);
            Rational exact = Rational.One;
            var rx = Rational.FromDouble(x);
            for (int i = 0; i < k; i++)
            {
                exact *= rx;
            }
            double reference = exact.ToDouble();
            if (reference == 0 || double.IsSubnormal(reference))
            {
                continue; // below the normal range the relative bound does not apply
            }
            // (k − 1)·u from the squarings and products, and half an ulp more for rounding the exact power to a double.
            Math.Abs(fast - reference).Should().BeLessThanOrEqualTo(Math.Max(k, 1) * 1.1102230246251565e-16 * reference, $"x = {x:R}, k = {k}");
        }
    }
}

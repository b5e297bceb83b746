using ActiveAlignment.Steering;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Tests.Steering;

/// <summary>
/// Minimum diversity is exact and complete: the reported intervals agree with an independent dense scan (MathNet's solve of
/// the bordered system at every point), including narrow windows that a coarse scan steps over.
/// </summary>
public class MinimumDiversityExactTests
{
    /// <summary>Every wₖ ≥ τ at the interior closed form, computed here with MathNet (independent of the library).</summary>
    private static bool Represented(AlignmentGame g, double lambdaD, double tau)
    {
        int k = g.Count;
        var a = Matrix<double>.Build.Dense(k + 1, k + 1);
        var b = Vector<double>.Build.Dense(k + 1);
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                a[i, j] = (2 * g.Coefficients.Consistency * g.Inconsistency[i, j]) + (lambdaD * g.Similarity[i, j]);
            }
            a[i, k] = 1;
            a[k, i] = 1;
            b[i] = g.Coefficients.Attractiveness * g.Attractiveness[i];
        }
        b[k] = 1;
        var x = a.LU().Solve(b);
        for (int i = 0; i < k; i++)
        {
            if (!(x[i] >= tau))
            {
                return false;
            }
        }
        return true;
    }

    private static AlignmentGame Random(int seed)
    {
        var rng = new Random(seed);
        int k = 3 + (seed % 3);
        var c = Testing.SeededGenerators.RandomPsd(rng, k, 0.02);
        // An indefinite similarity kernel makes the weights non-monotone in λ_D: windows appear.
        var s = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                s[i, j] = s[j, i] = i == j ? 1 : (rng.NextDouble() - 0.5) * 1.6;
            }
        }
        var names = Enumerable.Range(0, k).Select(i => $"g{i}").ToArray();
        return AlignmentGame.Create(names, Enumerable.Range(0, k).Select(_ => rng.NextDouble()).ToArray(), c, 4,
            new IncentiveCoefficients(1, 0.05 + (0.5 * rng.NextDouble()), 0), s);
    }

    [Fact]
    public void Find_RandomGames_IntervalsMatchAnIndependentDenseScan()
    {
        const double max = 20;
        const int points = 20_000;
        int windows = 0;
        for (int seed = 0; seed < 60; seed++)
        {
            var game = Random(seed);
            double tau = 0.02 + (0.1 * (seed % 5) / 5);
            var result = MinimumDiversity.Find(game, tau, max);
            bool Inside(double t) => result.Intervals.Any(iv => t >= iv.From - (1e-9 * (1 + iv.From)) && t <= iv.To + (1e-9 * (1 + iv.To)));
            for (int i = 0; i <= points; i++)
            {
                double t = max * i / points;
                if (Represented(game, t, tau))
                {
                    Inside(t).Should().BeTrue($"seed {seed}: λ_D = {t} represents every group, intervals {string.Join(", ", result.Intervals)}");
                }
            }
            foreach (var (from, to) in result.Intervals)
            {
                Represented(game, from + (0.5 * (to - from)), tau).Should().BeTrue($"seed {seed}: the midpoint of [{from}, {to}] must be feasible");
            }
            if (result.Value is double v)
            {
                result.Intervals[0].From.Should().Be(v);
                Represented(game, v * (1 + 1e-9), tau).Should().BeTrue();
            }
            windows += result.Intervals.Count(iv => iv.To < max && iv.From > 0);
        }
        windows.Should().BeGreaterThan(0, "the generator must produce bounded windows for the test to mean anything");
    }

    [Fact]
    public void Find_NarrowWindowBetweenScanPoints_IsFound()
    {
        // Search the generator for a window narrower than a 512-point scan's step on [0, 100], and check it is reported.
        for (int seed = 0; seed < 400; seed++)
        {
            var game = Random(seed);
            var result = MinimumDiversity.Find(game, 0.05, 100);
            var narrow = result.Intervals.FirstOrDefault(iv => iv.From > 0 && iv.To < 100 && iv.To - iv.From < 100.0 / 512);
            if (narrow != default)
            {
                result.Value.Should().NotBeNull();
                Represented(game, 0.5 * (narrow.From + narrow.To), 0.05).Should().BeTrue();
                return;
            }
        }
        Assert.Fail("the generator produced no window narrower than a 512-point scan step: the test would mean nothing");
    }

    [Fact]
    public void Find_ThresholdAboveOneOverK_SaysWhy()
    {
        var result = MinimumDiversity.Find(TestGames.WorkedExample(), 0.34, 100);
        result.Value.Should().BeNull();
        result.Reason.Should().Contain("1/K");
    }
}

using ActiveAlignment.Estimation;

namespace ActiveAlignment.Tests.Estimation;

public class PercentileTests
{
    [Theory]
    // numpy.quantile(x, p) (method "linear", the default) for x = [3, 1, 4, 1, 5, 9, 2, 6]
    [InlineData(0.0, 1.0)]
    [InlineData(0.025, 1.0)]
    [InlineData(0.5, 3.5)]
    [InlineData(0.9, 6.899999999999999)]
    [InlineData(0.975, 8.474999999999998)]
    [InlineData(1.0, 9.0)]
    public void Quantiles_match_numpys_linear_method(double p, double expected)
    {
        double[] x = [3, 1, 4, 1, 5, 9, 2, 6];
        Array.Sort(x);
        Percentile.Quantile(x, p).Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void Quantiles_agree_with_the_textbook_type_7_definition_on_random_samples()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 500; trial++)
        {
            int n = random.Next(1, 40);
            var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 10 - 5).OrderBy(v => v).ToArray();
            double p = random.NextDouble();
            // Hyndman & Fan (1996), definition 7: Q(p) = (1 − γ) x_j + γ x_{j+1}, j = ⌊(n − 1)p⌋ + 1 (1-based), γ = (n − 1)p − ⌊(n − 1)p⌋.
            double h = (n - 1) * p;
            int j = (int)Math.Floor(h);
            double gamma = h - j;
            double expected = j + 1 < n ? ((1 - gamma) * x[j]) + (gamma * x[j + 1]) : x[n - 1];
            Percentile.Quantile(x, p).Should().BeApproximately(expected, 1e-12 * (1 + Math.Abs(expected)));
        }
    }

    [Fact]
    public void Unreachable_values_count_as_infinity()
    {
        double[] x = [1, 2, double.PositiveInfinity, double.PositiveInfinity];
        Percentile.Quantile(x, 0.5).Should().Be(double.PositiveInfinity);
        Percentile.Quantile(x, 0.0).Should().Be(1);
        Percentile.Interval([1.0, 2.0, double.PositiveInfinity], 0.5)!.Value.Upper.Should().Be(double.PositiveInfinity);
        Percentile.Interval([], 0.9).Should().BeNull();
    }
}

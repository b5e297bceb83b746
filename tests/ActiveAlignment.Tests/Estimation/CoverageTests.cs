using System.Globalization;
using System.Text;
using ActiveAlignment.Estimation;

namespace ActiveAlignment.Tests.Estimation;

/// <summary>
/// Do nominal 90% percentile intervals of equilibrium weights cover the true weights about 90% of the time, group by group?
/// 200 datasets are simulated from a known game (the worked example, interior equilibrium), each estimated and bootstrapped
/// with B = 199. Under correct coverage the number of covering datasets per group is Binomial(200, 0.9): mean 180, standard
/// deviation 4.24; the test accepts [166, 194], the two-sided 99.9% range (±3.29 sd), for each group separately.
/// </summary>
public class CoverageTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly string[] Groups = ["left", "center", "right"];
    private static readonly double[] TrueA = [0.5, 0.3, 0.2];
    private static readonly double[,] TrueC = { { 1.0, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.1, 0.2, 1.2 } };
    private static readonly IncentiveCoefficients Lambda = new(1.0, 0.5, 0.3);

    [Fact]
    public void Nominal_90_percent_intervals_cover_each_groups_true_weight_at_a_binomially_consistent_rate()
    {
        var truth = EquilibriumSolver.Solve(AlignmentGame.Create(Groups, TrueA, TrueC, 4, Lambda));
        truth.Status.Should().Be(ActiveAlignment.Equilibria.EquilibriumStatus.Interior);
        const int datasets = 200;
        var covered = new int[Groups.Length];
        for (int d = 0; d < datasets; d++)
        {
            var random = new Random(1000 + d);
            var (aCsv, cCsv) = Simulate(random);
            var a = AttractivenessTable.Read(new StringReader(aCsv));
            var c = PairTable.Read(new StringReader(cCsv), a.Groups);
            a.Groups.Should().Equal(Groups);
            var estimate = GameEstimator.Estimate(a, c, null, GameEstimator.Template(a.Groups, 4, Lambda),
                new EstimationOptions { Replicates = 199, Seed = (ulong)d + 1 });
            var u = EnsembleAnalysis.Solve(estimate.Ensemble, threshold: 0.01, confidence: 0.90);
            u.CertifiedReplicates.Should().Be(199);
            for (int k = 0; k < Groups.Length; k++)
            {
                var interval = u.Groups[k].Interval!.Value;
                if (interval.Lower <= truth.Weights[k] && truth.Weights[k] <= interval.Upper)
                {
                    covered[k]++;
                }
            }
        }
        output.WriteLine($"coverage of nominal 90% intervals over {datasets} datasets: " +
            string.Join(", ", Groups.Select((g, k) => $"{g} {covered[k]}/{datasets}")));
        for (int k = 0; k < Groups.Length; k++)
        {
            covered[k].Should().BeInRange(166, 194, $"group {Groups[k]}: {covered[k]} of {datasets} intervals cover the true weight");
        }
    }

    /// <summary>300 users with 2 posts each (a per-user effect), 150 prompts measuring every pair (a per-prompt effect).</summary>
    private static (string Attractiveness, string Inconsistency) Simulate(Random random)
    {
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var a = new StringBuilder("unit,group,value\n");
        for (int g = 0; g < Groups.Length; g++)
        {
            a.Append(CultureInfo.InvariantCulture, $"seed{g},{Groups[g]},{TrueA[g] + (0.2 * Normal()):R}\n");
        }
        for (int u = 0; u < 300; u++)
        {
            double effect = 0.05 * Normal();
            for (int post = 0; post < 2; post++)
            {
                int g = random.Next(Groups.Length);
                a.Append(CultureInfo.InvariantCulture, $"u{u},{Groups[g]},{TrueA[g] + effect + (0.2 * Normal()):R}\n");
            }
        }
        var c = new StringBuilder("prompt,group_a,group_b,score\n");
        for (int p = 0; p < 150; p++)
        {
            double effect = 0.03 * Normal();
            for (int i = 0; i < Groups.Length; i++)
            {
                for (int j = i; j < Groups.Length; j++)
                {
                    c.Append(CultureInfo.InvariantCulture, $"p{p},{Groups[i]},{Groups[j]},{TrueC[i, j] + effect + (0.1 * Normal()):R}\n");
                }
            }
        }
        return (a.ToString(), c.ToString());
    }
}


namespace ActiveAlignment.Tests.Equilibria;

/// <summary>
/// Valid games whose products λ·C are subnormal (C = 1e-300·I with λ_C = 1e-10, or C = 5e-324·I): the interaction is below the
/// rounding of the data, so the objective is linear to working precision. The solver answers them (the best vertices), never
/// with NaN weights or an exception; a batch answers every record.
/// </summary>
public class SubnormalGameTests
{
    private static AlignmentGame Game(double c, double lambdaC, double diversity, double[] a) => AlignmentGame.Create(
        ["x", "y", "z"], a, new double[,] { { c, 0, 0 }, { 0, c, 0 }, { 0, 0, c } }, 4, new IncentiveCoefficients(1, lambdaC, diversity));

    [Theory]
    [InlineData(1e-300, 1e-10, 0.0)]
    [InlineData(5e-324, 1.0, 0.0)]
    [InlineData(1e-310, 1.0, 0.3)]
    [InlineData(5e-324, 1e10, 0.0)]
    public void SubnormalInteraction_IsAnsweredAtTheBestVertex(double c, double lambdaC, double diversity)
    {
        var eq = EquilibriumSolver.Solve(Game(c, lambdaC, diversity, [1, 2, 3]));
        eq.Weights.Should().OnlyContain(w => double.IsFinite(w) && w >= 0);
        eq.Weights.Sum().Should().BeApproximately(1, 1e-12);
        if (diversity == 0)
        {
            eq.WeightOf("z").Should().Be(1.0, "the attractiveness 3 of z dominates a curvature below the data's rounding");
            eq.ShouldBeCertified();
        }
        _ = eq.Stability.Label; // decided without throwing
    }

    [Fact]
    public void ABatch_AnswersEveryRecord_WhateverOneOfThemIs()
    {
        string bad = """{"subpopulations":[{"name":"x","attractiveness":1},{"name":"y","attractiveness":2},{"name":"z","attractiveness":3}],"inconsistency":[[1e-300,0,0],[0,1e-300,0],[0,0,1e-300]],"agents":4,"coefficients":{"attractiveness":1,"consistency":1e-10,"diversity":0}}""";
        string good = File.ReadAllText(Path.Combine(TestPaths.Samples, "ideological.json")).Replace("\n", " ", StringComparison.Ordinal);
        using var output = new MemoryStream();
        var summary = global::ActiveAlignment.Serialization.JsonLinesBatch.Solve(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(good + "\n" + bad + "\n" + good + "\n")), output, 0.01);
        summary.Certified.Should().Be(3);
        System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3)
            .And.OnlyContain(l => l.Contains("\"certified\":true", StringComparison.Ordinal));
    }
}

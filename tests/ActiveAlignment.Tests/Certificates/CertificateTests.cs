using ActiveAlignment.Certificates;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Tests.Certificates;

public class CertificateTests
{
    /// <summary>Brute force over a fine grid of the 2-simplex: the exact best response can never be beaten.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void BestResponse_ThreeGroups_IsNotBeatenByAnyGridPoint(int seed)
    {
        var game = TestGames.Random(new Random(seed), 3, 4, identitySimilarity: seed % 2 == 0, attractivenessSpread: 2.0);
        var others = new[] { 0.2, 0.5, 0.3 };

        var response = BestResponse.Compute(game, others);

        response.IsCertified.Should().BeTrue();
        game.Utility(response.Weights.ToArray(), others).Should().BeApproximately(response.Utility, 1e-14);
        const int steps = 300;
        for (int i = 0; i <= steps; i++)
        {
            for (int j = 0; i + j <= steps; j++)
            {
                double[] v = [(double)i / steps, (double)j / steps, (double)(steps - i - j) / steps];
                game.Utility(v, others).Should().BeLessThanOrEqualTo(response.Utility + 1e-13);
            }
        }
    }

    [Fact]
    public void BestResponse_LinearUtility_IsBestVertex()
    {
        var game = TestGames.WorkedExample().WithCoefficients(new IncentiveCoefficients(1.0, 0.0, 1.0));
        var response = BestResponse.Compute(game, [0.6, 0.2, 0.2]);

        // b = a − S w̄ = (−0.1, 0.1, 0.0): the centre vertex.
        response.Weights.Should().Equal(0.0, 1.0, 0.0);
        response.Utility.Should().BeApproximately(0.1, 1e-15);
    }

    [Fact]
    public void OfProfile_EquilibriumCopiedToEveryAgent_HasZeroGap()
    {
        var game = TestGames.WorkedExample();
        var eq = EquilibriumSolver.Solve(game);
        var profile = Enumerable.Range(0, game.Agents).Select(_ => eq.Weights.ToArray()).ToList();

        var report = NashGap.OfProfile(game, profile);

        report.IsCertified.Should().BeTrue();
        report.AgentGaps.Should().HaveCount(4);
        report.Gap.Should().BeLessThanOrEqualTo(1e-12);
    }

    [Fact]
    public void OfProfile_OneAgentDeviates_HasPositiveGapForThatAgent()
    {
        var game = TestGames.WorkedExample();
        var eq = EquilibriumSolver.Solve(game);
        var profile = Enumerable.Range(0, game.Agents).Select(_ => eq.Weights.ToArray()).ToList();
        profile[2] = [0.0, 0.0, 1.0];

        var report = NashGap.OfProfile(game, profile);

        report.WorstAgent.Should().Be(2);
        report.Gap.Should().BeGreaterThan(0.1);
        report.AgentGaps[2].Should().Be(report.Gap);
        // Against the others' mean, agent 2's exact gap is U(BR) − U(vertex): recompute it independently.
        var others = new double[3];
        for (int k = 0; k < 3; k++)
        {
            others[k] = (profile[0][k] + profile[1][k] + profile[3][k]) / 3;
        }
        var br = BestResponse.Compute(game, others);
        report.AgentGaps[2].Should().BeApproximately(br.Utility - game.Utility(profile[2], others), 1e-15);
    }

    [Fact]
    public void OfProfile_WrongNumberOfMixtures_Throws()
    {
        var act = () => NashGap.OfProfile(TestGames.WorkedExample(), [[1.0, 0, 0]]);
        act.Should().Throw<ArgumentException>().WithMessage("profile has 1 mixtures, expected one for each of the 4 agents.*");
    }

    [Fact]
    public void OfHomogeneous_PointOffTheSimplex_Throws()
    {
        var act = () => NashGap.OfHomogeneous(TestGames.WorkedExample(), [0.5, 0.6, 0.1]);
        act.Should().Throw<ArgumentException>().WithMessage("weights sums to 1.2*");
        var negative = () => NashGap.OfHomogeneous(TestGames.WorkedExample(), [1.5, -0.5, 0.0]);
        negative.Should().Throw<ArgumentException>().WithMessage("weights[1] = -0.5; a mixture's weights must be finite and >= 0.*");
    }

    [Fact]
    public void BestResponse_NotConcaveLargeK_IsUncertified()
    {
        int k = BestResponse.EnumerationLimit + 1;
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            c[i, i] = -1;
        }
        var game = AlignmentGame.Create(Enumerable.Range(0, k).Select(i => $"g{i}").ToArray(), new double[k], c, 2, new IncentiveCoefficients(1, 1, 1));
        var uniform = Enumerable.Repeat(1.0 / k, k).ToArray();

        BestResponse.Compute(game, uniform).IsCertified.Should().BeFalse();
        NashGap.OfHomogeneous(game, uniform).IsCertified.Should().BeFalse();
    }
}

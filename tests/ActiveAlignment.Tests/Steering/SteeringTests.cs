using ActiveAlignment.Equilibria;
using ActiveAlignment.Steering;

namespace ActiveAlignment.Tests.Steering;

public class SteeringTests
{
    private static double[] Weights(AlignmentGame game) => ClosedFormSolver.Solve(game).Weights!.ToArray();

    [Fact]
    public void ToTarget_WorkedExampleUniform_IsTheExactSubsidy()
    {
        var result = AttractivenessSubsidy.ToTarget(TestGames.WorkedExample(), [1.0 / 3, 1.0 / 3, 1.0 / 3]);

        result.Exists.Should().BeTrue();
        result.Delta![0].Should().BeApproximately(-13.0 / 90, 1e-14);
        result.Delta[1].Should().BeApproximately(-7.0 / 90, 1e-14);
        result.Delta[2].Should().BeApproximately(2.0 / 9, 1e-14);
        result.Delta.Sum().Should().BeApproximately(0, 1e-15);
        result.Weights.Should().AllSatisfy(w => w.Should().BeApproximately(1.0 / 3, 1e-13));
    }

    [Fact]
    public void ToTarget_RandomGames_ReachesTheTargetWithABudgetNeutralSubsidy()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var game = TestGames.Random(new Random(seed), 3 + (seed % 9), 4, seed % 2 == 0, 3.0);
            var rng = new Random(seed + 100);
            var target = Enumerable.Range(0, game.Count).Select(_ => 0.2 + rng.NextDouble()).ToArray();
            double sum = target.Sum();
            target = target.Select(t => t / sum).ToArray();

            var result = AttractivenessSubsidy.ToTarget(game, target);

            result.Delta!.Sum().Should().BeApproximately(0, 1e-12);
            var after = Weights(game.WithAttractiveness(game.Attractiveness.ToArray().Zip(result.Delta!, (a, d) => a + d).ToArray()));
            for (int k = 0; k < game.Count; k++)
            {
                after[k].Should().BeApproximately(target[k], 1e-11);
            }
        }
    }

    [Fact]
    public void ToTarget_TargetOnTheBoundary_Throws()
    {
        var act = () => AttractivenessSubsidy.ToTarget(TestGames.WorkedExample(), [0.5, 0.5, 0.0]);
        act.Should().Throw<ArgumentException>().WithMessage("target[2] = 0; a target must lie in the interior of the simplex*");
    }

    [Fact]
    public void ToTarget_NoAttractivenessIncentive_SaysWhy()
    {
        var game = TestGames.WorkedExample().WithCoefficients(new IncentiveCoefficients(0, 0.5, 0.3));
        var result = AttractivenessSubsidy.ToTarget(game, [1.0 / 3, 1.0 / 3, 1.0 / 3]);
        result.Exists.Should().BeFalse();
        result.Reason.Should().StartWith("λ_A = 0");
        result.Delta.Should().BeNull();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Sensitivity_RandomInteriorGames_MatchesCentralFiniteDifferences(int seed)
    {
        var game = TestGames.Random(new Random(seed), 3 + seed, 5, seed % 2 == 0, 0.05);
        ClosedFormSolver.Solve(game).Status.Should().Be(ClosedFormStatus.Interior);
        var report = SensitivityReport.Compute(game);
        report.IsDefined.Should().BeTrue();
        const double h = 1e-5;
        foreach (var axis in new[] { CoefficientAxis.Attractiveness, CoefficientAxis.Consistency, CoefficientAxis.Diversity })
        {
            double v = game.Coefficients[axis];
            var plus = Weights(game.WithCoefficients(game.Coefficients.With(axis, v + h)));
            var minus = Weights(game.WithCoefficients(game.Coefficients.With(axis, v - h)));
            var analytic = axis switch
            {
                CoefficientAxis.Attractiveness => report.Attractiveness!,
                CoefficientAxis.Consistency => report.Consistency!,
                _ => report.Diversity!,
            };
            for (int k = 0; k < game.Count; k++)
            {
                analytic[k].Should().BeApproximately((plus[k] - minus[k]) / (2 * h), 1e-7, $"∂w{k}/∂{axis}");
            }
        }
        for (int j = 0; j < game.Count; j++)
        {
            var a = game.Attractiveness.ToArray();
            a[j] += h;
            var plus = Weights(game.WithAttractiveness(a));
            a[j] -= 2 * h;
            var minus = Weights(game.WithAttractiveness(a));
            for (int k = 0; k < game.Count; k++)
            {
                report.AttractivenessJacobian![k, j].Should().BeApproximately((plus[k] - minus[k]) / (2 * h), 1e-7);
            }
        }
    }

    [Fact]
    public void Sensitivity_BoundaryEquilibrium_IsUndefinedWithReason()
    {
        var game = AlignmentGame.Create(["majority", "minority"], [3.0, 0.0], new double[,] { { 1, 0 }, { 0, 1 } }, 3, new IncentiveCoefficients(1.0, 0.5, 0.4));
        var report = SensitivityReport.Compute(game);
        report.IsDefined.Should().BeFalse();
        report.Reason.Should().Contain("boundary");
        report.Attractiveness.Should().BeNull();
    }

    /// <summary>The KKT conditions of min ‖δ‖² s.t. w* + λ_A R δ ≥ τ1: feasibility, 2δ = λ_A R μ, μ ≥ 0, μₖ(wₖ − τ) = 0.</summary>
    private static void ShouldSatisfyFloorKkt(AlignmentGame game, SubsidyResult result, double tau)
    {
        result.Exists.Should().BeTrue(result.Reason);
        int k = game.Count;
        var delta = result.Delta!.ToArray();
        var w = result.Weights!.ToArray();
        var mu = result.Multipliers!.ToArray();
        delta.Sum().Should().BeApproximately(0, 1e-12);
        var wStar = Weights(game);
        // w*(a + δ) = w* + λ_A R δ: the weights reached must be the ones reported.
        var reachable = Weights(game.WithAttractiveness(game.Attractiveness.ToArray().Zip(delta, (a, d) => a + d).ToArray()));
        var rMu = Weights(game.WithAttractiveness(game.Attractiveness.ToArray().Zip(mu, (a, u) => a + u).ToArray()));
        for (int i = 0; i < k; i++)
        {
            w[i].Should().BeApproximately(reachable[i], 1e-12);
            w[i].Should().BeGreaterThanOrEqualTo(tau - 1e-12);
            mu[i].Should().BeGreaterThanOrEqualTo(-1e-9);
            (mu[i] * (w[i] - tau)).Should().BeApproximately(0, 1e-9);
            // Stationarity 2δ = λ_A R μ, with λ_A R μ read off the closed form: w*(a + μ) − w*(a) = λ_A R μ (affine in a).
            (rMu[i] - wStar[i]).Should().BeApproximately(2 * delta[i], 1e-9);
        }
    }

    [Theory]
    [InlineData(5, 0.1)]
    [InlineData(6, 0.05)]
    [InlineData(7, 0.15)]
    [InlineData(8, 0.02)]
    public void ToFloor_RandomGames_SatisfiesKkt(int seed, double tau)
    {
        var game = TestGames.Random(new Random(seed), 5, 4, seed % 2 == 0, 6.0);
        var result = AttractivenessSubsidy.ToFloor(game, tau);
        ShouldSatisfyFloorKkt(game, result, tau);
        Weights(game).Min().Should().BeLessThan(tau, "the test games start with some group below the floor");
    }

    [Fact]
    public void ToFloor_BoundaryEquilibrium_LiftsItIntoTheInterior()
    {
        var game = AlignmentGame.Create(["a", "b", "c"], [1.0, 1.0, -1.0], new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, 2, new IncentiveCoefficients(1.0, 0.5, 0.0));
        var result = AttractivenessSubsidy.ToFloor(game, 0.1);
        ShouldSatisfyFloorKkt(game, result, 0.1);
        // M = I and w* = (1, 1, −1): the nearest w ≥ 0.1 is (0.45, 0.45, 0.1), and δ = P_T M (w − w*) = (−0.55, −0.55, 1.1).
        result.Delta![0].Should().BeApproximately(-0.55, 1e-12);
        result.Delta[1].Should().BeApproximately(-0.55, 1e-12);
        result.Delta[2].Should().BeApproximately(1.1, 1e-12);
        var after = EquilibriumSolver.Solve(game.WithAttractiveness([1.0 - 0.55, 1.0 - 0.55, -1.0 + 1.1]));
        after.Status.Should().Be(EquilibriumStatus.Interior);
        after.ShouldBeCertified();
    }

    [Fact]
    public void ToFloor_AlreadyRepresented_IsZero()
    {
        var result = AttractivenessSubsidy.ToFloor(TestGames.WorkedExample(), 0.1);
        result.Delta.Should().AllSatisfy(d => d.Should().Be(0));
    }

    [Fact]
    public void ToFloor_ThresholdAboveOneOverK_SaysWhy()
    {
        var result = AttractivenessSubsidy.ToFloor(TestGames.WorkedExample(), 0.4);
        result.Exists.Should().BeFalse();
        result.Reason.Should().Contain("at most 1/K");
    }

    [Fact]
    public void MinimumDiversity_WorkedExample_IsTheTransitionToRelative1e10()
    {
        var game = TestGames.WorkedExample();
        var result = MinimumDiversity.Find(game, 0.2, 50);

        result.Value.Should().NotBeNull();
        double d = result.Value!.Value;
        d.Should().BeGreaterThan(0.3);
        result.Weights!.Min().Should().BeGreaterThanOrEqualTo(0.2);
        result.Weights!.ToArray().Min().Should().BeApproximately(0.2, 1e-8);
        Weights(game.WithCoefficients(game.Coefficients.With(CoefficientAxis.Diversity, d * (1 - 1e-9)))).Min().Should().BeLessThan(0.2);
        result.Reason.Should().StartWith("raising diversity from 0.3 to");
    }

    [Fact]
    public void MinimumDiversity_AlreadyRepresented_IsTheCurrentValue()
    {
        var result = MinimumDiversity.Find(TestGames.WorkedExample(), 0.1, 10);
        result.AlreadyRepresented.Should().BeTrue();
        result.Value.Should().Be(0.3);
    }

    [Fact]
    public void MinimumDiversity_SingleAgent_HasNoEffect()
    {
        var result = MinimumDiversity.Find(TestGames.WorkedExample(agents: 1), 0.2, 10);
        result.Value.Should().BeNull();
        result.Reason.Should().StartWith("N = 1");
    }

    [Fact]
    public void MinimumDiversity_KernelKeepsAGroupLow_IsUnreachableAndNamesIt()
    {
        // S = diag(1, 1, 100): as λ_D grows w → S⁻¹1/(1ᵀS⁻¹1) = (1, 1, 0.01)/2.01, so "c" tends to 0.005 < 0.1.
        var game = AlignmentGame.Create(["a", "b", "c"], [0.5, 0.3, 0.2], new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, 4,
            new IncentiveCoefficients(1, 0.5, 0.3), new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 100 } });
        var result = MinimumDiversity.Find(game, 0.1, 1000);
        result.Value.Should().BeNull();
        result.Reason.Should().Be("unreachable up to λ_max = 1000: the similarity kernel keeps c below 0.1 as λ_D grows (its weight tends to 0.004975)");
    }

    [Fact]
    public void MinimumDiversity_MaximumBelowCurrent_Throws()
    {
        var act = () => MinimumDiversity.Find(TestGames.WorkedExample(), 0.2, 0.1);
        act.Should().Throw<ArgumentException>().WithMessage("maximum = 0.1 is below the current diversity coefficient 0.3*");
    }

    [Fact]
    public void Analyze_CollectsEveryPart()
    {
        var report = SteeringReport.Analyze(TestGames.WorkedExample(), 0.2, [0.4, 0.3, 0.3], 20);
        report.Sensitivity.IsDefined.Should().BeTrue();
        report.SubsidyToFloor.Weights!.ToArray().Min().Should().BeGreaterThanOrEqualTo(0.2 - 1e-12);
        report.SubsidyToTarget!.Weights![0].Should().BeApproximately(0.4, 1e-12);
        report.MinimumDiversity.Value.Should().NotBeNull();
        report.Equilibrium.ShouldBeCertified();
    }

    [Fact]
    public void ToFloor_AppliedVerbatim_LandsEveryGroupAtOrAboveTheFloor()
    {
        int floored = 0;
        for (int seed = 0; seed < 200; seed++)
        {
            var game = TestGames.Random(new Random(seed), 3 + (seed % 3), 4, seed % 2 == 0, 1.0);
            double tau = 0.9 / game.Count;
            var subsidy = AttractivenessSubsidy.ToFloor(game, tau);
            if (subsidy.Delta is not { } delta)
            {
                continue;
            }
            var a = game.Attractiveness.ToArray();
            for (int k = 0; k < a.Length; k++)
            {
                a[k] += delta[k];
            }
            var eq = EquilibriumSolver.Solve(game.WithAttractiveness(a));
            eq.Weights.Should().OnlyContain(w => w >= tau, $"seed {seed}: a group applied the subsidy must not read as excluded");
            eq.Excluded(tau).Should().BeEmpty();
            floored += subsidy.Weights!.Count(w => Math.Abs(w - tau) <= 1e-9);
        }
        floored.Should().BeGreaterThan(50, "the floor must be active in many of these games for the test to mean anything");
    }
}

using ActiveAlignment.Learning;
using ActiveAlignment.Steering;
using ActiveAlignment.Sweeps;
using CsCheck;

namespace ActiveAlignment.Tests.Learning;

/// <summary>Learning dynamics, the stability path along λ_D, and the stability counts of sweeps.</summary>
public class DynamicsAndPathTests
{
    private static AlignmentGame Specialising() => AlignmentGame.Create(["left", "center", "right"], [0.5, 0.4, -0.1],
        new double[,] { { 1.0, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.1, 0.2, 1.2 } }, 4, new IncentiveCoefficients(1.0, 0.3, 1.3));

    [Theory]
    [InlineData(LearningRule.Gradient)]
    [InlineData(LearningRule.Replicator)]
    [InlineData(LearningRule.BestResponse)]
    public void EveryRule_LeavesTheUnstableHomogeneousEquilibrium_ForTheStableSpecialisedOne(LearningRule rule)
    {
        var game = Specialising();
        EquilibriumSolver.Solve(game).Stability.Label.Should().Be(StabilityLabel.Unstable);
        var stable = EquilibriumEnumeration.Enumerate(game).Stable.Single();
        var result = LearningDynamics.Run(game, new DynamicsOptions { Rule = rule, Starts = 40, Seed = 3 });
        result.NotConverged.Should().Be(0);
        var outcome = result.Outcomes.Should().ContainSingle().Subject;
        outcome.Count.Should().Be(40);
        outcome.IsHomogeneous.Should().BeFalse();
        outcome.Stability.Label.Should().Be(StabilityLabel.Stable);
        for (int i = 0; i < 4; i++)
        {
            outcome.Profile[i].Should().Equal(stable.Profile[i], (x, y) => Math.Abs(x - y) <= 1e-12);
        }
        outcome.Interval.Lower.Should().BeApproximately(0.9124, 1e-4); // Wilson, 40 of 40
        outcome.Interval.Upper.Should().Be(1.0);
    }

    [Fact]
    public void SameSeed_SameAnswer_AtAnyNumberOfThreads()
    {
        var game = TestGames.WorkedExample().WithCoefficients(new IncentiveCoefficients(1.0, 0.5, 2.0));
        string Fingerprint(int threads)
        {
            var r = LearningDynamics.Run(game, new DynamicsOptions { Starts = 30, Seed = 11, MaxDegreeOfParallelism = threads, RecordTrajectories = true });
            return string.Join("|", r.Outcomes.Select(o => $"{o.Count}:{string.Join(";", o.Profile.SelectMany(w => w).Select(v => BitConverter.DoubleToInt64Bits(v)))}"))
                + string.Join("|", r.Runs.Select(x => $"{x.Iterations}:{x.Trajectory.Count}:{BitConverter.DoubleToInt64Bits(x.Trajectory[^1].Profile[0][0])}"));
        }
        Fingerprint(1).Should().Be(Fingerprint(2)).And.Be(Fingerprint(-1));
    }

    [Fact]
    public void RandomStarts_AreUniformOnTheSimplex()
    {
        // The mean of a uniform (Dirichlet(1, …, 1)) point is the centre; its first coordinate has variance (K−1)/(K²(K+1)).
        const int k = 4, runs = 20_000;
        double sum = 0, squares = 0;
        for (int s = 0; s < runs; s++)
        {
            double x = LearningDynamics.RandomStart(5, s, 1, k)[0][0];
            sum += x;
            squares += x * x;
        }
        double mean = sum / runs, variance = (squares / runs) - (mean * mean);
        mean.Should().BeApproximately(0.25, 0.005);
        variance.Should().BeApproximately(3.0 / (16 * 5), 0.003);
    }

    [Fact]
    public void WilsonInterval_KnownValues()
    {
        var (lo, hi) = DynamicsOutcome.Wilson(5, 10);
        lo.Should().BeApproximately(0.2366, 1e-4);
        hi.Should().BeApproximately(0.7634, 1e-4);
        DynamicsOutcome.Wilson(0, 20).Item1.Should().Be(0);
    }

    [Fact]
    public void StableUpTo_IsTheSpecialisationLine_ForTheWorkedExample()
    {
        var path = StabilityPath.AlongDiversity(TestGames.WorkedExample());
        double line = Stability.InteriorBoundarySlope(TestGames.WorkedExample())!.Value * 0.5;
        path.StableUpTo!.Value.Should().BeApproximately(line, 1e-12 * line);
        path.Today.Label.Should().Be(StabilityLabel.Stable);
    }

    [Fact]
    public void StableUpTo_FollowsTheEquilibriumThroughFaceChanges_AgainstAFineScan()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[3, 5], Gen.Int[2, 5]).Sample((seed, k, n) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identitySimilarity: rng.Next(3) > 0, attractivenessSpread: 2 + (4 * rng.NextDouble()));
            game = game.WithCoefficients(new IncentiveCoefficients(game.Coefficients.Attractiveness, game.Coefficients.Consistency, 0.5 * rng.NextDouble()));
            var path = StabilityPath.AlongDiversity(game);
            var today = EquilibriumSolver.Solve(game);
            if (!today.IsCertifiedEquilibrium || today.Stability.Label != StabilityLabel.Stable)
            {
                path.StableUpTo.Should().Be(game.Coefficients.Diversity);
                return;
            }
            double current = game.Coefficients.Diversity;
            double end = path.StableUpTo ?? current + 20;
            StabilityLabel Label(double d) => EquilibriumSolver.Solve(game.WithCoefficients(game.Coefficients.With(CoefficientAxis.Diversity, d))).Stability.Label;
            // Stable at every scanned point strictly inside [current, stableUpTo), and not stable just beyond it.
            for (int i = 1; i < 60; i++)
            {
                double d = current + ((end - current) * i / 60.0);
                Label(d).Should().Be(StabilityLabel.Stable, $"seed {seed}: λ_D = {d} is below stableUpTo = {path.StableUpTo}");
            }
            if (path.StableUpTo is double up)
            {
                Label(up * (1 + 1e-6)).Should().NotBe(StabilityLabel.Stable, $"seed {seed}: just above stableUpTo = {up}");
            }
        }, iter: 60);
    }

    [Fact]
    public void SteerReports_TheUnstableMinimumDiversity_AndTheStableEquilibriaThere()
    {
        var game = Specialising().WithCoefficients(new IncentiveCoefficients(1.0, 0.3, 0.4));
        var report = SteeringReport.Analyze(game, 0.1);
        report.MinimumDiversity.Value!.Value.Should().BeApproximately(1.25549, 1e-4);
        report.MinimumDiversityIsStable.Should().BeFalse();
        report.Stability.StableUpTo!.Value.Should().BeLessThan(report.MinimumDiversity.Value!.Value);
        var alternative = report.StableAtMinimumDiversity.Should().ContainSingle().Subject;
        alternative.Representation[2].Should().BeLessThan(0.1, "learning agents specialise and right falls below τ again");
        alternative.Stability.IsStable.Should().BeTrue();
    }

    [Fact]
    public void SweepStabilityCounts_MatchEachPointsOwnLabel()
    {
        var game = TestGames.WorkedExample();
        var x = GridAxis.Create(CoefficientAxis.Consistency, 0.05, 1, 30);
        var y = GridAxis.Create(CoefficientAxis.Diversity, 0, 3, 30);
        var summary = ExclusionSweep.Run(game, x, y, new SweepOptions { Threshold = 0.05 });
        // The issue's figures: 884 interior points on this grid, 463 unstable.
        summary.InteriorPoints.Should().Be(884);
        summary.UnstablePoints.Should().Be(463);
        long unstable = 0, stable = 0;
        var stableExcluded = new long[3];
        for (int j = 0; j < y.Count; j++)
        {
            for (int i = 0; i < x.Count; i++)
            {
                var eq = EquilibriumSolver.Solve(game.WithCoefficients(new IncentiveCoefficients(1.0, x.ValueAt(i), y.ValueAt(j))));
                if (eq.Status != ActiveAlignment.Equilibria.EquilibriumStatus.Interior)
                {
                    continue;
                }
                var label = eq.Stability.Label;
                unstable += label == StabilityLabel.Unstable ? 1 : 0;
                stable += label == StabilityLabel.Stable ? 1 : 0;
                for (int g = 0; g < 3; g++)
                {
                    stableExcluded[g] += label == StabilityLabel.Stable && eq.Weights[g] < 0.05 ? 1 : 0;
                }
            }
        }
        summary.UnstablePoints.Should().Be(unstable);
        summary.StablePoints.Should().Be(stable);
        summary.Groups.Select(g => g.StableExcluded).Should().Equal(stableExcluded);
    }

    [Fact]
    public void CountedAndWrittenSweeps_HaveTheSameStabilityCounts()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 7], Gen.Int[1, 6], Gen.Bool).Sample((seed, k, n, identity) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identity, attractivenessSpread: 2);
            var x = GridAxis.Create(CoefficientAxis.Consistency, 0.01, 2, 23);
            var y = GridAxis.Create(CoefficientAxis.Diversity, 0, 4, 17);
            var counted = ExclusionSweep.Run(game, x, y, new SweepOptions { Threshold = 0.05 });
            var written = ExclusionSweep.Run(game, x, y, new SweepOptions { Threshold = 0.05 }, new FocalGridSink(game, game.Names.First(), x, y));
            written.UnstablePoints.Should().Be(counted.UnstablePoints);
            written.StablePoints.Should().Be(counted.StablePoints);
            written.Groups.Select(g => g.StableExcluded).Should().Equal(counted.Groups.Select(g => g.StableExcluded));
            written.AnyGroup.StableExcluded.Should().Be(counted.AnyGroup.StableExcluded);
            (counted.StablePoints + counted.UnstablePoints).Should().BeLessThanOrEqualTo(counted.InteriorPoints);
        }, iter: 80);
    }

    [Fact]
    public void ShardedSweeps_MergeTheStabilityCountersExactly()
    {
        var game = TestGames.WorkedExample();
        var x = GridAxis.Create(CoefficientAxis.Consistency, 0.05, 1, 40);
        var y = GridAxis.Create(CoefficientAxis.Diversity, 0, 3, 33);
        var whole = ExclusionSweep.Run(game, x, y);
        var parts = Enumerable.Range(0, 3).Select(i => ExclusionSweep.RunPartial(game, x, y, new SweepOptions { Shard = new SweepShard(i, 3) })).ToList();
        var merged = ExclusionSweep.Merge(parts);
        merged.UnstablePoints.Should().Be(whole.UnstablePoints);
        merged.Groups.Select(g => g.StableExcluded).Should().Equal(whole.Groups.Select(g => g.StableExcluded));
    }
}

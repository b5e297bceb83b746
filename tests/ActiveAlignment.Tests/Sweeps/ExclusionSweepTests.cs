using ActiveAlignment.Equilibria;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Tests.Sweeps;

public class ExclusionSweepTests
{
    private static readonly (CoefficientAxis X, CoefficientAxis Y)[] AxisPairs =
    [
        (CoefficientAxis.Consistency, CoefficientAxis.Diversity),
        (CoefficientAxis.Attractiveness, CoefficientAxis.Diversity),
        (CoefficientAxis.Consistency, CoefficientAxis.Attractiveness),
    ];

    private static AlignmentGame Game(int seed, int k, bool identity, int agents = 5)
        => TestGames.Random(new Random(seed), k, agents, identity, attractivenessSpread: 2.0);

    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(2, 5, false)]
    [InlineData(3, 8, true)]
    [InlineData(4, 20, false)]
    public void Family_DiagonalPath_AgreesWithPerPointSolvesTo1e10(int seed, int k, bool identity)
    {
        var game = Game(seed, k, identity);
        var family = ClosedFormFamily.Create(game);
        family.IsDiagonal.Should().BeTrue();
        var rng = new Random(seed);
        var fast = new double[k];
        int compared = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            var lambda = new IncentiveCoefficients(3 * rng.NextDouble(), 3 * rng.NextDouble(), 3 * rng.NextDouble());
            var slow = ClosedFormSolver.Solve(game.WithCoefficients(lambda));
            var status = family.Evaluate(lambda, fast);
            status.Should().Be(slow.Status);
            if (status == ClosedFormStatus.Singular)
            {
                continue;
            }
            compared++;
            for (int g = 0; g < k; g++)
            {
                fast[g].Should().BeApproximately(slow.Weights![g], 1e-10);
                family.EvaluateWeight(lambda, g).Should().BeApproximately(fast[g], 1e-12);
            }
        }
        compared.Should().Be(300);
    }

    [Fact]
    public void Family_NoPositiveDefiniteMetric_FallsBackToPerPointSolves()
    {
        // S indefinite on T and C of rank one on T: neither ZᵀSZ nor ZᵀCZ is positive definite.
        var s = new double[,] { { 1, 0, 0, 0 }, { 0, -1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, -1 } };
        var c = new double[,] { { 1, -1, 0, 0 }, { -1, 1, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 } };
        var game = AlignmentGame.Create(["a", "b", "c", "d"], [0.4, 0.3, 0.2, 0.1], c, 3, new IncentiveCoefficients(1, 1, 1), s);
        var family = ClosedFormFamily.Create(game);

        family.IsDiagonal.Should().BeFalse();
        var lambda = new IncentiveCoefficients(1.0, 0.7, 0.4);
        var w = new double[4];
        family.Evaluate(lambda, w).Should().Be(ClosedFormSolver.Solve(game.WithCoefficients(lambda)).Status);
        w.Should().Equal(ClosedFormSolver.Solve(game.WithCoefficients(lambda)).Weights);
        var summary = ExclusionSweep.Run(game, GridAxis.Create(CoefficientAxis.Consistency, 0.1, 2, 7), GridAxis.Create(CoefficientAxis.Diversity, 0, 2, 5));
        summary.UsedDiagonalPath.Should().BeFalse();
        summary.Points.Should().Be(35);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Run_Counts_MatchABruteForceRecount(int pair)
    {
        var game = Game(10 + pair, 6, identity: pair != 1);
        var (xAxis, yAxis) = AxisPairs[pair];
        var x = GridAxis.Create(xAxis, 0.0, 3.0, 17);
        var y = GridAxis.Create(yAxis, 0.05, 2.0, 13);
        const double tau = 0.05;

        var summary = ExclusionSweep.Run(game, x, y, new SweepOptions { Threshold = tau });

        long interior = 0, noInterior = 0, singular = 0, any = 0;
        var excluded = new long[game.Count];
        for (int j = 0; j < y.Count; j++)
        {
            for (int i = 0; i < x.Count; i++)
            {
                var lambda = game.Coefficients.With(xAxis, x.ValueAt(i)).With(yAxis, y.ValueAt(j));
                var cf = ClosedFormSolver.Solve(game.WithCoefficients(lambda));
                switch (cf.Status)
                {
                    case ClosedFormStatus.Interior:
                        interior++;
                        bool hit = false;
                        for (int g = 0; g < game.Count; g++)
                        {
                            if (cf.Weights![g] < tau)
                            {
                                excluded[g]++;
                                hit = true;
                            }
                        }
                        any += hit ? 1 : 0;
                        break;
                    case ClosedFormStatus.NoInterior:
                        noInterior++;
                        break;
                    case ClosedFormStatus.Singular:
                        singular++;
                        break;
                }
            }
        }
        summary.Points.Should().Be(17 * 13);
        summary.InteriorPoints.Should().Be(interior);
        summary.NoInteriorPoints.Should().Be(noInterior);
        summary.SingularPoints.Should().Be(singular);
        (summary.InteriorPoints + summary.NoInteriorPoints + summary.SingularPoints + summary.NotConcavePoints).Should().Be(summary.Points);
        summary.Groups.Select(g => g.Excluded).Should().Equal(excluded);
        summary.AnyGroup.Excluded.Should().Be(any);
        for (int g = 0; g < game.Count; g++)
        {
            summary.Groups[g].ExclusionArea.Should().Be((double)excluded[g] / summary.Points);
            summary.Groups[g].ConditionalExclusion.Should().Be(interior == 0 ? null : (double)excluded[g] / interior);
        }
    }

    [Fact]
    public void A_missing_shard_is_named_with_rows_that_exist()
    {
        var one = () => SweepShard.CheckCover([0], int.MaxValue, "rows", "of the y axis", total: 5);
        one.Should().Throw<ArgumentException>().WithMessage("*missing: row 1 of the y axis is not covered.*");
        var several = () => SweepShard.CheckCover([0], 3, "replicates", "of the ensemble", total: 200);
        several.Should().Throw<ArgumentException>().WithMessage("*shards 1/3, 2/3 missing: replicates 1, 4, 7, … of the ensemble are not covered.*");
        var empty = () => SweepShard.CheckCover([0, 1, 2, 3, 4], 6, "rows", "of the y axis", total: 5);
        empty.Should().Throw<ArgumentException>().WithMessage("*shard 5/6 missing: the missing shards hold no rows (there are 5), but every shard must be merged.*");
    }

    [Theory]
    [InlineData(0, int.MaxValue, 5, new[] { 0 })]
    [InlineData(1, int.MaxValue, 5, new[] { 1 })]
    [InlineData(int.MaxValue - 1, int.MaxValue, 5, new int[0])]
    [InlineData(2, 3, 10, new[] { 2, 5, 8 })]
    public void Shard_rows_never_overflow_even_with_two_to_the_31_shards(int index, int count, int rows, int[] expected)
    {
        var shard = new SweepShard(index, count).Validate();
        shard.Rows(rows).Should().Equal(expected);
        shard.RowCount(rows).Should().Be(expected.Length);
    }

    [Fact]
    public void Run_LambdaCZeroColumn_CountsSingularPointsApart()
    {
        // λ_D = 0 and λ_C = 0 at the first column: M = 0 there, so the bordered system is singular.
        var game = TestGames.WorkedExample().WithCoefficients(new IncentiveCoefficients(1, 1, 0));
        var summary = ExclusionSweep.Run(game, GridAxis.Create(CoefficientAxis.Consistency, 0, 1, 5), GridAxis.Create(CoefficientAxis.Attractiveness, 0.5, 1, 3));

        summary.SingularPoints.Should().Be(3);
    }

    [Fact]
    public void Run_AnyThreadCount_GivesIdenticalSummaryAndCsv()
    {
        var game = Game(21, 7, identity: true);
        var x = GridAxis.Create(CoefficientAxis.Consistency, 0.01, 2, 150);
        var y = GridAxis.Create(CoefficientAxis.Diversity, 0, 3, 90);
        string Csv(int threads, out ExclusionSummary summary)
        {
            var writer = new StringWriter();
            summary = ExclusionSweep.Run(game, x, y, new SweepOptions { MaxDegreeOfParallelism = threads, Threshold = 0.1 }, new CsvSweepSink(writer, game, x, y));
            return writer.ToString();
        }

        string one = Csv(1, out var a);
        string two = Csv(2, out var b);

        two.Should().Be(one);
        b.Groups.Should().Equal(a.Groups);
        b.AnyGroup.Should().Be(a.AnyGroup);
        var lines = one.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(1 + (150 * 90));
        lines[0].Should().Be("consistency,diversity,status," + string.Join(",", game.Names));
        lines[1].Should().StartWith("0.01,0,");
        lines[^1].Should().StartWith("2,3,");
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var act = () => ExclusionSweep.Run(TestGames.WorkedExample(), GridAxis.Create(CoefficientAxis.Consistency, 0, 1, 10),
            GridAxis.Create(CoefficientAxis.Diversity, 0, 1, 10), new SweepOptions { CancellationToken = cts.Token });
        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void Run_Progress_EndsAtTotal()
    {
        var reports = new List<SweepProgress>();
        var progress = new SynchronousProgress<SweepProgress>(reports.Add);
        ExclusionSweep.Run(TestGames.WorkedExample(), GridAxis.Create(CoefficientAxis.Consistency, 0.1, 1, 400),
            GridAxis.Create(CoefficientAxis.Diversity, 0, 1, 300), new SweepOptions { Progress = progress });

        reports.Should().NotBeEmpty();
        reports[^1].PointsDone.Should().Be(120_000);
        reports[^1].Fraction.Should().Be(1.0);
        reports.Select(r => r.PointsDone).Should().BeInAscendingOrder();
    }

    [Fact]
    public void Run_BoundaryAware_ReportsBoundaryFiguresApart()
    {
        var game = Game(31, 5, identity: true);
        var x = GridAxis.Create(CoefficientAxis.Consistency, 0.05, 2, 12);
        var y = GridAxis.Create(CoefficientAxis.Attractiveness, 0, 6, 10);

        var plain = ExclusionSweep.Run(game, x, y);
        var aware = ExclusionSweep.Run(game, x, y, new SweepOptions { BoundaryAware = true });

        aware.Groups.Should().Equal(plain.Groups, "the paper-style figures never mix in boundary points");
        plain.Boundary.Should().BeNull();
        aware.Boundary!.SolvedPoints.Should().Be(plain.NoInteriorPoints + plain.SingularPoints);
        aware.Boundary.SolvedPoints.Should().BeGreaterThan(0);
        aware.Boundary.UnverifiedPoints.Should().Be(0);
        // At a no-interior point the boundary equilibrium has some weight exactly 0: any group is excluded there.
        aware.Boundary.AnyGroup.Excluded.Should().Be(aware.Boundary.SolvedPoints);
        for (int g = 0; g < game.Count; g++)
        {
            aware.Boundary.CombinedExclusionArea[g].Should().BeApproximately(
                (double)(plain.Groups[g].Excluded + aware.Boundary.Groups[g].Excluded) / plain.Points, 1e-15);
        }
    }

    [Fact]
    public void Run_SameAxisTwice_Throws()
    {
        var axis = GridAxis.Create(CoefficientAxis.Diversity, 0, 1, 3);
        var act = () => ExclusionSweep.Run(TestGames.WorkedExample(), axis, axis);
        act.Should().Throw<ArgumentException>().WithMessage("both axes are diversity*");
    }

    [Fact]
    public void FocalGridSink_KeepsOneGroupsWeights()
    {
        var game = TestGames.WorkedExample();
        var x = GridAxis.Create(CoefficientAxis.Consistency, 0.1, 1, 4);
        var y = GridAxis.Create(CoefficientAxis.Diversity, 0, 1, 3);
        var sink = new FocalGridSink(game, "right", x, y);

        ExclusionSweep.Run(game, x, y, sink: sink);

        var expected = ClosedFormSolver.Solve(game.WithCoefficients(new IncentiveCoefficients(1.0, x.ValueAt(2), y.ValueAt(1))));
        sink.Weights[1, 2].Should().BeApproximately(expected.Weights![2], 1e-12);
        sink.Statuses[1, 2].Should().Be(expected.Status);
    }

    [Fact]
    public void Comparison_TwoGames_WritesMarkdownAndCsvRows()
    {
        var x = GridAxis.Create(CoefficientAxis.Consistency, 0.05, 2, 20);
        var y = GridAxis.Create(CoefficientAxis.Diversity, 0, 2, 20);
        var comparison = ExclusionComparison.Run(
            [new("model-a", TestGames.WorkedExample()), new("model-b", TestGames.WorkedExample(agents: 2))], x, y, new SweepOptions { Threshold = 0.2 });

        comparison.Rows.Should().HaveCount(2);
        var md = comparison.ToMarkdown().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        md.Should().HaveCount(4);
        md[0].Should().Be("| game | left (area / cond.) | center (area / cond.) | right (area / cond.) | any group (area / cond.) | unstable / interior |");
        md[2].Should().StartWith("| model-a |");
        var csv = comparison.ToCsv().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv[0].Should().Be("game,left_area,left_conditional,center_area,center_conditional,right_area,right_conditional,any_area,any_conditional");
        csv[1].Split(',')[5].Should().Be(comparison.Rows[0].Value["right"].ExclusionArea.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}

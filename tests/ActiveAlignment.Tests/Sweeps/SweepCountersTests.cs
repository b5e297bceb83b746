using ActiveAlignment.Equilibria;
using ActiveAlignment.Sweeps;
using CsCheck;

namespace ActiveAlignment.Tests.Sweeps;

/// <summary>
/// The typed sweep counters: each named count is what it says (checked point by point against the closed form), shards add
/// up to the whole sweep, the file order round-trips, and a count that contradicts the others is refused.
/// </summary>
public class SweepCountersTests
{
    [Fact]
    public void Named_counts_match_a_point_by_point_count_and_shards_add_up()
    {
        Gen.Select(Gen.Int[0, 100_000], Gen.Int[2, 5], Gen.Int[1, 4], Gen.Bool).Sample((seed, k, shards, boundary) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, agents: 4, identitySimilarity: true, attractivenessSpread: 1 + (3 * rng.NextDouble()));
            var x = GridAxis.Create(CoefficientAxis.Consistency, 0.05, 2, 7);
            var y = GridAxis.Create(CoefficientAxis.Diversity, 0, 3, 6);
            const double tau = 0.1;
            var parts = Enumerable.Range(0, shards)
                .Select(i => ExclusionSweep.RunPartial(game, x, y, new SweepOptions { Threshold = tau, BoundaryAware = boundary, Shard = new SweepShard(i, shards) }))
                .ToList();
            var total = SweepCounters.Sum(parts.Select(p => p.Counters));

            // Independently: the closed form at every point, counted here.
            long interior = 0, noInterior = 0, any = 0;
            var excluded = new long[k];
            for (int j = 0; j < y.Count; j++)
            {
                for (int i = 0; i < x.Count; i++)
                {
                    var point = game.WithCoefficients(new IncentiveCoefficients(game.Coefficients.Attractiveness, x.ValueAt(i), y.ValueAt(j)));
                    var cf = ClosedFormSolver.Solve(point);
                    if (cf.Status == ClosedFormStatus.Interior)
                    {
                        interior++;
                        var low = Enumerable.Range(0, k).Where(g => cf.Weights![g] < tau).ToList();
                        low.ForEach(g => excluded[g]++);
                        any += low.Count > 0 ? 1 : 0;
                    }
                    else if (cf.Status == ClosedFormStatus.NoInterior)
                    {
                        noInterior++;
                    }
                }
            }
            total.Interior.Should().Be(interior);
            total.NoInterior.Should().Be(noInterior);
            total.Excluded.Should().Equal(excluded);
            total.AnyExcluded.Should().Be(any);
            (total.Interior + total.NoInterior + total.Singular + total.NotConcave).Should().Be(x.Count * y.Count);
            total.BoundarySolved.Should().Be(boundary ? total.NoInterior + total.Singular : 0);
            (total.Stable + total.Unstable).Should().BeLessThanOrEqualTo(total.Interior);

            var whole = ExclusionSweep.Run(game, x, y, new SweepOptions { Threshold = tau, BoundaryAware = boundary });
            whole.InteriorPoints.Should().Be(total.Interior);
            whole.AnyGroup.Excluded.Should().Be(total.AnyExcluded);
            SweepCounters.FromList(k, total.ToList()).Should().Be(total);
        }, iter: 40);
    }

    [Fact]
    public void Contradicting_counts_are_refused_with_the_invariant_they_break()
    {
        var x = GridAxis.Parse("consistency=0.1:1:2");
        var y = GridAxis.Parse("diversity=0:1:2");
        var values = new long[SweepPartial.CounterCount(2)];
        values[3] = 4; // interior = all 4 points
        values[0] = 5; // group 0 excluded at 5 of them
        var act = () => SweepPartial.Create(["a", "b"], x, y, 0.1, false, true, new SweepShard(0, 1), SweepCounters.FromList(2, values));
        act.Should().Throw<ArgumentException>().WithMessage("*contradict each other*");
        var wrongLength = () => SweepCounters.FromList(2, new long[5]);
        wrongLength.Should().Throw<ArgumentException>().WithParameterName("values");
    }
}

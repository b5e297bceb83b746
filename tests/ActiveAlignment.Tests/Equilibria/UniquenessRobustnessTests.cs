using ActiveAlignment.Equilibria;
using CsCheck;

namespace ActiveAlignment.Tests.Equilibria;

/// <summary>
/// The uniqueness conditions where the exact answer is known: a duplicated group with no diversity term makes ZᵀMZ exactly
/// singular (the direction e₀ − e₁ costs nothing), so neither condition may hold, whatever the rounding noise of the
/// reduction and at any scale; and adding t·11ᵀ to C, which the simplex cannot see, leaves both verdicts as they were.
/// </summary>
public class UniquenessRobustnessTests
{
    private static AlignmentGame Duplicated(int seed, int k, int agents, int exponent)
    {
        var rng = new Random(seed);
        var c = TestGames.RandomPsd(rng, k, 0.05);
        var a = Enumerable.Range(0, k).Select(_ => rng.NextDouble()).ToArray();
        a[1] = a[0];
        for (int j = 0; j < k; j++)
        {
            c[1, j] = c[0, j];
        }
        for (int i = 0; i < k; i++)
        {
            c[i, 1] = c[i, 0];
        }
        c[1, 1] = c[0, 0];
        double scale = Math.Pow(10, exponent);
        return AlignmentGame.Create(Enumerable.Range(0, k).Select(i => $"g{i}").ToArray(), a, c, agents,
            new IncentiveCoefficients(scale, scale * (0.1 + rng.NextDouble()), 0));
    }

    [Fact]
    public void A_duplicated_group_without_diversity_is_never_called_unique()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 12], Gen.Int[1, 6], Gen.Int[-150, 150]).Sample((seed, k, agents, exponent) =>
        {
            var game = Duplicated(seed, k, agents, exponent);
            var eq = EquilibriumSolver.Solve(game);
            eq.Uniqueness.HomogeneousUnique.Should().BeFalse($"ZᵀMZ is exactly singular (seed {seed}, K {k}, N {agents}, 1e{exponent})");
            eq.Uniqueness.UniqueEquilibrium.Should().BeFalse();
            UniquenessReport.For(game).HomogeneousUnique.Should().BeFalse();
        }, iter: 500);
    }

    [Fact]
    public void Adding_a_multiple_of_the_all_ones_matrix_to_C_changes_no_verdict()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 20], Gen.Int[1, 6], Gen.Double[-100, 100]).Sample((seed, k, agents, t) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, agents, identitySimilarity: true, attractivenessSpread: 1);
            var c = game.Inconsistency.ToArray();
            double shift = t * game.Inconsistency.MaxAbs;
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] += shift;
                }
            }
            var shifted = AlignmentGame.Create(game.Names.ToArray(), game.Attractiveness.ToArray(), c, game.Agents, game.Coefficients);
            var before = UniquenessReport.For(game);
            var after = EquilibriumSolver.Solve(shifted).Uniqueness;
            after.HomogeneousUnique.Should().Be(before.HomogeneousUnique, $"seed {seed}, t {t}");
            after.RosenCondition.Should().Be(before.RosenCondition, $"seed {seed}, t {t}");
        }, iter: 500);
    }
}

using ActiveAlignment.Equilibria;
using CsCheck;

namespace ActiveAlignment.Tests.Equilibria;

/// <summary>
/// Degenerate games where the exact answer is known. The uniqueness conditions: a duplicated group with no diversity term makes ZᵀMZ exactly
/// singular (the direction e₀ − e₁ costs nothing), so neither condition may hold, whatever the rounding noise of the
/// reduction and at any scale; and adding t·11ᵀ to C, which the simplex cannot see, leaves both verdicts as they were. The
/// closed form calls that duplicated game singular (ZᵀMZ is nothing but rounding noise), and when the objective is linear
/// on the simplex, tied groups share the weight evenly in any order.
/// </summary>
public class UniquenessRobustnessTests
{
    /// <summary>Group 1 a copy of group 0 (the hostile certificate tests' game), with the diversity coefficient set to 0.</summary>
    private static AlignmentGame Duplicated(int seed, int k, int agents, int exponent)
    {
        var game = Certificates.HostileCertificateTests.Make(seed, k, agents, Certificates.HostileCertificateTests.Kind.Duplicated, exponent, indefiniteS: false);
        var c = game.Coefficients;
        return game.WithCoefficients(new IncentiveCoefficients(c.Attractiveness, c.Consistency, 0));
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
    [Fact]
    public void A_duplicated_group_without_diversity_makes_the_closed_form_singular()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 12], Gen.Int[1, 6], Gen.Int[-150, 150]).Sample((seed, k, agents, exponent) =>
        {
            var game = Duplicated(seed, k, agents, exponent);
            ClosedFormSolver.Solve(game).Status.Should().Be(ClosedFormStatus.Singular, $"ZᵀMZ is exactly singular (seed {seed}, K {k}, 1e{exponent})");
            EquilibriumSolver.Solve(game).IsCertifiedEquilibrium.Should().BeTrue();
        }, iter: 300);
    }

    [Fact]
    public void When_the_objective_is_linear_tied_groups_get_equal_weights_in_any_order()
    {
        // C = c·11ᵀ and no diversity: every agent's utility is linear on the simplex. Groups tied for the best attractiveness
        // share the weight evenly, whatever their order, and the answer is certified.
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 10], Gen.Int[1, 5], Gen.Int[-150, 150]).Sample((seed, k, agents, exponent) =>
        {
            var rng = new Random(seed);
            var a = Enumerable.Range(0, k).Select(_ => Math.Round(rng.NextDouble(), 1)).ToArray();
            double best = a.Max();
            var c = new double[k, k];
            double constant = 0.1 + rng.NextDouble();
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] = constant;
                }
            }
            double scale = Math.Pow(10, exponent);
            var names = Enumerable.Range(0, k).Select(i => $"g{i}").ToArray();
            var game = AlignmentGame.Create(names, a, c, agents, new IncentiveCoefficients(scale, scale, 0));
            var eq = EquilibriumSolver.Solve(game);
            eq.IsCertifiedEquilibrium.Should().BeTrue();
            int tied = a.Count(v => v == best);
            for (int i = 0; i < k; i++)
            {
                eq.Weights[i].Should().Be(a[i] == best ? 1.0 / tied : 0.0, $"seed {seed}, a = [{string.Join(", ", a)}]");
            }
            var order = Enumerable.Range(0, k).Reverse().ToArray();
            var reversed = EquilibriumSolver.Solve(AlignmentGame.Create(order.Select(i => names[i]).ToArray(), order.Select(i => a[i]).ToArray(), c, agents,
                game.Coefficients));
            for (int i = 0; i < k; i++)
            {
                reversed.Weights[i].Should().Be(eq.Weights[order[i]]);
            }
        }, iter: 300);
    }
}

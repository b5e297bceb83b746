using ActiveAlignment.Certificates;
using ActiveAlignment.Equilibria;

namespace ActiveAlignment.Tests;

/// <summary>Known games and seeded random game generators shared by the fixtures.</summary>
public static class TestGames
{
    /// <summary>The worked example of docs/model.md#worked-example.</summary>
    public static AlignmentGame WorkedExample(int agents = 4) => AlignmentGame.Create(
        ["left", "center", "right"],
        [0.5, 0.3, 0.2],
        new double[,] { { 1.0, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.1, 0.2, 1.2 } },
        agents,
        new IncentiveCoefficients(1.0, 0.5, 0.3));

    /// <summary>
    /// A random game: C = BᵀB/K + diag(d) (positive definite, so own concavity holds) plus a random constant shift;
    /// S the identity or a random positive semidefinite kernel; attractiveness spread controls interior vs boundary.
    /// </summary>
    public static AlignmentGame Random(Random rng, int k, int agents, bool identitySimilarity, double attractivenessSpread)
    {
        var names = Enumerable.Range(0, k).Select(i => $"g{i}").ToArray();
        var a = Enumerable.Range(0, k).Select(_ => attractivenessSpread * rng.NextDouble()).ToArray();
        var c = RandomPsd(rng, k, 0.05 + rng.NextDouble());
        double shift = rng.NextDouble() - 0.5;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                c[i, j] += shift;
            }
        }
        double[,]? s = identitySimilarity ? null : RandomPsd(rng, k, 0.1);
        var lambda = new IncentiveCoefficients(0.2 + rng.NextDouble(), 0.1 + rng.NextDouble(), 2.0 * rng.NextDouble());
        return AlignmentGame.Create(names, a, c, agents, lambda, s);
    }

    public static double[,] RandomPsd(Random rng, int k, double ridge) => Testing.SeededGenerators.RandomPsd(rng, k, ridge);

    /// <summary>Asserts the certificate every returned equilibrium must carry (docs/model.md#certificates).</summary>
    public static void ShouldBeCertified(this HomogeneousEquilibrium eq)
    {
        eq.Status.Should().BeOneOf(EquilibriumStatus.Interior, EquilibriumStatus.Boundary);
        eq.NashGapCertified.Should().BeTrue();
        eq.NashGap.Should().BeLessThanOrEqualTo(1e-10 * eq.Game.Scale);
        eq.KktResidual.Should().BeLessThanOrEqualTo(1e-10 * eq.Game.Scale);
        eq.Weights.Should().OnlyContain(w => w >= 0);
        eq.Weights.Sum().Should().BeApproximately(1.0, 1e-12);
        eq.IsCertifiedEquilibrium.Should().BeTrue();
        // Independent check of the KKT conditions of docs/model.md#homogeneous-equilibria with the reported multiplier.
        var game = eq.Game;
        var m = new double[game.Count * game.Count];
        game.FillInteractionMatrix(m);
        for (int k = 0; k < game.Count; k++)
        {
            double f = game.Coefficients.Attractiveness * game.Attractiveness[k];
            for (int j = 0; j < game.Count; j++)
            {
                f -= m[(k * game.Count) + j] * eq.Weights[j];
            }
            if (eq.Weights[k] > 0)
            {
                f.Should().BeApproximately(eq.Multiplier, 1e-10 * game.Scale);
            }
            else
            {
                f.Should().BeLessThanOrEqualTo(eq.Multiplier + (1e-10 * game.Scale));
            }
        }
    }
}

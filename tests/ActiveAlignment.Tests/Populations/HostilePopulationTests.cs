using ActiveAlignment.Equilibria;
using ActiveAlignment.Populations;
using ActiveAlignment.Tests.Certificates;
using CsCheck;

namespace ActiveAlignment.Tests.Populations;

/// <summary>
/// Populations of agent classes under hostile scalings: an equilibrium status only with a certified gap, and a certified gap
/// only when an independent exact best response (face enumeration in the test) agrees, class by class.
/// </summary>
public class HostilePopulationTests
{
    [Fact]
    public void Solve_HostileRandomPopulations_StatusAndCertificateAreTrue()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 5], Gen.Int[1, 3], Gen.Int[-120, 120]).Sample((seed, k, classes, exponent) =>
        {
            var rng = new Random(seed);
            var baseGame = TestGames.Random(rng, k, 2, rng.Next(2) == 0, 1.0);
            double scale = Math.Pow(10, exponent);
            var definitions = new List<AgentClassDefinition>();
            for (int c = 0; c < classes; c++)
            {
                double tiny = c == 1 ? 1e-9 : 1.0; // a class with a tiny C override and a huge λ_C
                var lambda = new IncentiveCoefficients(scale * (0.2 + rng.NextDouble()), scale * (0.2 + rng.NextDouble()) / tiny, scale * 1.5 * rng.NextDouble());
                double[,]? ci = null;
                if (c == 1)
                {
                    ci = TestGames.RandomPsd(rng, k, 0.2);
                    for (int i = 0; i < k; i++)
                    {
                        for (int j = 0; j < k; j++)
                        {
                            ci[i, j] *= tiny;
                        }
                    }
                }
                definitions.Add(new AgentClassDefinition($"class{c}", 1 + rng.Next(3), lambda, null, ci));
            }
            var game = PopulationGame.Create(baseGame.Subpopulations, baseGame.Inconsistency, definitions, null, baseGame.SimilarityGiven ? baseGame.Similarity : null);
            var eq = PopulationSolver.Solve(game);
            eq.NashGapCertified.Should().BeTrue($"every class is concave (PSD C), so the equilibrium must be certified (seed {seed}, 1e{exponent}): {eq.Reason}");
            if (eq.Status is EquilibriumStatus.Interior or EquilibriumStatus.Boundary)
            {
                eq.NashGapCertified.Should().BeTrue("an equilibrium status comes only with a certified gap");
            }
            var total = new double[k];
            for (int c = 0; c < classes; c++)
            {
                for (int j = 0; j < k; j++)
                {
                    total[j] += game.Classes[c].Count * eq.ClassWeights[c][j];
                }
            }
            double tolerance = Tolerances.NashGapRelative * game.Scale;
            for (int c = 0; c < classes; c++)
            {
                var own = eq.ClassWeights[c].ToArray();
                var others = own.Select((x, j) => game.Agents == 1 ? 0.0 : (total[j] - x) / (game.Agents - 1)).ToArray();
                var classGame = game.Classes[c].Game;
                double trueGap = Math.Max(0, HostileCertificateTests.ExactBestResponse(classGame, others) - classGame.Utility(own, others));
                trueGap.Should().BeLessThanOrEqualTo(eq.NashGapBound + (1e-13 * game.Scale), "the bound is proved");
                if (eq.NashGapCertified)
                {
                    trueGap.Should().BeLessThanOrEqualTo(tolerance + (1e-13 * game.Scale), $"seed {seed}: class {c} is certified");
                }
            }
        }, iter: 200);
    }
}

using ActiveAlignment.Equilibria;
using CsCheck;

namespace ActiveAlignment.Tests.Equilibria;

/// <summary>The facts of docs/model.md#closed-form: scaling, constant shifts of C and permutations.</summary>
public class InvarianceTests
{
    private static readonly Gen<(int Seed, int K, int Agents, bool Identity)> Games =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 25], Gen.Int[1, 9], Gen.Bool);

    private static AlignmentGame Make((int Seed, int K, int Agents, bool Identity) p)
        => TestGames.Random(new Random(p.Seed), p.K, p.Agents, p.Identity, attractivenessSpread: 1.0);

    private static void ShouldMatch(IReadOnlyList<double> actual, IReadOnlyList<double> expected)
    {
        actual.Should().HaveCount(expected.Count);
        for (int k = 0; k < expected.Count; k++)
        {
            actual[k].Should().BeApproximately(expected[k], 1e-10 * Math.Max(1, Math.Abs(expected[k])));
        }
    }

    [Fact]
    public void ClosedForm_CoefficientsScaledByPositiveConstant_LeavesWeightsUnchanged()
    {
        Gen.Select(Games, Gen.Double[0.01, 100]).Sample((p, c) =>
        {
            var game = Make(p);
            var scaled = game.WithCoefficients(game.Coefficients.Scale(c));
            ShouldMatch(ClosedFormSolver.Solve(scaled).Weights!, ClosedFormSolver.Solve(game).Weights!);
        }, iter: 60);
    }

    [Fact]
    public void ClosedForm_ConstantAddedToInconsistency_LeavesWeightsUnchanged()
    {
        Gen.Select(Games, Gen.Double[-5, 5]).Sample((p, t) =>
        {
            var game = Make(p);
            var c = game.Inconsistency.ToArray();
            for (int i = 0; i < game.Count; i++)
            {
                for (int j = 0; j < game.Count; j++)
                {
                    c[i, j] += t;
                }
            }
            var shifted = AlignmentGame.Create(game.Subpopulations, SymmetricMatrix.Create(c, "inconsistency"), game.Agents, game.Coefficients,
                game.SimilarityGiven ? game.Similarity : null);
            ShouldMatch(ClosedFormSolver.Solve(shifted).Weights!, ClosedFormSolver.Solve(game).Weights!);
        }, iter: 60);
    }

    [Fact]
    public void Solve_SubpopulationsPermuted_PermutesWeights()
    {
        Gen.Select(Games, Gen.Int[0, 1_000_000]).Sample((p, permutationSeed) =>
        {
            var game = Make(p);
            int k = game.Count;
            var perm = Enumerable.Range(0, k).ToArray();
            new Random(permutationSeed).Shuffle(perm);
            var c = new double[k, k];
            var s = new double[k, k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] = game.Inconsistency[perm[i], perm[j]];
                    s[i, j] = game.Similarity[perm[i], perm[j]];
                }
            }
            var permuted = AlignmentGame.Create(perm.Select(i => game.Subpopulations[i]), SymmetricMatrix.Create(c, "inconsistency"),
                game.Agents, game.Coefficients, SymmetricMatrix.Create(s, "similarity"));
            var original = EquilibriumSolver.Solve(game);
            var moved = EquilibriumSolver.Solve(permuted);
            moved.Status.Should().Be(original.Status);
            ShouldMatch(moved.Weights, perm.Select(i => original.Weights[i]).ToArray());
        }, iter: 40);
    }
}

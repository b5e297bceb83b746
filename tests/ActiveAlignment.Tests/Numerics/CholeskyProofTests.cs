using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Tests.Numerics;

/// <summary>
/// The shifted-Cholesky proof of λ_min(A) ≥ σ that replaces eigendecompositions in the solver's set-up: it must never
/// claim a bound that an independent eigendecomposition contradicts, it must succeed on clearly definite matrices, and
/// the concavity decision it feeds must equal the eigenvalue-based one.
/// </summary>
public class CholeskyProofTests
{
    private static double[] Random(System.Random rng, int n, double shift, double scale)
    {
        var b = new double[n * n];
        for (int i = 0; i < b.Length; i++)
        {
            b[i] = rng.NextDouble() - 0.5;
        }
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int l = 0; l < n; l++)
                {
                    s += b[(l * n) + i] * b[(l * n) + j];
                }
                a[(i * n) + j] = a[(j * n) + i] = scale * ((s / n) + (i == j ? shift : 0));
            }
        }
        return a;
    }

    private static double MinEigenvalue(double[] a, int n) =>
        Matrix<double>.Build.Dense(n, n, (i, j) => a[(i * n) + j]).Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);

    [Fact]
    public void A_proof_is_never_contradicted_by_the_eigenvalues()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Double[-0.2, 0.5], Gen.Int[-150, 150], Gen.Double[0, 1], Gen.Int[0, 100000]).Sample((n, shift, exponent, fraction, seed) =>
        {
            double scale = Math.Pow(10, exponent);
            var a = Random(new System.Random(seed), n, shift, scale);
            double lambda = MinEigenvalue(a, n);
            double norm = Math.Sqrt(a.Sum(x => x * x));
            double sigma = Math.Max(0, fraction * Math.Abs(lambda));
            if (GameStructure.ProvesMinimumEigenvalueAtLeast(a, n, sigma))
            {
                // The eigensolver's own error is about 16·u·n·‖A‖_F.
                (lambda + (16 * Tolerances.UnitRoundoff * n * norm)).Should().BeGreaterThanOrEqualTo(sigma, $"n = {n}, shift {shift}, scale 1e{exponent}");
            }
        }, iter: 2000);
    }

    [Fact]
    public void Clearly_definite_matrices_are_proved()
    {
        var rng = new System.Random(7);
        foreach (int n in new[] { 1, 2, 5, 50, 200 })
        {
            var a = Random(rng, n, 0.5, 1e-100);
            GameStructure.ProvesMinimumEigenvalueAtLeast(a, n, 0.25 * MinEigenvalue(a, n)).Should().BeTrue($"n = {n}");
            var indefinite = Random(rng, n, -0.6, 1.0);
            GameStructure.ProvesMinimumEigenvalueAtLeast(indefinite, n, 0).Should().BeFalse();
        }
    }

    [Fact]
    public void The_fast_concavity_decision_equals_the_eigenvalue_decision()
    {
        var rng = new System.Random(11);
        for (int trial = 0; trial < 400; trial++)
        {
            int k = rng.Next(2, 12);
            var game = TestGames.Random(rng, k, agents: 1 + rng.Next(5), identitySimilarity: rng.Next(2) == 0, attractivenessSpread: 1);
            var c = game.Inconsistency.ToArray();
            double tilt = (rng.NextDouble() - 0.7) * 2;
            for (int i = 0; i < k; i++)
            {
                c[i, i] += tilt; // some games lose own concavity
            }
            var tilted = AlignmentGame.Create(game.Names.ToArray(), game.Attractiveness.ToArray(), c, game.Agents, game.Coefficients);
            tilted.IsOwnConcave.Should().Be(tilted.OwnConcavity.IsConcave, $"trial {trial}, κ = {tilted.OwnConcavity.Kappa}");
        }
    }
    [Fact]
    public void A_concavity_proof_taken_from_the_second_uniqueness_test_is_never_contradicted()
    {
        // δ = λ_D/(N−1) is put just below, at or just above 2λ_C·κ (the edge of the second condition), and κ itself is
        // pushed near 0, so that the proof is attempted where it is hardest; when it is recorded, the eigenvalues must agree.
        int recorded = 0;
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 25], Gen.Int[2, 8], Gen.Double[0.5, 1.5], Gen.Int[-150, 150], Gen.Double[-0.6, 0.4]).Sample(
            (seed, k, agents, ratio, exponent, tilt) =>
            {
                var rng = new System.Random(seed);
                var c = TestGames.RandomPsd(rng, k, 0.05);
                var names = Enumerable.Range(0, k).Select(i => $"g{i}").ToArray();
                var a = Enumerable.Range(0, k).Select(_ => rng.NextDouble()).ToArray();
                double scale = Math.Pow(10, exponent);
                // Shift the diagonal (ZᵀZ = I, so κ moves by the same amount) to put κ at tilt·0.1: from −0.06 to +0.04.
                double kappa0 = AlignmentGame.Create(names, a, c, agents, new IncentiveCoefficients(1, 1, 0)).OwnConcavity.Kappa;
                for (int i = 0; i < k; i++)
                {
                    c[i, i] += (tilt * 0.1) - kappa0;
                }
                var probe = AlignmentGame.Create(names, a, c, agents, new IncentiveCoefficients(1, 1, 0));
                double kappa = probe.OwnConcavity.Kappa;
                double lambdaC = 0.5 * scale;
                double lambdaD = Math.Max(0, ratio * 2 * lambdaC * kappa * (agents - 1));
                var game = AlignmentGame.Create(names, a, c, agents, new IncentiveCoefficients(scale, lambdaC, lambdaD));
                UniquenessReport.SecondCondition(game);
                var n = k - 1;
                var reduced = game.Structure.ReducedInconsistency;
                double norm = Math.Sqrt(reduced.Sum(x => x * x));
                double lambdaMin = MinEigenvalue(reduced, n);
                if (game.Structure.KappaProofOnRecord)
                {
                    recorded++;
                    (lambdaMin + (16 * Tolerances.UnitRoundoff * n * norm)).Should().BeGreaterThanOrEqualTo(game.Structure.KappaTolerance,
                        $"seed {seed}, K {k}, ratio {ratio}, κ {kappa}");
                }
                game.IsOwnConcave.Should().Be(game.OwnConcavity.IsConcave);
            }, iter: 1500);
        recorded.Should().BeGreaterThan(30, "the proof is exercised (about 90 times in 1,500 cases)");
    }
}

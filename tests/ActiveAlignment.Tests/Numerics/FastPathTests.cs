using ActiveAlignment.Equilibria;
using ActiveAlignment.Numerics;
using ActiveAlignment.Sweeps;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Tests.Numerics;

/// <summary>
/// The short cuts of the certified solve, each against an independent computation: the Cholesky solve of the closed form
/// (against MathNet's LU of the whole bordered system), the first uniqueness condition taken from that factorisation
/// (against the public report and against eigenvalues), the O(K) proof that an objective is not linear (against the
/// Frobenius norm it stands in for), and the gradients that skip zero weights (against the plain loop, bit for bit).
/// </summary>
public class FastPathTests
{
    private static readonly Gen<(int Seed, int K, int Agents, int Exponent, bool Identity)> Games =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 30], Gen.Int[1, 6], Gen.Int[-150, 150], Gen.Bool);

    private static AlignmentGame Make(int seed, int k, int agents, int exponent, bool identity)
    {
        var rng = new Random(seed);
        var game = TestGames.Random(rng, k, agents, identity, attractivenessSpread: 1 + (5 * rng.NextDouble()));
        double scale = Math.Pow(10, exponent);
        var c = game.Coefficients;
        return game.WithCoefficients(new IncentiveCoefficients(scale * c.Attractiveness, scale * c.Consistency, scale * c.Diversity * (rng.NextDouble() < 0.3 ? 40 : 1)));
    }

    [Fact]
    public void Cholesky_solve_matches_MathNet()
    {
        Gen.Select(Gen.Int[1, 60], Gen.Int[-150, 150], Gen.Int[0, 100000]).Sample((n, exponent, seed) =>
        {
            var rng = new Random(seed);
            var b = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5);
            var a = ((b.TransposeThisAndMultiply(b) / n) + (0.1 * Matrix<double>.Build.DenseIdentity(n))) * Math.Pow(10, exponent);
            var rhs = Vector<double>.Build.Dense(n, _ => rng.NextDouble() - 0.5);
            var factor = a.ToRowMajorArray();
            Cholesky.Factor(factor, n, 0.0, 0.0).Should().BeTrue();
            var x = rhs.ToArray();
            Cholesky.Solve(factor, n, x);
            var reference = a.LU().Solve(rhs);
            (Vector<double>.Build.DenseOfArray(x) - reference).InfinityNorm().Should().BeLessThanOrEqualTo(1e-10 * reference.InfinityNorm());
        }, iter: 500);
    }

    [Fact]
    public void Row_blocked_kernels_give_the_scalar_loops_bits()
    {
        // MultiplySequential against the plain row loop, Dot4 against two Dot2 calls, and the Cholesky factor (which groups
        // rows by four) against the same recurrence written with Dot2 alone: bit for bit, at every length and tail.
        Gen.Select(Gen.Int[1, 70], Gen.Int[1, 9], Gen.Int[-150, 150], Gen.Int[0, 100000]).Sample((n, rows, exponent, seed) =>
        {
            var rng = new Random(seed);
            double scale = Math.Pow(10, exponent);
            var a = Enumerable.Range(0, rows * n).Select(_ => (rng.NextDouble() - 0.5) * scale).ToArray();
            var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var y = new double[rows];
            Kernels.MultiplySequential(a, rows, n, x, y);
            for (int i = 0; i < rows; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++)
                {
                    sum += a[(i * n) + j] * x[j];
                }
                BitConverter.DoubleToInt64Bits(y[i]).Should().Be(BitConverter.DoubleToInt64Bits(sum));
            }
            if (rows >= 4)
            {
                var (s0, s1, s2, s3) = Kernels.Dot4(a.AsSpan(0, n), a.AsSpan(n, n), a.AsSpan(2 * n, n), a.AsSpan(3 * n, n), x);
                var (p0, p1) = Kernels.Dot2(a.AsSpan(0, n), a.AsSpan(n, n), x);
                var (p2, p3) = Kernels.Dot2(a.AsSpan(2 * n, n), a.AsSpan(3 * n, n), x);
                new[] { s0, s1, s2, s3 }.Select(BitConverter.DoubleToInt64Bits).Should().Equal(new[] { p0, p1, p2, p3 }.Select(BitConverter.DoubleToInt64Bits));
            }
            var b = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5);
            var spd = (((b.TransposeThisAndMultiply(b) / n) + (0.1 * Matrix<double>.Build.DenseIdentity(n))) * scale).ToRowMajorArray();
            var factor = (double[])spd.Clone();
            var reference = (double[])spd.Clone();
            Cholesky.Factor(factor, n, 0.0, 0.0).Should().BeTrue();
            PairwiseCholesky(reference, n);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    BitConverter.DoubleToInt64Bits(factor[(i * n) + j]).Should().Be(BitConverter.DoubleToInt64Bits(reference[(i * n) + j]));
                }
            }
        }, iter: 400);
    }

    /// <summary>The factorisation as it was written before rows were grouped by four: pairs through Dot2, a last row through Dot.</summary>
    private static void PairwiseCholesky(double[] a, int n)
    {
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> rowJ = a.AsSpan(j * n, j);
            double r = Math.Sqrt(a[(j * n) + j] - Kernels.Dot(rowJ, rowJ));
            a[(j * n) + j] = r;
            int i = j + 1;
            for (; i + 1 < n; i += 2)
            {
                var (s0, s1) = Kernels.Dot2(a.AsSpan(i * n, j), a.AsSpan((i + 1) * n, j), rowJ);
                a[(i * n) + j] = (a[(i * n) + j] - s0) / r;
                a[((i + 1) * n) + j] = (a[((i + 1) * n) + j] - s1) / r;
            }
            if (i < n)
            {
                a[(i * n) + j] = (a[(i * n) + j] - Kernels.Dot(a.AsSpan(i * n, j), rowJ)) / r;
            }
        }
    }

    [Fact]
    public void Closed_form_matches_the_bordered_system_solved_by_MathNet()
    {
        Games.Sample((seed, k, agents, exponent, identity) =>
        {
            var game = Make(seed, k, agents, exponent, identity);
            var closedForm = ClosedFormSolver.Solve(game);
            if (closedForm.Status == ClosedFormStatus.Singular)
            {
                return;
            }
            var m = new double[k * k];
            game.FillInteractionMatrix(m);
            var bordered = Matrix<double>.Build.Dense(k + 1, k + 1, (i, j) => i < k && j < k ? m[(i * k) + j] : i == k && j == k ? 0.0 : 1.0);
            var rhs = Vector<double>.Build.Dense(k + 1, i => i < k ? game.Coefficients.Attractiveness * game.Attractiveness[i] : 1.0);
            var reference = bordered.LU().Solve(rhs);
            double condition = bordered.ConditionNumber();
            for (int i = 0; i < k; i++)
            {
                closedForm.Weights![i].Should().BeApproximately(reference[i], 1e-13 * condition * (1 + Math.Abs(reference[i])), $"seed {seed}, K {k}");
            }
        }, iter: 400);
    }

    [Fact]
    public void First_uniqueness_condition_from_the_closed_form_equals_the_report_and_the_eigenvalues()
    {
        Games.Sample((seed, k, agents, exponent, identity) =>
        {
            var game = Make(seed, k, agents, exponent, identity);
            var eq = EquilibriumSolver.Solve(game);
            var report = UniquenessReport.For(game);
            eq.Uniqueness.HomogeneousUnique.Should().Be(report.HomogeneousUnique);
            eq.Uniqueness.RosenCondition.Should().Be(report.RosenCondition);
            // Independently: λ_min of ZᵀMZ, with Z any orthonormal basis of {1ᵀv = 0}.
            var m = new double[k * k];
            game.FillInteractionMatrix(m);
            var basis = Matrix<double>.Build.DenseOfColumnArrays(Enumerable.Range(0, k - 1).Select(j =>
                Enumerable.Range(0, k).Select(i => i == j ? 1.0 : i == j + 1 ? -1.0 : 0.0).ToArray())).QR().Q.SubMatrix(0, k, 0, k - 1);
            var reduced = basis.TransposeThisAndMultiply(Matrix<double>.Build.Dense(k, k, (i, j) => m[(i * k) + j])).Multiply(basis);
            reduced = 0.5 * (reduced + reduced.Transpose());
            var eigenvalues = reduced.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).ToArray();
            double largest = eigenvalues.Max(Math.Abs);
            if (eigenvalues.Min() > 1e-9 * largest)
            {
                eq.Uniqueness.HomogeneousUnique.Should().BeTrue($"λ_min(ZᵀMZ) = {eigenvalues.Min()} > 0");
            }
            else if (eigenvalues.Min() < -1e-9 * largest)
            {
                eq.Uniqueness.HomogeneousUnique.Should().BeFalse($"λ_min(ZᵀMZ) = {eigenvalues.Min()} < 0");
            }
        }, iter: 400);
    }

    [Fact]
    public void An_edge_that_proves_curvature_is_never_contradicted_by_the_Frobenius_norm()
    {
        Gen.Select(Gen.Int[2, 30], Gen.Int[-150, 150], Gen.Int[0, 100000], Gen.Double[0, 1]).Sample((n, exponent, seed, linearity) =>
        {
            var rng = new Random(seed);
            // A = u1ᵀ + 1uᵀ + c11ᵀ + ε·(random symmetric): linear on the simplex when ε = 0.
            double epsilon = linearity < 0.3 ? 0 : Math.Pow(10, -16 * linearity);
            var u = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            var a = new double[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double noise = epsilon * (rng.NextDouble() - 0.5);
                    a[(i * n) + j] = a[(j * n) + i] = Math.Pow(10, exponent) * (u[i] + u[j] + 0.5 + noise);
                }
            }
            double threshold = 1e-14 * a.Max(Math.Abs);
            if (SimplexQuadraticProgram.ClearlyCurved(a, n, threshold))
            {
                SimplexQuadraticProgram.ProjectedFrobeniusNorm(a, n).Should().BeGreaterThan(threshold);
            }
            if (epsilon == 0)
            {
                SimplexQuadraticProgram.ClearlyCurved(a, n, threshold).Should().BeFalse("the objective is linear on the simplex");
            }
        }, iter: 1000);
    }

    [Fact]
    public void Gradient_skipping_zero_weights_equals_the_plain_loop_bit_for_bit()
    {
        Gen.Select(Gen.Int[1, 80], Gen.Int[0, 100000], Gen.Double[0, 1]).Sample((n, seed, sparsity) =>
        {
            var rng = new Random(seed);
            var a = Enumerable.Range(0, n * n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var b = Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
            var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() < sparsity ? 0.0 : rng.NextDouble()).ToArray();
            var g = new double[n];
            SimplexQuadraticProgram.Gradient(a, b, n, x, g);
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++)
                {
                    sum += a[(i * n) + j] * x[j];
                }
                BitConverter.DoubleToInt64Bits(g[i]).Should().Be(BitConverter.DoubleToInt64Bits(b[i] - sum));
            }
        }, iter: 500);
    }
    private sealed class NullSink : ISweepSink
    {
        public void WriteRow(in SweepRow row)
        {
        }
    }

    [Fact]
    public void A_sweep_that_only_counts_gives_the_counts_of_the_sweep_that_writes_every_weight()
    {
        var axes = new[] { CoefficientAxis.Attractiveness, CoefficientAxis.Consistency, CoefficientAxis.Diversity };
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 9], Gen.Int[1, 5], Gen.Int[0, 5], Gen.Double[0.02, 0.4]).Sample((seed, k, agents, pair, tau) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, agents, identitySimilarity: rng.Next(3) > 0, attractivenessSpread: 3);
            var xAxis = axes[pair % 3];
            var yAxis = axes[(pair % 3 + 1 + (pair / 3)) % 3];
            // Ranges from 0 on purpose: singular points as well as interior and boundary ones (and not-concave games).
            var x = GridAxis.Create(xAxis, 0, 3, 3 + rng.Next(40));
            var y = GridAxis.Create(yAxis, 0, 2, 2 + rng.Next(20));
            var options = new SweepOptions { Threshold = tau };
            var counted = ExclusionSweep.Run(game, x, y, options);
            var written = ExclusionSweep.Run(game, x, y, options, new NullSink());
            counted.InteriorPoints.Should().Be(written.InteriorPoints);
            counted.NoInteriorPoints.Should().Be(written.NoInteriorPoints);
            counted.SingularPoints.Should().Be(written.SingularPoints);
            counted.NotConcavePoints.Should().Be(written.NotConcavePoints);
            counted.AnyGroup.Excluded.Should().Be(written.AnyGroup.Excluded);
            counted.Groups.Select(g => g.Excluded).Should().Equal(written.Groups.Select(g => g.Excluded));
        }, iter: 300);
    }
    /// <summary>
    /// A random symmetric matrix of one kind: general, low rank (zero eigenvalues), clustered eigenvalues, diagonal, or a
    /// diagonal of exact zeros of both signs.
    /// </summary>
    private static Matrix<double> SymmetricCase(Random rng, int n, int kind)
    {
        var b = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() - 0.5);
        return kind switch
        {
            0 => b + b.Transpose(),
            1 => b.SubMatrix(0, n, 0, Math.Max(1, n / 3)) * b.SubMatrix(0, n, 0, Math.Max(1, n / 3)).Transpose(),
            2 => Matrix<double>.Build.DenseIdentity(n) * 3 + (1e-9 * (b + b.Transpose())),
            3 => Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray()),
            _ => Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, n).Select(i => i % 2 == 0 ? 0.0 : -0.0).ToArray()),
        };
    }

    [Fact]
    public void Jacobi_eigenvalues_and_vectors_match_MathNet()
    {
        Gen.Select(Gen.Int[1, 64], Gen.Int[-150, 150], Gen.Int[0, 100000], Gen.Int[0, 3]).Sample((n, exponent, seed, kind) =>
        {
            var a = SymmetricCase(new Random(seed), n, kind) * Math.Pow(10, exponent);
            var work = a.ToRowMajorArray();
            var vectors = new double[n * n];
            var values = ActiveAlignment.Numerics.SymmetricEigen.Jacobi(work, n, vectors);
            values.Should().NotBeNull();
            var reference = a.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).OrderBy(x => x).ToArray();
            double norm = a.FrobeniusNorm();
            values!.OrderBy(x => x).Zip(reference, (x, y) => Math.Abs(x - y)).Max().Should().BeLessThanOrEqualTo(1e-13 * n * norm);
            var v = Matrix<double>.Build.Dense(n, n, (i, j) => vectors[(i * n) + j]);
            (v.TransposeThisAndMultiply(v) - Matrix<double>.Build.DenseIdentity(n)).InfinityNorm().Should().BeLessThanOrEqualTo(1e-13 * n);
            (a * v - v * Matrix<double>.Build.DenseOfDiagonalArray(values)).FrobeniusNorm().Should().BeLessThanOrEqualTo(1e-13 * n * norm);
        }, iter: 300);
    }

    [Fact]
    public void Eigenvalue_only_Jacobi_gives_the_full_rotations_bits()
    {
        // The same matrices as above plus exact zeros of both signs: JacobiMin (one write per mirrored pair, no vectors, no
        // allocation) must return exactly the smallest eigenvalue the two-pass Jacobi returns, as Enumerable.Min takes it.
        Gen.Select(Gen.Int[1, 40], Gen.Int[-150, 150], Gen.Int[0, 100000], Gen.Int[0, 4]).Sample((n, exponent, seed, kind) =>
        {
            var a = SymmetricCase(new Random(seed), n, kind) * Math.Pow(10, exponent);
            var entries = a.ToRowMajorArray();
            var full = ActiveAlignment.Numerics.SymmetricEigen.Jacobi(entries.ToArray(), n, null);
            var fast = entries.ToArray();
            double min = ActiveAlignment.Numerics.SymmetricEigen.JacobiMin(fast, n);
            BitConverter.DoubleToInt64Bits(min).Should().Be(BitConverter.DoubleToInt64Bits(full!.Min()));
            // And through the public entry points (scaling and symmetrising first): the span overload is the delegate one.
            var work = new double[n * n];
            double viaSpan = ActiveAlignment.Numerics.SymmetricEigen.MinEigenvalue(entries, n, work);
            double viaDelegate = ActiveAlignment.Numerics.SymmetricEigen.MinEigenvalue((i, j) => entries[(i * n) + j], n);
            BitConverter.DoubleToInt64Bits(viaSpan).Should().Be(BitConverter.DoubleToInt64Bits(viaDelegate));
        }, iter: 400);
    }
}

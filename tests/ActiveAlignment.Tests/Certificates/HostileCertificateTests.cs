using ActiveAlignment.Equilibria;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Tests.Certificates;

/// <summary>
/// "Certified" means proved: on random games under hostile rescalings (1e±150 coefficients, per-row/column scalings of C,
/// tiny C with huge λ_C, duplicated groups, low-rank and indefinite C, indefinite S) the status and certificate the solver
/// reports are checked against an independent exact best response computed here, by enumerating every face with MathNet.
/// </summary>
public class HostileCertificateTests
{
    public enum Kind
    {
        Psd,
        LowRank,
        Indefinite,
        Duplicated,
        RowScaled,
        TinyCHugeLambda,
        ConcaveOnlyOnTheSimplex,
    }

    private static readonly Gen<(int Seed, int K, int Agents, Kind Kind, int Exponent, bool IndefiniteS)> Cases =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 6], Gen.Int[1, 6], Gen.Enum<Kind>(), Gen.Int[-150, 150], Gen.Bool);

    public static AlignmentGame Make(int seed, int k, int agents, Kind kind, int exponent, bool indefiniteS)
    {
        var rng = new Random(seed);
        var a = Enumerable.Range(0, k).Select(_ => rng.NextDouble()).ToArray();
        double[,] c = kind switch
        {
            Kind.LowRank => LowRank(rng, k, 1 + rng.Next(Math.Max(1, k - 1))),
            Kind.Indefinite => Symmetric(rng, k),
            _ => Testing.SeededGenerators.RandomPsd(rng, k, 0.05),
        };
        if (kind == Kind.ConcaveOnlyOnTheSimplex)
        {
            // C = B − α·11ᵀ with B ≻ 0 and α large: indefinite on the whole space (so no proof that C ⪰ 0 exists), yet
            // ZᵀCZ = ZᵀBZ ≻ 0, so the game is concave on the simplex and the certificate must come from κ alone.
            double alpha = 2 + (10 * rng.NextDouble());
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] -= alpha;
                }
            }
        }
        if (kind == Kind.Duplicated)
        {
            // Group 1 is a copy of group 0.
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
        }
        double[,]? s = indefiniteS ? Symmetric(rng, k) : null;
        double scale = Math.Pow(10, exponent);
        var lambda = new IncentiveCoefficients(scale * (0.2 + rng.NextDouble()), scale * (0.05 + rng.NextDouble()), scale * 2 * rng.NextDouble());
        if (kind == Kind.RowScaled)
        {
            var d = Enumerable.Range(0, k).Select(_ => Math.Pow(10, rng.Next(-100, 101))).ToArray();
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] *= d[i] * d[j];
                }
            }
            double max = 0;
            foreach (double v in c)
            {
                max = Math.Max(max, Math.Abs(v));
            }
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] /= max; // entries from 1e-200 to 1: hostile, but representable
                }
            }
        }
        if (kind == Kind.TinyCHugeLambda)
        {
            double t = Math.Pow(10, -(Math.Abs(exponent) % 100) - 1);
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    c[i, j] *= t;
                }
            }
            lambda = new IncentiveCoefficients(lambda.Attractiveness, lambda.Consistency / t, lambda.Diversity);
        }
        return AlignmentGame.Create(Enumerable.Range(0, k).Select(i => $"g{i}").ToArray(), a, c, agents, lambda, s);
    }

    private static double[,] LowRank(Random rng, int k, int rank)
    {
        var b = new double[rank, k];
        for (int r = 0; r < rank; r++)
        {
            for (int j = 0; j < k; j++)
            {
                b[r, j] = rng.NextDouble() - 0.5;
            }
        }
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                for (int r = 0; r < rank; r++)
                {
                    c[i, j] += b[r, i] * b[r, j];
                }
            }
        }
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < i; j++)
            {
                c[i, j] = c[j, i];
            }
        }
        return c;
    }

    private static double[,] Symmetric(Random rng, int k)
    {
        var c = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                c[i, j] = c[j, i] = rng.NextDouble() - 0.5;
            }
        }
        return c;
    }

    /// <summary>Uᵢ(v; m) evaluated here, independently of the library.</summary>
    private static double Utility(AlignmentGame g, double[] v, double[] m)
    {
        int k = g.Count;
        double lambdaD = g.Agents == 1 ? 0 : g.Coefficients.Diversity;
        double u = 0;
        for (int i = 0; i < k; i++)
        {
            u += g.Coefficients.Attractiveness * g.Attractiveness[i] * v[i];
            for (int j = 0; j < k; j++)
            {
                u -= g.Coefficients.Consistency * v[i] * g.Inconsistency[i, j] * v[j];
                u -= lambdaD * v[i] * g.Similarity[i, j] * m[j];
            }
        }
        return u;
    }

    /// <summary>
    /// The global maximum of Uᵢ(·; m) over the simplex by enumerating every face: the stationary point of each face
    /// (bordered system, diagonally equilibrated, solved by MathNet's LU) where its weights are positive, and every vertex.
    /// </summary>
    internal static double ExactBestResponse(AlignmentGame g, double[] m)
    {
        int k = g.Count;
        double lambdaD = g.Agents == 1 ? 0 : g.Coefficients.Diversity;
        var b = new double[k];
        for (int i = 0; i < k; i++)
        {
            b[i] = g.Coefficients.Attractiveness * g.Attractiveness[i];
            for (int j = 0; j < k; j++)
            {
                b[i] -= lambdaD * g.Similarity[i, j] * m[j];
            }
        }
        double best = double.NegativeInfinity;
        for (int mask = 1; mask < (1 << k); mask++)
        {
            var face = Enumerable.Range(0, k).Where(i => (mask & (1 << i)) != 0).ToArray();
            int s = face.Length;
            var v = new double[k];
            if (s == 1)
            {
                v[face[0]] = 1;
                best = Math.Max(best, Utility(g, v, m));
                continue;
            }
            var d = face.Select(i => { double q = Math.Abs(g.Inconsistency[i, i]) * g.Coefficients.Consistency; return q > 0 ? 1 / Math.Sqrt(q) : 1.0; }).ToArray();
            double beta = 1 / d.Max();
            var matrix = Matrix<double>.Build.Dense(s + 1, s + 1);
            var rhs = Vector<double>.Build.Dense(s + 1);
            for (int i = 0; i < s; i++)
            {
                for (int j = 0; j < s; j++)
                {
                    matrix[i, j] = d[i] * 2 * g.Coefficients.Consistency * g.Inconsistency[face[i], face[j]] * d[j];
                }
                matrix[i, s] = beta * d[i];
                matrix[s, i] = beta * d[i];
                rhs[i] = d[i] * b[face[i]];
            }
            rhs[s] = beta;
            var x = matrix.LU().Solve(rhs);
            // Accept only a solution that satisfies its (equilibrated) system to working precision.
            var residual = (matrix * x) - rhs;
            if (!(residual.InfinityNorm() <= 1e-9 * (1 + (matrix.InfinityNorm() * x.InfinityNorm()))))
            {
                continue;
            }
            bool positive = true;
            for (int i = 0; i < s; i++)
            {
                v[face[i]] = d[i] * x[i];
                positive &= v[face[i]] > 0 && double.IsFinite(v[face[i]]);
            }
            if (positive)
            {
                double sum = v.Sum();
                for (int i = 0; i < k; i++)
                {
                    v[i] /= sum;
                }
                best = Math.Max(best, Utility(g, v, m));
            }
        }
        return best;
    }

    public static double IndependentGap(AlignmentGame g, IReadOnlyList<double> weights)
    {
        var w = weights.ToArray();
        return Math.Max(0, ExactBestResponse(g, w) - Utility(g, w, w));
    }

    [Fact]
    public void Solve_HostileRandomGames_CertifiedOnlyWhenTheIndependentGapIsWithinTolerance()
    {
        int certified = 0, total = 0;
        Cases.Sample(p =>
        {
            var game = Make(p.Seed, p.K, p.Agents, p.Kind, p.Exponent, p.IndefiniteS);
            var eq = EquilibriumSolver.Solve(game);
            double trueGap = IndependentGap(game, eq.Weights);
            double slack = 1e-13 * game.Scale; // the rounding of this test's own evaluation
            eq.NashGapBound.Should().BeGreaterThanOrEqualTo(trueGap - slack, "the bound is proved to hold");
            if (eq.Status is EquilibriumStatus.Interior or EquilibriumStatus.Boundary)
            {
                eq.NashGapCertified.Should().BeTrue("an equilibrium status comes only with a certified gap");
            }
            if (eq.NashGapCertified)
            {
                trueGap.Should().BeLessThanOrEqualTo(game.NashGapTolerance + slack, $"{p} is certified");
                certified++;
            }
            else
            {
                eq.Reason.Should().NotBeNullOrEmpty();
            }
            total++;
        }, iter: 400);
        certified.Should().BeGreaterThan(total / 2, "most random games are concave and must be certified");
    }

    [Fact]
    public void Solve_ConcaveGamesUnderHostileScaling_AreAlwaysCertified()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 6], Gen.Int[1, 6], Gen.Int[0, 5].Select(i => new[] { Kind.Psd, Kind.LowRank, Kind.Duplicated, Kind.RowScaled, Kind.TinyCHugeLambda, Kind.ConcaveOnlyOnTheSimplex }[i]), Gen.Int[-150, 150])
            .Sample((seed, k, agents, kind, exponent) =>
            {
                var game = Make(seed, k, agents, kind, exponent, indefiniteS: false);
                var eq = EquilibriumSolver.Solve(game);
                eq.Status.Should().BeOneOf([EquilibriumStatus.Interior, EquilibriumStatus.Boundary], $"{kind}, K={k}, N={agents}, 1e{exponent}: {eq.Reason}");
                IndependentGap(game, eq.Weights).Should().BeLessThanOrEqualTo(game.NashGapTolerance * (1 + 1e-6));
            }, iter: 300);
    }

    [Theory]
    [InlineData(-150)]
    [InlineData(-37)]
    [InlineData(41)]
    [InlineData(150)]
    public void Solve_AllCoefficientsScaled_SameWeightsAndStatus(int exponent)
    {
        for (int seed = 0; seed < 40; seed++)
        {
            var game = Make(seed, 2 + (seed % 5), 1 + (seed % 4), Kind.Psd, 0, indefiniteS: false);
            var scaled = game.WithCoefficients(game.Coefficients.Scale(Math.Pow(10, exponent)));
            var a = EquilibriumSolver.Solve(game);
            var b = EquilibriumSolver.Solve(scaled);
            b.Status.Should().Be(a.Status);
            for (int i = 0; i < game.Count; i++)
            {
                b.Weights[i].Should().BeApproximately(a.Weights[i], 1e-12);
            }
        }
    }

    [Theory]
    [InlineData(1e-12)]
    [InlineData(1e12)]
    [InlineData(1e-150)]
    public void OwnConcavity_InconsistencyRescaledAgainstItsCoefficient_IsInvariant(double s)
    {
        // C ~ s with λ_C ~ 1/s and κ·λ_C = −1: not concave at every s (an absolute floor once called this concave).
        var c = new double[,] { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 0.5 } };
        var scaled = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                scaled[i, j] = c[i, j] * s;
            }
        }
        var plain = AlignmentGame.Create(["x", "y", "z"], [0.5, 0.3, 0.2], c, 4, new IncentiveCoefficients(1, 1, 0.3));
        var hostile = AlignmentGame.Create(["x", "y", "z"], [0.5, 0.3, 0.2], scaled, 4, new IncentiveCoefficients(1, 1 / s, 0.3));
        plain.OwnConcavity.IsConcave.Should().BeFalse();
        hostile.OwnConcavity.IsConcave.Should().Be(plain.OwnConcavity.IsConcave);
        var eq = EquilibriumSolver.Solve(hostile);
        eq.Status.Should().Be(EquilibriumStatus.NotConcave);
        eq.IsCertifiedEquilibrium.Should().BeFalse();
        IndependentGap(hostile, eq.Weights).Should().BeLessThanOrEqualTo(eq.NashGapBound * (1 + 1e-9));
    }

    [Theory]
    [InlineData(1e11)]
    [InlineData(1e12)]
    [InlineData(1e13)]
    [InlineData(1e155)]
    public void Solve_OneHugeDiagonalEntry_AccurateWeightsAndCertified(double huge)
    {
        var c = new double[,] { { huge, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.1, 0.2, 1.2 } };
        var game = AlignmentGame.Create(["x", "y", "z"], [0.5, 0.3, 0.2], c, 4, new IncentiveCoefficients(1, 0.5, 0.3));
        var eq = EquilibriumSolver.Solve(game);
        eq.ShouldBeCertified();
        // As C₀₀ → ∞, w₀ → 0 and (w₁, w₂) solve the game on {y, z}: exactly (14/19, 5/19) in the limit.
        var limit = AlignmentGame.Create(["y", "z"], [0.3, 0.2], new double[,] { { 0.5, 0.2 }, { 0.2, 1.2 } }, 4, new IncentiveCoefficients(1, 0.5, 0.3));
        var reduced = EquilibriumSolver.Solve(limit);
        double tolerance = huge >= 1e20 ? 1e-15 : 1e-9;
        eq.Weights[1].Should().BeApproximately(reduced.Weights[0], tolerance);
        eq.Weights[2].Should().BeApproximately(reduced.Weights[1], tolerance);
        IndependentGap(game, eq.Weights).Should().BeLessThanOrEqualTo(eq.NashGapBound + (1e-13 * game.Scale));
    }

    [Fact]
    public void Solve_DuplicatedGroups_FindsTheExactKktPointWithoutIterating()
    {
        // Three identical groups: every mixture is an equilibrium of the continuum; the solver must return one, certified.
        var c = new double[,] { { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 } };
        var game = AlignmentGame.Create(["a", "b", "c"], [0.4, 0.4, 0.4], c, 3, new IncentiveCoefficients(1, 0.5, 0));
        var eq = EquilibriumSolver.Solve(game);
        eq.ShouldBeCertified();
        eq.Iterations.Should().BeLessThan(100);
        eq.ClosedForm.Status.Should().Be(ClosedFormStatus.Singular);
    }

    [Theory]
    [InlineData(1e301, "attractiveness")]
    [InlineData(-1e305, "attractiveness")]
    public void Create_MagnitudesBeyondTheRepresentableRange_AreRejectedNamingTheField(double value, string field)
    {
        var act = () => AlignmentGame.Create(["x", "y"], [value, 0.3], new double[,] { { 1, 0 }, { 0, 1 } }, 2, new IncentiveCoefficients(1, 1, 1));
        act.Should().Throw<ArgumentException>().WithMessage($"*{field}*1E+300*");
    }

    [Fact]
    public void WithCoefficients_ProductBeyondTheRepresentableRange_IsRejected()
    {
        var game = AlignmentGame.Create(["x", "y"], [0.5, 0.3], new double[,] { { 1e200, 0 }, { 0, 1 } }, 2, new IncentiveCoefficients(1, 1, 1));
        var act = () => game.WithCoefficients(new IncentiveCoefficients(1, 1e150, 1));
        act.Should().Throw<ArgumentException>().WithMessage("*consistency*1E+300*");
    }
}

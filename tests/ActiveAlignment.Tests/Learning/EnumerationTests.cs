using ActiveAlignment.Learning;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Tests.Learning;

/// <summary>
/// Every equilibrium (docs/model.md#every-equilibrium) against a brute force written here: every ordered assignment of supports
/// to the agents, each KKT system solved in doubles by MathNet straight from the utility's gradient, the solutions grouped up to
/// agent permutations and counted.
/// </summary>
public class EnumerationTests
{
    private sealed record BruteClass(double[][] Profile, int Count);

    private static List<BruteClass> BruteForce(AlignmentGame game)
    {
        int k = game.Count, n = game.Agents;
        var co = game.Coefficients;
        double beta = n == 1 ? 0 : co.Diversity / (n - 1);
        var c = game.Inconsistency.ToArray();
        var s = game.Similarity.ToArray();
        var supports = Enumerable.Range(1, (1 << k) - 1).Select(mask => Enumerable.Range(0, k).Where(j => (mask & (1 << j)) != 0).ToArray()).ToArray();
        var classes = new List<BruteClass>();
        var assignment = new int[n];
        void Visit(int agent)
        {
            if (agent < n)
            {
                for (int t = 0; t < supports.Length; t++)
                {
                    assignment[agent] = t;
                    Visit(agent + 1);
                }
                return;
            }
            var js = assignment.Select(t => supports[t]).ToArray();
            var offsets = new int[n + 1];
            for (int i = 0; i < n; i++)
            {
                offsets[i + 1] = offsets[i] + js[i].Length + 1;
            }
            int size = offsets[n];
            var a = Matrix<double>.Build.Dense(size, size);
            var b = Vector<double>.Build.Dense(size);
            for (int i = 0; i < n; i++)
            {
                for (int r = 0; r < js[i].Length; r++)
                {
                    int row = offsets[i] + r, q = js[i][r];
                    // λ_A a_q − 2λ_C Σ C_ql w_il − β Σ_{j≠i} Σ S_ql w_jl − ν_i = 0
                    for (int j = 0; j < n; j++)
                    {
                        for (int l = 0; l < js[j].Length; l++)
                        {
                            a[row, offsets[j] + l] = i == j ? 2 * co.Consistency * c[q, js[j][l]] : beta * s[q, js[j][l]];
                        }
                    }
                    a[row, offsets[i] + js[i].Length] = 1;
                    b[row] = co.Attractiveness * game.Attractiveness[q];
                }
                int sumRow = offsets[i] + js[i].Length;
                for (int l = 0; l < js[i].Length; l++)
                {
                    a[sumRow, offsets[i] + l] = 1;
                }
                b[sumRow] = 1;
            }
            var lu = a.LU();
            if (Math.Abs(lu.Determinant) < 1e-12)
            {
                return;
            }
            var x = lu.Solve(b);
            var profile = new double[n][];
            for (int i = 0; i < n; i++)
            {
                profile[i] = new double[k];
                for (int l = 0; l < js[i].Length; l++)
                {
                    if (!(x[offsets[i] + l] > 1e-9))
                    {
                        return;
                    }
                    profile[i][js[i][l]] = x[offsets[i] + l];
                }
            }
            for (int i = 0; i < n; i++)
            {
                double nu = x[offsets[i] + js[i].Length];
                for (int q = 0; q < k; q++)
                {
                    if (js[i].Contains(q))
                    {
                        continue;
                    }
                    double g = co.Attractiveness * game.Attractiveness[q];
                    for (int l = 0; l < k; l++)
                    {
                        g -= 2 * co.Consistency * c[q, l] * profile[i][l];
                        for (int j = 0; j < n; j++)
                        {
                            if (j != i)
                            {
                                g -= beta * s[q, l] * profile[j][l];
                            }
                        }
                    }
                    if (g > nu + 1e-9)
                    {
                        return;
                    }
                }
            }
            var sorted = profile.OrderBy(w => w, Comparer<double[]>.Create(Lexicographic)).ToArray();
            int found = classes.FindIndex(e => Close(e.Profile, sorted, 1e-7));
            if (found < 0)
            {
                classes.Add(new BruteClass(sorted, 1));
            }
            else
            {
                classes[found] = classes[found] with { Count = classes[found].Count + 1 };
            }
        }
        Visit(0);
        return classes;
    }

    private static int Lexicographic(double[] x, double[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (Math.Abs(x[i] - y[i]) > 1e-9)
            {
                return x[i].CompareTo(y[i]);
            }
        }
        return 0;
    }

    private static bool Close(IReadOnlyList<IReadOnlyList<double>> a, IReadOnlyList<IReadOnlyList<double>> b, double tolerance)
        => a.Count == b.Count && a.Zip(b).All(p => p.First.Zip(p.Second).All(q => Math.Abs(q.First - q.Second) <= tolerance));

    [Fact]
    public void WorkedExample_HasOneEquilibrium_TheExactClosedForm()
    {
        var set = EquilibriumEnumeration.Enumerate(TestGames.WorkedExample());
        set.IsComplete.Should().BeTrue();
        set.SupportsExamined.Should().Be(210); // C(7 + 3, 4)
        set.Equilibria.Should().ContainSingle();
        var e = set.Equilibria[0];
        e.IsHomogeneous.Should().BeTrue();
        e.Multiplicity.Should().Be(1);
        e.ExactProfile[0].Should().Equal("127/298", "63/149", "45/298"); // 126/298 = 63/149
        e.Stability.Label.Should().Be(StabilityLabel.Stable);
        e.IsCertified.Should().BeTrue();
        e.ContinuumDimension.Should().BeNull();
    }

    [Fact]
    public void RandomGames_MatchTheBruteForce_ClassesAndMultiplicities()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 4], Gen.Int[1, 3]).Sample((seed, k, n) =>
        {
            if (k == 4 && n == 3 && seed % 3 != 0)
            {
                return; // the brute force's 3,375 systems: sampled less often
            }
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identitySimilarity: rng.Next(2) == 0, attractivenessSpread: 1 + (3 * rng.NextDouble()));
            game = game.WithCoefficients(new IncentiveCoefficients(game.Coefficients.Attractiveness, game.Coefficients.Consistency, 5 * rng.NextDouble()));
            var brute = BruteForce(game);
            var set = EquilibriumEnumeration.Enumerate(game);
            set.IsComplete.Should().BeTrue();
            set.Equilibria.Should().HaveCount(brute.Count, $"seed {seed}, K = {k}, N = {n}");
            foreach (var e in set.Equilibria)
            {
                var match = brute.FirstOrDefault(b => Close(b.Profile.Select(w => (IReadOnlyList<double>)w).ToList(), e.Profile, 1e-7));
                match.Should().NotBeNull($"seed {seed}: {e} is found by the brute force");
                ((long)e.Multiplicity).Should().Be(match!.Count, $"seed {seed}: multiplicity of {e}");
                e.IsCertified.Should().BeTrue();
                e.NashGapReport.Gap.Should().BeLessThanOrEqualTo(1e-10 * game.Scale);
                // Classes proved in floating point carry the same exact rationals as the exact path computes.
                for (int i = 0; i < n; i++)
                {
                    for (int j = 0; j < k; j++)
                    {
                        ActiveAlignment.Numerics.Exact.Rational.TryParse(e.ExactProfile[i][j], out var r).Should().BeTrue();
                        Math.Abs(r.ToDouble() - e.Profile[i][j]).Should().BeLessThanOrEqualTo(4 * Math.ScaleB(1.0, -52) * Math.Abs(r.ToDouble()),
                            $"seed {seed}: the refined floating profile is the exact one to within a few ulps");
                    }
                }
            }
            set.TotalEquilibria.Should().Be(brute.Sum(b => b.Count));
        }, iter: 60);
    }

    [Fact]
    public void GradientPlay_EndsOnlyAtEquilibriaLabelledStable()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 4], Gen.Int[2, 4]).Sample((seed, k, n) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identitySimilarity: true, attractivenessSpread: 1 + (2 * rng.NextDouble()));
            game = game.WithCoefficients(new IncentiveCoefficients(game.Coefficients.Attractiveness, game.Coefficients.Consistency, 6 * rng.NextDouble()));
            var set = EquilibriumEnumeration.Enumerate(game);
            var result = LearningDynamics.Run(game, new DynamicsOptions { Starts = 24, Seed = seed, MaxIterations = 40_000 });
            foreach (var outcome in result.Outcomes)
            {
                var match = set.Equilibria.FirstOrDefault(e => Close(e.Profile, outcome.Profile, 1e-8));
                match.Should().NotBeNull($"seed {seed}: the end {outcome} is one of the enumerated equilibria");
                match!.Stability.Label.Should().NotBe(StabilityLabel.Unstable, $"seed {seed}: learning agents do not end at an unstable equilibrium");
                outcome.NashGapReport.IsCertified.Should().BeTrue();
            }
        }, iter: 30);
    }

    [Fact]
    public void EnumeratedLabels_AreInvariantUnderRescaling()
    {
        var game = TestGames.WorkedExample().WithCoefficients(new IncentiveCoefficients(1.0, 0.5, 2.0));
        var labels = EquilibriumEnumeration.Enumerate(game).Equilibria.Select(e => (e.Stability.Label, e.Multiplicity)).ToList();
        foreach (double c in new[] { 1e-150, 1e-7, 1e120 })
        {
            var scaled = game.WithCoefficients(new IncentiveCoefficients(c, 0.5 * c, 2.0 * c));
            EquilibriumEnumeration.Enumerate(scaled).Equilibria.Select(e => (e.Stability.Label, e.Multiplicity)).Should().Equal(labels, $"λ × {c}");
        }
        labels.Count(l => l.Label == StabilityLabel.Stable).Should().Be(1);
    }

    [Fact]
    public void AFlatGame_IsReportedAsContinua()
    {
        // Equal attractiveness, C constant (invisible on the simplex), no diversity: every profile is an equilibrium.
        var game = AlignmentGame.Create(["x", "y"], [1.0, 1.0], new double[,] { { 1, 1 }, { 1, 1 } }, 2, new IncentiveCoefficients(1, 0.5, 0));
        var set = EquilibriumEnumeration.Enumerate(game);
        set.IsComplete.Should().BeTrue();
        set.Equilibria.Should().HaveCount(6);
        set.Equilibria.Count(e => e.ContinuumDimension == 2).Should().Be(1, "both agents mixing: a square of equilibria");
        set.Equilibria.Count(e => e.ContinuumDimension == 1).Should().Be(2);
        set.Equilibria.Where(e => e.ContinuumDimension is null).Should().HaveCount(3).And.OnlyContain(e => e.Profile.All(w => w.Contains(1.0)));
        set.Equilibria.Should().OnlyContain(e => e.Stability.Label == StabilityLabel.Degenerate);
        set.TotalEquilibria.Should().Be(1 + 2 + 1 + 2 + 2 + 1);
    }

    [Fact]
    public void BeyondTheWorkBound_TheGameIsRefusedBeforeAnyWork()
    {
        var game = TestGames.WorkedExample();
        var act = () => EquilibriumEnumeration.Enumerate(game, new EquilibriumEnumerationOptions { MaxSupportProfiles = 209 });
        act.Should().Throw<EnumerationLimitException>().Which.SupportProfiles.Should().Be(210);
        EquilibriumEnumeration.SupportProfileCount(5, 4).Should().Be(46_376);
    }

    [Fact]
    public void ExactDefiniteness_AgreesWithEigenvalues()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[1, 6]).Sample((seed, n) =>
        {
            var rng = new Random(seed);
            // A random symmetric integer matrix, sometimes built to be semidefinite and singular (BᵀB with B of lower rank).
            var b = Matrix<double>.Build.Dense(rng.Next(1, n + 1), n, (_, _) => rng.Next(-3, 4));
            var m = rng.Next(3) switch
            {
                0 => b.TransposeThisAndMultiply(b),
                1 => b.TransposeThisAndMultiply(b) + Matrix<double>.Build.DenseIdentity(n),
                _ => Matrix<double>.Build.Dense(n, n, (i, j) => rng.Next(-3, 4)),
            };
            m = m + m.Transpose();
            var exact = new ActiveAlignment.Numerics.Exact.Rational[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    exact[(i * n) + j] = (long)m[i, j];
                }
            }
            var eigen = m.Evd(Symmetricity.Symmetric).EigenValues.Select(v => v.Real).ToArray();
            int expected = eigen.Min() < -1e-9 ? -1 : eigen.Min() > 1e-9 ? 1 : 0;
            ExactAlgebra.Definiteness(exact, n).Should().Be(expected, $"seed {seed}, eigenvalues {string.Join(", ", eigen)}");
        }, iter: 400);
    }
}

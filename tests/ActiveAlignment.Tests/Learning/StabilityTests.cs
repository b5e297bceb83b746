using ActiveAlignment.Learning;
using CsCheck;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Tests.Learning;

/// <summary>
/// Stability of equilibria (docs/model.md#stability), against an independent computation written here: an orthonormal basis of
/// the face from MathNet's QR of the difference vectors eⱼ − e_last, the reduced modes A₊ and A₋ formed from it, and their
/// eigenvalues from MathNet's symmetric eigensolver.
/// </summary>
public class StabilityTests
{
    /// <summary>An orthonormal basis (K × (|J|−1)) of the directions of the face J, by QR of e_j − e_last.</summary>
    internal static Matrix<double> FaceBasis(int k, IReadOnlyList<int> support)
    {
        int m = support.Count;
        var d = Matrix<double>.Build.Dense(k, m - 1);
        for (int t = 0; t < m - 1; t++)
        {
            d[support[t], t] = 1;
            d[support[m - 1], t] = -1;
        }
        return d.QR().Q.SubMatrix(0, k, 0, m - 1);
    }

    /// <summary>λ_min of Zᵀ(αC + γS)Z, by MathNet.</summary>
    internal static double ModeMinimum(AlignmentGame game, IReadOnlyList<int> support, double alpha, double gamma)
    {
        int k = game.Count;
        var c = Matrix<double>.Build.DenseOfArray(game.Inconsistency.ToArray());
        var s = Matrix<double>.Build.DenseOfArray(game.Similarity.ToArray());
        var z = FaceBasis(k, support);
        var a = z.Transpose() * ((alpha * c) + (gamma * s)) * z;
        a = 0.5 * (a + a.Transpose());
        return a.Evd(Symmetricity.Symmetric).EigenValues.Min(v => v.Real);
    }

    [Fact]
    public void WorkedExample_IsStable_WithTheMarginsOfBothModes()
    {
        var game = TestGames.WorkedExample();
        var eq = EquilibriumSolver.Solve(game);
        var st = eq.Stability;
        st.Label.Should().Be(StabilityLabel.Stable);
        st.IsCertified.Should().BeTrue();
        st.Slack.Should().BeNull("every group is in the support");
        int[] all = [0, 1, 2];
        st.CommonMargin!.Value.Should().BeApproximately(ModeMinimum(game, all, 1.0, 0.3), 1e-12);
        st.SpecialisationMargin!.Value.Should().BeApproximately(ModeMinimum(game, all, 1.0, -0.1), 1e-12);
        eq.ToString().Should().EndWith("stable (proved): common margin 0.7605, specialisation margin 0.3605");
    }

    [Fact]
    public void StrongDiversity_MakesTheHomogeneousEquilibriumUnstable_AlongTheSpecialisationMode()
    {
        var game = TestGames.WorkedExample().WithCoefficients(new IncentiveCoefficients(1.0, 0.5, 2.0));
        var st = EquilibriumSolver.Solve(game).Stability;
        st.Label.Should().Be(StabilityLabel.Unstable);
        st.IsCertified.Should().BeTrue();
        st.UnstableMode.Should().Be("specialisation");
        st.SpecialisationMargin!.Value.Should().BeApproximately(ModeMinimum(game, [0, 1, 2], 1.0, -2.0 / 3), 1e-12).And.BeNegative();
        st.CommonMargin!.Value.Should().BePositive();
    }

    [Fact]
    public void SingleAgent_HasNoSpecialisationMode()
    {
        var st = EquilibriumSolver.Solve(TestGames.WorkedExample(agents: 1)).Stability;
        st.SpecialisationMargin.Should().BeNull();
        st.Label.Should().Be(StabilityLabel.Stable);
    }

    [Fact]
    public void TheInteriorBoundaryIsTheLineOfTheGeneralisedEigenvalue()
    {
        // ideological sample: stable below λ_D ≈ 1.3815 at λ_C = 0.5 (the line λ_D = 2(N−1)θ_min λ_C).
        var game = TestGames.WorkedExample();
        double slope = Stability.InteriorBoundarySlope(game)!.Value;
        double theta = ModeMinimum(game, [0, 1, 2], 1.0, 0.0); // S = I: θ_min = λ_min(ZᵀCZ)
        slope.Should().BeApproximately(2 * 3 * theta, 1e-13);
        double line = slope * 0.5;
        line.Should().BeApproximately(1.38146, 1e-5);
        Label(game, line * (1 - 1e-6)).Should().Be(StabilityLabel.Stable);
        Label(game, line * (1 + 1e-6)).Should().Be(StabilityLabel.Unstable);

        static StabilityLabel Label(AlignmentGame g, double diversity) =>
            EquilibriumSolver.Solve(g.WithCoefficients(new IncentiveCoefficients(1.0, 0.5, diversity))).Stability.Label;
    }

    [Fact]
    public void Labels_AgreeWithIndependentEigenvalues_OnRandomGames()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 7], Gen.Int[1, 6], Gen.Bool).Sample((seed, k, n, identity) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identity, attractivenessSpread: 1 + (3 * rng.NextDouble()));
            game = game.WithCoefficients(new IncentiveCoefficients(game.Coefficients.Attractiveness, game.Coefficients.Consistency, 4 * rng.NextDouble()));
            var eq = EquilibriumSolver.Solve(game);
            if (!eq.IsCertifiedEquilibrium)
            {
                return;
            }
            var st = eq.Stability;
            var support = eq.Support;
            double lc = game.Coefficients.Consistency, ld = game.EffectiveDiversity, beta = n == 1 ? 0 : ld / (n - 1);
            double scale = (2 * lc * game.Inconsistency.MaxAbs) + (ld * game.Similarity.MaxAbs);
            double? plus = support.Count > 1 ? ModeMinimum(game, support, 2 * lc, ld) : null;
            double? minus = support.Count > 1 && n > 1 ? ModeMinimum(game, support, 2 * lc, -beta) : null;
            // Slack, independently: ν from the support, then min over the others of ν − Fₖ.
            var m = new double[k * k];
            game.FillInteractionMatrix(m);
            var f = Enumerable.Range(0, k).Select(i => (game.Coefficients.Attractiveness * game.Attractiveness[i])
                - Enumerable.Range(0, k).Sum(j => m[(i * k) + j] * eq.Weights[j])).ToArray();
            double nu = support.Average(i => f[i]);
            double? slack = support.Count == k ? null : Enumerable.Range(0, k).Where(i => !support.Contains(i)).Min(i => nu - f[i]);
            double clear = 1e-8 * scale, gradientScale = game.Scale + scale;
            bool clearlyStable = (plus is not double p || p > clear) && (minus is not double q || q > clear) && (slack is not double s || s > 1e-8 * gradientScale);
            bool clearlyUnstable = plus < -clear || minus < -clear;
            if (clearlyStable)
            {
                st.Label.Should().Be(StabilityLabel.Stable, $"seed {seed}: margins {plus}, {minus}, slack {slack}");
            }
            else if (clearlyUnstable)
            {
                st.Label.Should().Be(StabilityLabel.Unstable, $"seed {seed}: margins {plus}, {minus}");
            }
            if (plus is double pp)
            {
                st.CommonMargin!.Value.Should().BeApproximately(pp, 1e-9 * scale);
            }
            if (minus is double mm)
            {
                st.SpecialisationMargin!.Value.Should().BeApproximately(mm, 1e-9 * scale);
            }
            if (slack is double sl)
            {
                st.Slack!.Value.Should().BeApproximately(sl, 1e-9 * gradientScale);
            }
            st.IsCertified.Should().Be(st.Label != StabilityLabel.Degenerate);
        }, iter: 300);
    }

    [Fact]
    public void Labels_AreInvariantUnderRescalingAndPermutations()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 6], Gen.Int[2, 6], Gen.Int[-120, 120]).Sample((seed, k, n, exponent) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identitySimilarity: rng.Next(2) == 0, attractivenessSpread: 1 + (3 * rng.NextDouble()));
            game = game.WithCoefficients(new IncentiveCoefficients(game.Coefficients.Attractiveness, game.Coefficients.Consistency, 4 * rng.NextDouble()));
            var reference = EquilibriumSolver.Solve(game);
            if (!reference.IsCertifiedEquilibrium || reference.Stability.Label == StabilityLabel.Degenerate)
            {
                return;
            }
            var label = reference.Stability.Label;
            double c = Math.Pow(10, exponent);
            // All λ by c (every quantity scales by c).
            var scaled = game.WithCoefficients(new IncentiveCoefficients(c * game.Coefficients.Attractiveness, c * game.Coefficients.Consistency, c * game.Coefficients.Diversity));
            EquilibriumSolver.Solve(scaled).Stability.Label.Should().Be(label, $"seed {seed}, λ × 1e{exponent}");
            // C → sC with λ_C → λ_C/s.
            double s = Math.Pow(10, exponent / 2);
            var cs = game.Inconsistency.ToArray();
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    cs[i, j] *= s;
                }
            }
            var rescaledC = AlignmentGame.Create(game.Names.ToList(), game.Attractiveness.ToArray(), cs, n,
                new IncentiveCoefficients(game.Coefficients.Attractiveness, game.Coefficients.Consistency / s, game.Coefficients.Diversity),
                game.SimilarityGiven ? game.Similarity.ToArray() : null);
            EquilibriumSolver.Solve(rescaledC).Stability.Label.Should().Be(label, $"seed {seed}, C × 1e{exponent / 2}");
            // A permutation of the groups.
            var perm = Enumerable.Range(0, k).OrderBy(_ => rng.Next()).ToArray();
            var pc = new double[k, k];
            var ps = new double[k, k];
            var sOld = game.Similarity.ToArray();
            var cOld = game.Inconsistency.ToArray();
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    pc[i, j] = cOld[perm[i], perm[j]];
                    ps[i, j] = sOld[perm[i], perm[j]];
                }
            }
            var permuted = AlignmentGame.Create(perm.Select(i => game.Names.ElementAt(i)).ToList(), perm.Select(i => game.Attractiveness[i]).ToArray(), pc, n,
                game.Coefficients, game.SimilarityGiven ? ps : null);
            var pst = EquilibriumSolver.Solve(permuted).Stability;
            pst.Label.Should().Be(label, $"seed {seed}, permuted groups");
            if (reference.Stability.SpecialisationMargin is double sm)
            {
                pst.SpecialisationMargin!.Value.Should().BeApproximately(sm, 1e-10 * (1 + Math.Abs(sm)) * game.Scale);
            }
        }, iter: 150);
    }

    [Fact]
    public void Potential_IsExact_ItsDifferencesAreTheMovingAgentsUtilityDifferences()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 6], Gen.Int[1, 6]).Sample((seed, k, n) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identitySimilarity: rng.Next(2) == 0, attractivenessSpread: 2);
            var profile = Enumerable.Range(0, n).Select(_ => RandomMixture(rng, k)).ToArray();
            int mover = rng.Next(n);
            var moved = profile.Select(w => w.ToArray()).ToArray();
            moved[mover] = RandomMixture(rng, k);
            double before = Stability.Potential(game, profile), after = Stability.Potential(game, moved);
            var others = OthersMean(profile, mover, k);
            double du = game.Utility(moved[mover], others) - game.Utility(profile[mover], others);
            (after - before).Should().BeApproximately(du, 1e-11 * (1 + Math.Abs(before)) * n, $"seed {seed}");
        }, iter: 300);
    }

    [Fact]
    public void GeneralProfiles_LabelsAgreeWithTheBlockHessianEigenvalues()
    {
        var game = TestGames.WorkedExample().WithCoefficients(new IncentiveCoefficients(1.0, 0.5, 2.0));
        foreach (var e in EquilibriumEnumeration.Enumerate(game).Equilibria.Where(x => !x.IsHomogeneous))
        {
            var profile = e.Profile.Select(w => w.ToArray()).ToArray();
            var floating = Stability.OfProfile(game, profile);
            double margin = -BlockHessianMaximum(game, profile);
            floating.Margin!.Value.Should().BeApproximately(margin, 1e-10);
            floating.Label.Should().Be(e.Stability.Label, "the floating label agrees with the exact one on this non-degenerate game");
        }
    }

    [Fact]
    public void ProfilesWithRepeatedMixtures_MarginIsTheFullBlockHessians()
    {
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 5], Gen.Int[2, 7]).Sample((seed, k, n) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, k, n, identitySimilarity: rng.Next(2) == 0, attractivenessSpread: 2);
            game = game.WithCoefficients(new IncentiveCoefficients(game.Coefficients.Attractiveness, game.Coefficients.Consistency, 6 * rng.NextDouble()));
            // A few distinct mixtures on random faces, each repeated by several agents.
            var distinct = Enumerable.Range(0, 1 + rng.Next(3)).Select(_ =>
            {
                var w = RandomMixture(rng, k);
                for (int j = 0; j < k; j++)
                {
                    if (rng.Next(3) == 0)
                    {
                        w[j] = 0;
                    }
                }
                if (w.Sum() == 0)
                {
                    w[rng.Next(k)] = 1;
                }
                double total = w.Sum();
                return w.Select(x => x / total).ToArray();
            }).ToList();
            var profile = Enumerable.Range(0, n).Select(i => distinct[i % distinct.Count].ToArray()).ToArray();
            var report = Stability.OfProfile(game, profile);
            double expected = -BlockHessianMaximum(game, profile);
            if (report.IsHomogeneous)
            {
                (report.Margin ?? double.PositiveInfinity).Should().BeApproximately(profile[0].Count(x => x > 0) < 2 ? double.PositiveInfinity : expected, 1e-9 * (1 + game.Scale * 10));
                return;
            }
            if (report.Margin is double margin)
            {
                margin.Should().BeApproximately(expected, 1e-9 * (1 + (10 * game.Scale)) * (1 + n), $"seed {seed}");
            }
            if (expected < -1e-7 * (1 + game.Scale))
            {
                report.Label.Should().Be(StabilityLabel.Unstable, $"seed {seed}: the block Hessian has a positive eigenvalue {-expected}");
                report.IsCertified.Should().BeTrue();
            }
        }, iter: 200);
    }

    /// <summary>λ_max of the potential's Hessian on the product of the faces, assembled with MathNet from explicit bases.</summary>
    internal static double BlockHessianMaximum(AlignmentGame game, double[][] profile)
    {
        int k = game.Count, n = profile.Length;
        var c = Matrix<double>.Build.DenseOfArray(game.Inconsistency.ToArray());
        var s = Matrix<double>.Build.DenseOfArray(game.Similarity.ToArray());
        double lc = game.Coefficients.Consistency, beta = n == 1 ? 0 : game.Coefficients.Diversity / (n - 1);
        var bases = profile.Select(w => Enumerable.Range(0, k).Where(j => w[j] > 0).ToList()).Select(sup => sup.Count > 1 ? FaceBasis(k, sup) : null).ToArray();
        int size = bases.Sum(b => b?.ColumnCount ?? 0);
        if (size == 0)
        {
            return double.NegativeInfinity; // no direction inside the faces
        }
        var h = Matrix<double>.Build.Dense(size, size);
        int ri = 0;
        for (int i = 0; i < n; i++)
        {
            if (bases[i] is not { } zi)
            {
                continue;
            }
            int rj = 0;
            for (int j = 0; j < n; j++)
            {
                if (bases[j] is not { } zj)
                {
                    continue;
                }
                var block = i == j ? -2 * lc * zi.Transpose() * c * zi : -beta * zi.Transpose() * s * zj;
                h.SetSubMatrix(ri, rj, block);
                rj += zj.ColumnCount;
            }
            ri += zi.ColumnCount;
        }
        h = 0.5 * (h + h.Transpose());
        return h.Evd(Symmetricity.Symmetric).EigenValues.Max(v => v.Real);
    }

    internal static double[] RandomMixture(Random rng, int k)
    {
        var w = Enumerable.Range(0, k).Select(_ => -Math.Log(1 - rng.NextDouble())).ToArray();
        double sum = w.Sum();
        return w.Select(x => x / sum).ToArray();
    }

    internal static double[] OthersMean(double[][] profile, int agent, int k)
    {
        int n = profile.Length;
        var mean = new double[k];
        if (n == 1)
        {
            return mean;
        }
        for (int i = 0; i < n; i++)
        {
            if (i != agent)
            {
                for (int j = 0; j < k; j++)
                {
                    mean[j] += profile[i][j] / (n - 1);
                }
            }
        }
        return mean;
    }
}

using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Learning;

/// <summary>
/// Stability of equilibria for learning agents (docs/model.md#learning-agents). The game of identical agents is an exact potential
/// game: Φ(w₁,…,w_N) = Σᵢ (λ_A aᵀwᵢ − λ_C wᵢᵀCwᵢ) − (λ_D/(N−1)) Σ_{i&lt;j} wᵢᵀSwⱼ, with ∇_{wᵢ}Φ = ∇_{wᵢ}Uᵢ, so an equilibrium
/// is stable for gradient play, Hedge and best responses when it is a strict local maximum of Φ: the Hessian of Φ on the product
/// of the faces negative definite and every group off a support strictly worse than the support (slack &gt; 0).
/// </summary>
public static class Stability
{
    /// <summary>The stability of the homogeneous profile (w, …, w), restricted to the face of its support.</summary>
    /// <param name="game">The game.</param>
    /// <param name="weights">w, a point of the simplex (e.g. <see cref="HomogeneousEquilibrium.Weights"/>).</param>
    /// <returns>The label with the common and specialisation margins and the slack.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="weights"/> is not a point of the simplex of length K.</exception>
    public static StabilityReport OfHomogeneous(AlignmentGame game, ReadOnlySpan<double> weights)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckMixture(weights, game.Count, nameof(weights));
        return Homogeneous(game, weights);
    }

    /// <summary>
    /// The stability of a profile with one mixture per agent (docs/model.md#stability). A profile whose mixtures are all equal is
    /// reported as homogeneous (<see cref="OfHomogeneous"/>).
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="profile">N mixtures, each a point of the simplex of length K.</param>
    /// <returns>The label with the margin λ_min(−H) and the slack.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The profile does not have N points of the simplex.</exception>
    public static StabilityReport OfProfile(AlignmentGame game, IReadOnlyList<double[]> profile)
    {
        Preconditions.CheckNotNull(game);
        CheckProfile(game, profile);
        bool homogeneous = true;
        for (int i = 1; i < profile.Count && homogeneous; i++)
        {
            homogeneous = profile[i].AsSpan().SequenceEqual(profile[0]);
        }
        return homogeneous ? Homogeneous(game, profile[0]) : General(game, profile);
    }

    /// <summary>The potential Φ of a profile (docs/model.md#learning-agents); for N = 1 the agent's utility.</summary>
    /// <param name="game">The game.</param>
    /// <param name="profile">N mixtures, each a point of the simplex of length K.</param>
    /// <returns>Φ(w₁, …, w_N).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The profile does not have N points of the simplex.</exception>
    public static double Potential(AlignmentGame game, IReadOnlyList<double[]> profile)
    {
        Preconditions.CheckNotNull(game);
        CheckProfile(game, profile);
        int k = game.Count, n = game.Agents;
        var co = game.Coefficients;
        double beta = n == 1 ? 0.0 : co.Diversity / (n - 1);
        var c = game.Inconsistency;
        var s = game.Similarity;
        var total = new double[k];
        var y = new double[k];
        double own = 0, selfSimilarity = 0;
        foreach (var w in profile)
        {
            double attraction = Kernels.Dot(game.Attractiveness, w);
            c.Multiply(w, y);
            double inconsistency = Kernels.Dot(w, y);
            s.Multiply(w, y);
            selfSimilarity += Kernels.Dot(w, y);
            own += (co.Attractiveness * attraction) - (co.Consistency * inconsistency);
            Kernels.Add(total, w);
        }
        s.Multiply(total, y);
        double pairs = 0.5 * (Kernels.Dot(total, y) - selfSimilarity);
        return own - (beta * pairs);
    }

    /// <summary>
    /// Where the interior homogeneous equilibria change stability (docs/model.md#maps-and-steering): when ZᵀSZ ≻ 0 and N ≥ 2, the
    /// specialisation mode A₋ = 2λ_C ZᵀCZ − λ_D ZᵀSZ/(N−1) is positive definite exactly when λ_D &lt; slope · λ_C, with
    /// slope = 2(N−1)·θ_min and θ_min the smallest generalised eigenvalue of the pencil (ZᵀCZ, ZᵀSZ). The boundary is the
    /// straight line λ_D = slope · λ_C through the origin of the (λ_C, λ_D) plane. Null for N = 1 or when ZᵀSZ is not
    /// positive definite.
    /// </summary>
    /// <param name="game">The game (its coefficients are not used).</param>
    /// <returns>The slope, or null.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static double? InteriorBoundarySlope(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        if (game.Agents == 1)
        {
            return null;
        }
        double? theta = PencilMinimum(game.Structure.ReducedInconsistency, game.Structure.ReducedSimilarity, game.Count - 1,
            game.Similarity.MaxAbs);
        return theta is double t ? 2.0 * (game.Agents - 1) * t : null;
    }

    /// <summary>θ_min of the pencil (X, Y) with Y ≻ 0 (n×n): λ_min(L⁻¹XL⁻ᵀ), Y = LLᵀ; null when Y is not proved positive definite.</summary>
    internal static double? PencilMinimum(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int n, double yScale)
    {
        if (n == 0)
        {
            return null;
        }
        var l = y.ToArray();
        double max = Kernels.MaxAbs(l);
        if (!(max > 0) || !Cholesky.Factor(l, n, 0.0, UniquenessReport.PivotFloor(max, yScale, n + 1)))
        {
            return null;
        }
        // B = L⁻¹ X L⁻ᵀ: forward substitution on the columns, then on the rows.
        var b = x.ToArray();
        for (int col = 0; col < n; col++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = b[(i * n) + col];
                for (int j = 0; j < i; j++)
                {
                    sum -= l[(i * n) + j] * b[(j * n) + col];
                }
                b[(i * n) + col] = sum / l[(i * n) + i];
            }
        }
        for (int row = 0; row < n; row++)
        {
            for (int i = 0; i < n; i++)
            {
                double sum = b[(row * n) + i];
                for (int j = 0; j < i; j++)
                {
                    sum -= l[(i * n) + j] * b[(row * n) + j];
                }
                b[(row * n) + i] = sum / l[(i * n) + i];
            }
        }
        double theta = SymmetricEigen.MinEigenvalue((i, j) => b[(i * n) + j], n);
        return double.IsFinite(theta) ? theta : null;
    }

    private static void CheckProfile(AlignmentGame game, IReadOnlyList<double[]> profile)
    {
        Preconditions.CheckNotNull(profile);
        if (profile.Count != game.Agents)
        {
            Preconditions.ThrowArgument(nameof(profile), $"profile has {profile.Count} mixtures, expected one for each of the {game.Agents} agents.");
        }
        for (int i = 0; i < profile.Count; i++)
        {
            if (profile[i] is null)
            {
                Preconditions.ThrowArgument(nameof(profile), $"profile[{i}] is null.");
            }
            Preconditions.CheckMixture(profile[i], game.Count, $"profile[{i}]");
        }
    }

    // ---- homogeneous profiles: common and specialisation modes on the face of the support ----

    internal static StabilityReport Homogeneous(AlignmentGame game, ReadOnlySpan<double> w)
    {
        int k = game.Count;
        // Every temporary in one pooled array and the support on the stack: a batch asks this of every answer.
        int[]? rentedSupport = null;
        Span<int> supportBuffer = k <= 256 ? stackalloc int[k] : (rentedSupport = System.Buffers.ArrayPool<int>.Shared.Rent(k));
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent((6 * k * k) + (2 * k));
        try
        {
            return Homogeneous(game, w, supportBuffer, rented);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
            if (rentedSupport is not null)
            {
                System.Buffers.ArrayPool<int>.Shared.Return(rentedSupport);
            }
        }
    }

    private static StabilityReport Homogeneous(AlignmentGame game, ReadOnlySpan<double> w, Span<int> supportBuffer, double[] workspace)
    {
        int k = game.Count, n = game.Agents;
        var co = game.Coefficients;
        double lc = co.Consistency, ld = game.EffectiveDiversity, beta = n == 1 ? 0.0 : ld / (n - 1);
        int m = 0;
        for (int i = 0; i < k; i++)
        {
            if (w[i] > 0)
            {
                supportBuffer[m++] = i;
            }
        }
        ReadOnlySpan<int> support = supportBuffer[..m];
        Span<double> work = workspace;
        Span<double> interaction = Take(ref work, k * k);
        Span<double> f = Take(ref work, k);
        game.FillInteractionMatrix(interaction);
        for (int i = 0; i < k; i++)
        {
            f[i] = (co.Attractiveness * game.Attractiveness[i]) - Kernels.Dot(interaction.Slice(i * k, k), w);
        }
        double? slack = Slack(f, w, support, k, GradientScale(game, Kernels.MaxAbs(interaction)), out bool slackPositive);

        if (m < 2)
        {
            return Decide(null, null, null, slack, slackPositive, plusProved: true, minusProved: true, plusNegative: false, minusNegative: false, homogeneous: true);
        }
        var c = game.Inconsistency.AsSpan();
        var s = game.Similarity.AsSpan();
        Span<double> face = Take(ref work, m * m);
        Face(interaction, support, k, face);
        double plusScale = Kernels.MaxAbs(face);
        var (muPlus, plusProved, plusNegative) = Mode(game, support, face, m, plusScale, 2.0 * lc, ld, work);
        double? muMinus = null;
        bool minusProved = true, minusNegative = false;
        if (n > 1)
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    int a = (support[i] * k) + support[j];
                    face[(i * m) + j] = (2.0 * lc * c[a]) - (beta * s[a]);
                }
            }
            double minusScale = (2.0 * Math.Abs(lc) * game.Inconsistency.MaxAbs) + (beta * game.Similarity.MaxAbs);
            (double mu, minusProved, minusNegative) = Mode(game, support, face, m, minusScale, 2.0 * lc, -beta, work);
            muMinus = mu;
        }
        return Decide(muPlus, muMinus, muMinus is double mm ? Math.Min(muPlus, mm) : muPlus, slack, slackPositive, plusProved, minusProved,
            plusNegative, minusNegative, homogeneous: true);
    }

    /// <summary>The first <paramref name="length"/> entries of <paramref name="work"/>, which moves past them.</summary>
    private static Span<double> Take(ref Span<double> work, int length)
    {
        var taken = work[..length];
        work = work[length..];
        return taken;
    }

    private static StabilityReport Decide(double? muPlus, double? muMinus, double? margin, double? slack, bool slackPositive, bool plusProved,
        bool minusProved, bool plusNegative, bool minusNegative, bool homogeneous)
    {
        if (plusNegative || minusNegative)
        {
            string? mode = !homogeneous ? null : minusNegative ? "specialisation" : "common";
            return new StabilityReport(StabilityLabel.Unstable, muPlus, muMinus, margin, slack, true, homogeneous, mode);
        }
        if (slackPositive && plusProved && minusProved)
        {
            return new StabilityReport(StabilityLabel.Stable, muPlus, muMinus, margin, slack, true, homogeneous, null);
        }
        return new StabilityReport(StabilityLabel.Degenerate, muPlus, muMinus, margin, slack, false, homogeneous, null);
    }

    /// <summary>
    /// One mode on the face: its matrix (m×m, before the reduction; <paramref name="scale"/> bounds its entries) reduced to the
    /// face's tangent space, λ_min, a Cholesky proof of definiteness, and a proved direction of negative curvature of
    /// α C + γ S (the same matrix) when λ_min is below the tolerance.
    /// </summary>
    private static (double Mu, bool Proved, bool Negative) Mode(AlignmentGame game, ReadOnlySpan<int> support, ReadOnlySpan<double> full, int m,
        double scale, double alpha, double gamma, Span<double> work)
    {
        int r = m - 1;
        Span<double> reduced = Take(ref work, r * r);
        Span<double> scratch = Take(ref work, Math.Max(m, r * r));
        new SimplexFrame(m).ReduceMatrix(full, reduced, scratch[..m]);
        bool proved = SymmetriseAndProve(reduced, r, scale, game.Count, scratch, out double floor);
        double mu = r == 1 ? reduced[0] : SymmetricEigen.MinEigenvalue(reduced, r, scratch);
        bool negative = false;
        if (!proved && mu < -floor && MinEigenPair(reduced.ToArray(), r).Vector is { } vector)
        {
            // The witness needs the eigenvector: computed only for a mode that is not positive definite.
            var x = FaceDirection(vector, m);
            negative = x is not null && QuadraticFormProvedNegative(game, support, x, alpha, gamma);
        }
        return (mu, proved, negative);
    }

    // ---- general profiles: the block Hessian on the product of the faces ----

    /// <summary>
    /// A profile that is not homogeneous. Agents with identical mixtures form groups g of n_g agents on a face J_g; writing each
    /// agent's direction as its group's mean plus a deviation (the deviations of a group summing to 0), the Hessian splits into
    /// the deviation modes of each group with n_g ≥ 2 (the specialisation matrix A₋ on J_g, as for a homogeneous profile) and
    /// the group-mean modes, whose matrix (in the coordinates √n_g·x_g) has the blocks Z_gᵀ(2λ_C C + β(n_g − 1)S)Z_g and
    /// β√(n_g n_h) Z_gᵀSZ_h. Its size is Σ_g (|J_g| − 1) however many agents share a mixture.
    /// </summary>
    private static StabilityReport General(AlignmentGame game, IReadOnlyList<double[]> profile)
    {
        int k = game.Count, n = game.Agents;
        var co = game.Coefficients;
        double lc = co.Consistency, beta = n == 1 ? 0.0 : co.Diversity / (n - 1);
        var c = game.Inconsistency;
        var s = game.Similarity;
        var total = new double[k];
        foreach (var w in profile)
        {
            Kernels.Add(total, w);
        }
        // Groups of identical mixtures, in order of first appearance.
        var groupOf = new int[n];
        var groups = new List<(double[] W, List<int> Members)>();
        for (int i = 0; i < n; i++)
        {
            int g = groups.FindIndex(x => x.W.AsSpan().SequenceEqual(profile[i]));
            if (g < 0)
            {
                groups.Add((profile[i], []));
                g = groups.Count - 1;
            }
            groups[g].Members.Add(i);
            groupOf[i] = g;
        }
        int groupCount = groups.Count;
        var supports = new List<int>[groupCount];
        double? slack = null;
        bool slackPositive = true;
        double gradientScale = GradientScale(game, (2.0 * Math.Abs(lc) * c.MaxAbs) + (co.Diversity * s.MaxAbs));
        var y = new double[k];
        var sy = new double[k];
        var others = new double[k];
        for (int g = 0; g < groupCount; g++)
        {
            var w = groups[g].W;
            supports[g] = Enumerable.Range(0, k).Where(j => w[j] > 0).ToList();
            for (int j = 0; j < k; j++)
            {
                others[j] = total[j] - w[j];
            }
            c.Multiply(w, y);
            s.Multiply(others, sy);
            var grad = new double[k];
            for (int j = 0; j < k; j++)
            {
                grad[j] = (co.Attractiveness * game.Attractiveness[j]) - (2.0 * lc * y[j]) - (beta * sy[j]);
            }
            double? own = Slack(grad, w, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(supports[g]), k, gradientScale, out bool positive);
            slackPositive &= positive;
            if (own is double o)
            {
                slack = slack is double sl ? Math.Min(sl, o) : o;
            }
        }
        double scale = (2.0 * Math.Abs(lc) * c.MaxAbs) + (n * beta * s.MaxAbs);
        double margin = double.PositiveInfinity;
        bool proved = true, negative = false;
        // Deviation modes: A₋ = Z_Jᵀ(2λ_C C − βS)Z_J on each group's face, for groups of two agents or more.
        for (int g = 0; g < groupCount; g++)
        {
            int m = supports[g].Count;
            if (groups[g].Members.Count < 2 || m < 2)
            {
                continue;
            }
            var full = new double[m * m];
            for (int a = 0; a < m; a++)
            {
                for (int b = 0; b < m; b++)
                {
                    full[(a * m) + b] = (2.0 * lc * c[supports[g][a], supports[g][b]]) - (beta * s[supports[g][a], supports[g][b]]);
                }
            }
            var (mu, modeProved, modeNegative) = Mode(game, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(supports[g]), full, m,
                (2.0 * Math.Abs(lc) * c.MaxAbs) + (beta * s.MaxAbs), 2.0 * lc, -beta, new double[2 * m * m]);
            margin = Math.Min(margin, mu);
            proved &= modeProved;
            negative |= modeNegative;
        }
        // Group-mean modes.
        var offsets = new int[groupCount + 1];
        for (int g = 0; g < groupCount; g++)
        {
            offsets[g + 1] = offsets[g] + Math.Max(0, supports[g].Count - 1);
        }
        int size = offsets[groupCount];
        if (size > 0)
        {
            var bases = FaceBases(supports, k);
            var negH = new double[size * size];
            var zc = new double[k];
            var cz = new double[k];
            var szv = new double[k];
            for (int h = 0; h < groupCount; h++)
            {
                int mh = offsets[h + 1] - offsets[h];
                for (int b = 0; b < mh; b++)
                {
                    for (int q = 0; q < k; q++)
                    {
                        zc[q] = bases[h][(q * mh) + b];
                    }
                    c.Multiply(zc, cz);
                    s.Multiply(zc, szv);
                    for (int g = 0; g < groupCount; g++)
                    {
                        int mg = offsets[g + 1] - offsets[g];
                        double ng = groups[g].Members.Count, nh = groups[h].Members.Count;
                        for (int a = 0; a < mg; a++)
                        {
                            double cs = 0, ss = 0;
                            for (int q = 0; q < k; q++)
                            {
                                double z = bases[g][(q * mg) + a];
                                cs += z * cz[q];
                                ss += z * szv[q];
                            }
                            negH[((offsets[g] + a) * size) + offsets[h] + b] = g == h
                                ? (2.0 * lc * cs) + (beta * (ng - 1) * ss)
                                : beta * Math.Sqrt(ng * nh) * ss;
                        }
                    }
                }
            }
            bool meanProved = SymmetriseAndProve(negH, size, scale, k, out double floor);
            double mu = MinEigenvalue(negH, size);
            margin = Math.Min(margin, mu);
            proved &= meanProved;
            if (!negative && !meanProved && mu < -floor && MinEigenPair(negH, size).Vector is { } vector)
            {
                // The direction: every agent of group g moves by x_g = y_g/√n_g, one common grid for all of them.
                var expanded = new double[groupCount][];
                double largest = 0;
                for (int g = 0; g < groupCount; g++)
                {
                    int mg = offsets[g + 1] - offsets[g];
                    expanded[g] = new double[mg + 1];
                    if (mg > 0)
                    {
                        new SimplexFrame(mg + 1).Expand(vector.AsSpan(offsets[g], mg), 0.0, expanded[g]);
                        double root = Math.Sqrt(groups[g].Members.Count);
                        for (int q = 0; q <= mg; q++)
                        {
                            expanded[g][q] /= root;
                        }
                        largest = Math.Max(largest, Kernels.MaxAbs(expanded[g]));
                    }
                }
                var directions = new double[n][];
                for (int i = 0; i < n; i++)
                {
                    directions[i] = new double[k];
                    int g = groupOf[i];
                    if (expanded[g].Length < 2 || !(largest > 0))
                    {
                        continue;
                    }
                    var local = RoundToTangent(expanded[g], largest);
                    for (int q = 0; q < supports[g].Count; q++)
                    {
                        directions[i][supports[g][q]] = local[q];
                    }
                }
                negative = ProfileFormProvedPositive(game, directions, lc, beta);
            }
        }
        double? reported = double.IsPositiveInfinity(margin) ? null : margin;
        if (reported is null && size == 0)
        {
            return Decide(null, null, null, slack, slackPositive, true, true, false, false, homogeneous: false);
        }
        return Decide(null, null, reported, slack, slackPositive, proved, true, negative, false, homogeneous: false);
    }

    // ---- populations of agent classes ----

    /// <summary>
    /// The stability of a class-symmetric equilibrium of a population (docs/model.md#stability). With diversity β_c = λ_D,c/(N−1)
    /// of class c, the cross-curvature of agent i's utility in agent j's mixture is −β_c S, so when every β_c &gt; 0 (or every
    /// β_c = 0) the game has a weighted potential with weights 1/β_c and the label is proved from its Hessian on the product of
    /// the faces, as for identical agents. Otherwise no weighted potential exists, and the label is read from the eigenvalues of the
    /// face-restricted Jacobian of the gradient field (stable when every real part is negative), stated as such and not certified.
    /// </summary>
    /// <param name="equilibrium">A population equilibrium.</param>
    /// <returns>The label with its margin (λ_min of the negated weighted Hessian, or minus the largest real part) and the slack.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="equilibrium"/> is null.</exception>
    public static StabilityReport OfPopulation(Populations.PopulationEquilibrium equilibrium)
    {
        Preconditions.CheckNotNull(equilibrium);
        var game = equilibrium.Game;
        int k = game.Count, n = game.Agents;
        var classOf = new int[n];
        var profile = new double[n][];
        for (int i = 0; i < n; i++)
        {
            classOf[i] = game.ClassOf(i);
            profile[i] = equilibrium.ClassWeights[classOf[i]].ToArray();
        }
        var betas = game.Classes.Select(c => n == 1 ? 0.0 : c.Coefficients.Diversity / (n - 1)).ToArray();
        bool potential = betas.All(b => b > 0) || betas.All(b => b == 0);
        var s = game.Similarity;
        var total = new double[k];
        foreach (var w in profile)
        {
            Kernels.Add(total, w);
        }
        var supports = new List<int>[n];
        double? slack = null;
        bool slackPositive = true;
        var y = new double[k];
        var sy = new double[k];
        var others = new double[k];
        for (int i = 0; i < n; i++)
        {
            var cls = game.Classes[classOf[i]];
            var w = profile[i];
            supports[i] = Enumerable.Range(0, k).Where(j => w[j] > 0).ToList();
            for (int j = 0; j < k; j++)
            {
                others[j] = total[j] - w[j];
            }
            cls.Inconsistency.Multiply(w, y);
            s.Multiply(others, sy);
            var g = new double[k];
            for (int j = 0; j < k; j++)
            {
                g[j] = (cls.Coefficients.Attractiveness * cls.Attractiveness[j]) - (2.0 * cls.Coefficients.Consistency * y[j]) - (betas[classOf[i]] * sy[j]);
            }
            double scale = GradientScale(cls.Game, (2.0 * Math.Abs(cls.Coefficients.Consistency) * cls.Inconsistency.MaxAbs) + (cls.Coefficients.Diversity * s.MaxAbs));
            double? own = Slack(g, w, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(supports[i]), k, scale, out bool positive);
            slackPositive &= positive;
            if (own is double o)
            {
                slack = slack is double sl ? Math.Min(sl, o) : o;
            }
        }
        var offsets = new int[n + 1];
        for (int i = 0; i < n; i++)
        {
            offsets[i + 1] = offsets[i] + Math.Max(0, supports[i].Count - 1);
        }
        int size = offsets[n];
        string method = potential ? "weighted potential" : "jacobian";
        if (size == 0)
        {
            return WithMethod(Decide(null, null, null, slack, slackPositive, true, true, false, false, homogeneous: false), method, potential);
        }
        var bases = FaceBases(supports, k);
        // −J (the negated Jacobian of the gradient field on the faces), rows of agent i scaled by 1/β_c when a weighted potential exists.
        var negJ = new double[size * size];
        var zc = new double[k];
        var temp = new double[k];
        double maxScale = 0;
        for (int i = 0; i < n; i++)
        {
            var cls = game.Classes[classOf[i]];
            double rho = potential && betas[classOf[i]] > 0 ? 1.0 / betas[classOf[i]] : 1.0;
            int mi = offsets[i + 1] - offsets[i];
            maxScale = Math.Max(maxScale, rho * ((2.0 * Math.Abs(cls.Coefficients.Consistency) * cls.Inconsistency.MaxAbs) + (n * betas[classOf[i]] * s.MaxAbs)));
            for (int a = 0; a < mi; a++)
            {
                for (int j = 0; j < n; j++)
                {
                    int mj = offsets[j + 1] - offsets[j];
                    for (int b = 0; b < mj; b++)
                    {
                        for (int q = 0; q < k; q++)
                        {
                            zc[q] = bases[j][(q * mj) + b];
                        }
                        double factor;
                        if (i == j)
                        {
                            cls.Inconsistency.Multiply(zc, temp);
                            factor = 2.0 * cls.Coefficients.Consistency;
                        }
                        else
                        {
                            s.Multiply(zc, temp);
                            factor = betas[classOf[i]];
                        }
                        double sum = 0;
                        for (int q = 0; q < k; q++)
                        {
                            sum += bases[i][(q * mi) + a] * temp[q];
                        }
                        negJ[((offsets[i] + a) * size) + offsets[j] + b] = rho * factor * sum;
                    }
                }
            }
        }
        if (potential)
        {
            bool proved = SymmetriseAndProve(negJ, size, maxScale, k, out double floor);
            var (mu, _) = MinEigenPair(negJ, size);
            // Unstable when λ_min is clearly negative (the weighted Hessian is congruent to the Jacobian's symmetrisation); read
            // off the eigenvalue, so an unstable label here is not called proved.
            bool negative = !proved && mu < -floor;
            return WithMethod(Decide(null, null, mu, slack, slackPositive, proved, true, negative, false, homogeneous: false), method, !negative);
        }
        var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(size, size, (i, j) => -negJ[(i * size) + j]);
        double largest = double.NegativeInfinity;
        try
        {
            foreach (var z in matrix.Evd().EigenValues)
            {
                largest = Math.Max(largest, z.Real);
            }
        }
        catch (Exception e) when (e is ArithmeticException or ArgumentException or InvalidOperationException)
        {
            largest = double.NaN;
        }
        double tolerance = Tolerances.PositiveDefiniteRelative * Kernels.MaxAbs(negJ);
        var label = largest < -tolerance && slackPositive ? StabilityLabel.Stable : largest > tolerance ? StabilityLabel.Unstable : StabilityLabel.Degenerate;
        return new StabilityReport(label, null, null, -largest, slack, certified: false, homogeneous: false, null) { Method = method };
    }

    private static StabilityReport WithMethod(StabilityReport r, string method, bool certified) =>
        new(r.Label, r.CommonMargin, r.SpecialisationMargin, r.Margin, r.Slack, r.IsCertified && certified, r.IsHomogeneous, r.UnstableMode) { Method = method };

    // ---- shared pieces ----

    /// <summary>
    /// Symmetrises <paramref name="m"/> (n × n, row-major) in place by averaging each off-diagonal pair, then proves it
    /// positive definite by a Cholesky factorisation of a copy whose pivots must clear the relative floor (returned, for the
    /// caller's eigenvalue comparisons). The proof does not use the eigenvalues the caller reads off afterwards.
    /// </summary>
    private static bool SymmetriseAndProve(double[] m, int n, double scale, int k, out double floor)
        => SymmetriseAndProve(m, n, scale, k, new double[n * n], out floor);

    private static bool SymmetriseAndProve(Span<double> m, int n, double scale, int k, Span<double> scratch, out double floor)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double avg = 0.5 * (m[(i * n) + j] + m[(j * n) + i]);
                m[(i * n) + j] = avg;
                m[(j * n) + i] = avg;
            }
        }
        double max = Kernels.MaxAbs(m[..(n * n)]);
        floor = UniquenessReport.PivotFloor(max, scale, k);
        if (!(max > 0))
        {
            return false;
        }
        Span<double> copy = scratch[..(n * n)];
        m[..(n * n)].CopyTo(copy);
        return Cholesky.Factor(copy, n, 0.0, floor);
    }

    /// <summary>Each face's orthonormal tangent basis Z_J explicitly: K × (|J| − 1), row-major, rows off the support zero.</summary>
    private static double[][] FaceBases(List<int>[] supports, int k)
    {
        var bases = new double[supports.Length][];
        for (int g = 0; g < supports.Length; g++)
        {
            int m = supports[g].Count;
            bases[g] = new double[k * Math.Max(0, m - 1)];
            if (m < 2)
            {
                continue;
            }
            var frame = new SimplexFrame(m);
            var unit = new double[m - 1];
            var column = new double[m];
            for (int t = 0; t < m - 1; t++)
            {
                Array.Clear(unit);
                unit[t] = 1.0;
                frame.Expand(unit, 0.0, column);
                for (int q = 0; q < m; q++)
                {
                    bases[g][(supports[g][q] * (m - 1)) + t] = column[q];
                }
            }
        }
        return bases;
    }

    /// <summary>The magnitude of a gradient entry: λ_A·max|a| + the largest entry of the interaction.</summary>
    private static double GradientScale(AlignmentGame game, double interactionMax)
    {
        double maxA = 0;
        foreach (double v in game.Attractiveness)
        {
            maxA = Math.Max(maxA, Math.Abs(v));
        }
        return (game.Coefficients.Attractiveness * maxA) + interactionMax;
    }

    /// <summary>min over k off the support of ν − gₖ (ν the w-weighted mean of g on the support); null for a full support.</summary>
    private static double? Slack(ReadOnlySpan<double> g, ReadOnlySpan<double> w, ReadOnlySpan<int> support, int k, double gradientScale, out bool positive)
    {
        positive = true;
        if (support.Length == k)
        {
            return null;
        }
        double nu = 0, mass = 0;
        foreach (int i in support)
        {
            nu += w[i] * g[i];
            mass += w[i];
        }
        nu /= mass;
        double slack = double.PositiveInfinity;
        int next = 0;
        for (int i = 0; i < k; i++)
        {
            if (next < support.Length && support[next] == i)
            {
                next++;
                continue;
            }
            slack = Math.Min(slack, nu - g[i]);
        }
        double tolerance = Math.Max(Tolerances.DualRelative, 4 * Tolerances.Gamma(k + 2)) * gradientScale;
        positive = slack > tolerance;
        return slack;
    }

    /// <summary>The face-restricted m×m block X_JJ of a K×K matrix, into <paramref name="face"/>.</summary>
    private static void Face(ReadOnlySpan<double> full, ReadOnlySpan<int> support, int k, Span<double> face)
    {
        int m = support.Length;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                face[(i * m) + j] = full[(support[i] * k) + support[j]];
            }
        }
    }

    /// <summary>The smallest eigenvalue of a symmetric n×n matrix (no eigenvectors).</summary>
    private static double MinEigenvalue(double[] a, int n)
    {
        if (n == 1)
        {
            return a[0];
        }
        return SymmetricEigen.MinEigenvalue((i, j) => a[(i * n) + j], n);
    }

    /// <summary>The smallest eigenvalue of a symmetric n×n matrix and a unit eigenvector (Jacobi up to order 64, MathNet above).</summary>
    internal static (double Value, double[]? Vector) MinEigenPair(double[] a, int n)
    {
        double max = Kernels.MaxAbs(a);
        if (!(max > 0))
        {
            var e = new double[n];
            e[0] = 1.0;
            return (double.IsFinite(max) ? 0.0 : double.NaN, double.IsFinite(max) ? e : null);
        }
        double scale = Math.ScaleB(1.0, Math.ILogB(max));
        if (n <= SymmetricEigen.JacobiLimit)
        {
            var copy = new double[n * n];
            for (int i = 0; i < copy.Length; i++)
            {
                copy[i] = a[i] / scale;
            }
            var vectors = new double[n * n];
            var values = SymmetricEigen.Jacobi(copy, n, vectors);
            if (values is null)
            {
                return (double.NaN, null);
            }
            int best = 0;
            for (int i = 1; i < n; i++)
            {
                if (values[i] < values[best])
                {
                    best = i;
                }
            }
            var v = new double[n];
            for (int i = 0; i < n; i++)
            {
                v[i] = vectors[(i * n) + best];
            }
            return (values[best] * scale, v);
        }
        var evd = SymmetricEigen.Decompose((i, j) => a[(i * n) + j], n, out double s);
        if (evd is null)
        {
            return (double.NaN, null);
        }
        int index = 0;
        for (int i = 1; i < n; i++)
        {
            if (evd.EigenValues[i].Real < evd.EigenValues[index].Real)
            {
                index = i;
            }
        }
        return (evd.EigenValues[index].Real * s, evd.EigenVectors.Column(index).ToArray());
    }

    /// <summary>
    /// A direction inside a face of m vertices whose entries sum to zero exactly: Z y (y in the face's m − 1 tangent coordinates)
    /// scaled to max 1 and rounded to
    /// multiples of 2⁻³⁰, with the last entry minus the sum of the others (exact: every partial sum is a multiple of 2⁻³⁰ below
    /// 2²³). Null when the direction vanishes.
    /// </summary>
    private static double[]? FaceDirection(double[] y, int m)
    {
        var x = new double[m];
        new SimplexFrame(m).Expand(y, 0.0, x);
        double max = Kernels.MaxAbs(x);
        if (!(max > 0) || !double.IsFinite(max))
        {
            return null;
        }
        var rounded = RoundToTangent(x, max);
        return Kernels.MaxAbs(rounded) > 0 ? rounded : null;
    }

    /// <summary>x / scale rounded to multiples of 2⁻³⁰, the last entry minus the sum of the others (an exactly tangent direction).</summary>
    private static double[] RoundToTangent(double[] x, double scale)
    {
        const double grid = 1073741824.0; // 2³⁰
        int m = x.Length;
        var result = new double[m];
        double sum = 0;
        for (int i = 0; i < m - 1; i++)
        {
            result[i] = Math.Round(x[i] / scale * grid) / grid;
            sum += result[i];
        }
        result[m - 1] = -sum;
        return result;
    }

    /// <summary>xᵀMx with its rounding bound for a face direction (entries on the support, in its order).</summary>
    private static (double Value, double Bound) Form(ReadOnlySpan<double> matrix, int k, ReadOnlySpan<int> support, ReadOnlySpan<double> x)
    {
        int m = support.Length;
        double value = 0, magnitude = 0;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> row = matrix.Slice(support[i] * k, k);
            double sum = 0, abs = 0;
            for (int j = 0; j < m; j++)
            {
                double t = row[support[j]] * x[j];
                sum += t;
                abs += Math.Abs(t);
            }
            value += x[i] * sum;
            magnitude += Math.Abs(x[i]) * abs;
        }
        return (value, Tolerances.Gamma((2 * m) + 2) * magnitude);
    }

    /// <summary>Proves xᵀ(αC + γS)x &lt; 0 for a direction x of the face (exactly tangent), beyond every rounding error.</summary>
    private static bool QuadraticFormProvedNegative(AlignmentGame game, ReadOnlySpan<int> support, double[] x, double alpha, double gamma)
    {
        int k = game.Count;
        var (qc, ec) = Form(game.Inconsistency.AsSpan(), k, support, x);
        var (qs, es) = Form(game.Similarity.AsSpan(), k, support, x);
        double value = (alpha * qc) + (gamma * qs);
        double bound = (Math.Abs(alpha) * ec) + (Math.Abs(gamma) * es * (1 + (2 * Tolerances.UnitRoundoff)))
            + (4 * Tolerances.UnitRoundoff * ((Math.Abs(alpha * qc) + Math.Abs(gamma * qs)) * 2));
        return value + bound < 0;
    }

    /// <summary>
    /// Proves dᵀ∇²Φd &gt; 0 for the profile direction d = (x₁, …, x_N), each xᵢ exactly tangent to its face:
    /// dᵀ∇²Φd = −2λ_C Σ xᵢᵀCxᵢ − β (XᵀSX − Σ xᵢᵀSxᵢ), X = Σ xᵢ (a sum of multiples of 2⁻³⁰, exact).
    /// </summary>
    private static bool ProfileFormProvedPositive(AlignmentGame game, double[][] directions, double lc, double beta)
    {
        int k = game.Count;
        var all = Enumerable.Range(0, k).ToArray();
        var total = new double[k];
        double qc = 0, ec = 0, qs = 0, es = 0;
        foreach (var x in directions)
        {
            var (v, e) = Form(game.Inconsistency.AsSpan(), k, all, x);
            qc += v;
            ec += e + (Tolerances.Gamma(directions.Length) * Math.Abs(v));
            var (vs, ess) = Form(game.Similarity.AsSpan(), k, all, x);
            qs -= vs;
            es += ess + (Tolerances.Gamma(directions.Length) * Math.Abs(vs));
            Kernels.Add(total, x);
        }
        var (vt, et) = Form(game.Similarity.AsSpan(), k, all, total);
        qs += vt;
        es += et;
        double value = -(2.0 * lc * qc) - (beta * qs);
        double bound = (2.0 * Math.Abs(lc) * ec) + (beta * es * (1 + (2 * Tolerances.UnitRoundoff)))
            + (8 * Tolerances.UnitRoundoff * ((Math.Abs(2.0 * lc * qc) + Math.Abs(beta * qs)) + (beta * Math.Abs(vt))));
        return value - bound > 0;
    }
}

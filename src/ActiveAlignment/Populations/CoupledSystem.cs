using ActiveAlignment.Numerics;

namespace ActiveAlignment.Populations;

/// <summary>
/// The class-level variational inequality of a population: for each block c (a class, or a single agent) with weight n_c,
/// g_c(W) = b_c − A_c w_c − β_c S u with u = Σ_d n_d w_d, A_c = 2λ_C,c C_c − β_c S, β_c = λ_D,c/(N−1), b_c = λ_A,c a_c.
/// (W is an equilibrium iff every block satisfies the KKT conditions with its own ν_c.)
/// </summary>
internal sealed class CoupledSystem
{
    public CoupledSystem(int k, SymmetricMatrix similarity, IReadOnlyList<(double[] A, double[] B, double Beta, int Weight)> blocks)
    {
        K = k;
        S = similarity;
        Blocks = blocks;
    }

    public int K { get; }

    public SymmetricMatrix S { get; }

    public IReadOnlyList<(double[] A, double[] B, double Beta, int Weight)> Blocks { get; }

    public static CoupledSystem ForClasses(PopulationGame game, bool agentLevel)
    {
        int k = game.Count, n = game.Agents;
        var blocks = new List<(double[], double[], double, int)>();
        foreach (var cls in game.Classes)
        {
            var block = BlockOf(cls, game, k, n);
            if (agentLevel)
            {
                for (int i = 0; i < cls.Count; i++)
                {
                    blocks.Add((block.A, block.B, block.Beta, 1));
                }
            }
            else
            {
                blocks.Add((block.A, block.B, block.Beta, cls.Count));
            }
        }
        return new CoupledSystem(k, game.Similarity, blocks);
    }

    private static (double[] A, double[] B, double Beta) BlockOf(AgentClass cls, PopulationGame game, int k, int n)
    {
        double beta = n == 1 ? 0.0 : cls.Coefficients.Diversity / (n - 1);
        var a = new double[k * k];
        ReadOnlySpan<double> c = cls.Inconsistency.AsSpan();
        ReadOnlySpan<double> s = game.Similarity.AsSpan();
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (2.0 * cls.Coefficients.Consistency * c[i]) - (beta * s[i]);
        }
        var b = new double[k];
        for (int i = 0; i < k; i++)
        {
            b[i] = cls.Coefficients.Attractiveness * cls.Attractiveness[i];
        }
        return (a, b, beta);
    }

    public double[] Coupling(double[][] w)
    {
        var u = new double[K];
        for (int c = 0; c < Blocks.Count; c++)
        {
            for (int i = 0; i < K; i++)
            {
                u[i] += Blocks[c].Weight * w[c][i];
            }
        }
        return u;
    }

    /// <summary>g_c(W) for every block.</summary>
    public double[][] Gradients(double[][] w)
    {
        var u = Coupling(w);
        var su = new double[K];
        S.Multiply(u, su);
        var g = new double[Blocks.Count][];
        for (int c = 0; c < Blocks.Count; c++)
        {
            var (a, b, beta, _) = Blocks[c];
            g[c] = new double[K];
            for (int i = 0; i < K; i++)
            {
                double aw = 0;
                for (int j = 0; j < K; j++)
                {
                    aw += a[(i * K) + j] * w[c][j];
                }
                g[c][i] = b[i] - aw - (beta * su[i]);
            }
        }
        return g;
    }

    /// <summary>
    /// Solves the KKT equalities on given supports exactly: per block the face system makes w_c affine in u,
    /// w_c = p_c − Q_c u, and u solves the K×K system (I + Σ n_c Q_c) u = Σ n_c p_c. O(m K³), linear in the number of blocks.
    /// Null when a face or the coupling system is singular.
    /// </summary>
    public (double[][] W, double[] Nu)? SolveOnSupports(int[][] supports)
    {
        int m = Blocks.Count, k = K;
        var p = new double[m][];
        var q = new double[m][]; // k×k row-major, rows off the support zero
        var nuP = new double[m];
        var nuQ = new double[m][];
        var coupling = new double[k * k];
        var rhs = new double[k];
        for (int i = 0; i < k; i++)
        {
            coupling[(i * k) + i] = 1.0;
        }
        for (int c = 0; c < m; c++)
        {
            var (a, b, beta, weight) = Blocks[c];
            int[] support = supports[c];
            int s = support.Length;
            var face = new double[s * s];
            var bFace = new double[s];
            for (int i = 0; i < s; i++)
            {
                bFace[i] = b[support[i]];
                for (int j = 0; j < s; j++)
                {
                    face[(i * s) + j] = a[(support[i] * k) + support[j]];
                }
            }
            var solver = FaceSolver.Create(face, s);
            if (solver is null)
            {
                return null;
            }
            var wFace = new double[s];
            nuP[c] = solver.Solve(bFace, 1.0, wFace);
            p[c] = new double[k];
            for (int i = 0; i < s; i++)
            {
                p[c][support[i]] = wFace[i];
            }
            q[c] = new double[k * k];
            nuQ[c] = new double[k];
            if (beta != 0)
            {
                var column = new double[s];
                for (int j = 0; j < k; j++)
                {
                    for (int i = 0; i < s; i++)
                    {
                        column[i] = beta * S[support[i], j];
                    }
                    nuQ[c][j] = solver.Solve(column, 0.0, wFace);
                    for (int i = 0; i < s; i++)
                    {
                        q[c][(support[i] * k) + j] = wFace[i];
                    }
                }
            }
            for (int i = 0; i < k * k; i++)
            {
                coupling[i] += weight * q[c][i];
            }
            for (int i = 0; i < k; i++)
            {
                rhs[i] += weight * p[c][i];
            }
        }
        var pivots = new int[k];
        var scratch = new double[2 * k];
        double norm = DenseLu.Norm1(coupling, k, scratch);
        if (!DenseLu.Factor(coupling, k, pivots) || DenseLu.ReciprocalCondition(coupling, k, pivots, norm, scratch) < BorderedSystem.SingularThreshold)
        {
            return null;
        }
        DenseLu.Solve(coupling, k, pivots, rhs);
        var u = rhs;
        var w = new double[m][];
        var nu = new double[m];
        for (int c = 0; c < m; c++)
        {
            w[c] = new double[k];
            double nuC = nuP[c];
            for (int i = 0; i < k; i++)
            {
                double qu = 0;
                for (int j = 0; j < k; j++)
                {
                    qu += q[c][(i * k) + j] * u[j];
                }
                w[c][i] = p[c][i] - qu;
                nuC -= nuQ[c][i] * u[i];
            }
            nu[c] = nuC;
        }
        return (w, nu);
    }

    /// <summary>A step size for projected (extra)gradient: 1 / (an upper bound on the Lipschitz constant of g).</summary>
    public double StepSize()
    {
        double sNorm = Frobenius(S.AsSpan());
        double total = Blocks.Sum(b => b.Weight);
        double l = 0;
        foreach (var (a, _, beta, _) in Blocks)
        {
            l = Math.Max(l, Frobenius(a) + (Math.Abs(beta) * sNorm * total));
        }
        return l > 0 ? 1.0 / l : 1.0;
    }

    /// <summary>max over blocks of ‖w_c − Π(w_c + g_c)‖∞.</summary>
    public double KktResidual(double[][] w)
    {
        var g = Gradients(w);
        double residual = 0;
        var moved = new double[K];
        var scratch = new double[K];
        for (int c = 0; c < w.Length; c++)
        {
            for (int i = 0; i < K; i++)
            {
                moved[i] = w[c][i] + g[c][i];
            }
            SimplexProjection.Project(moved, moved, scratch);
            for (int i = 0; i < K; i++)
            {
                residual = Math.Max(residual, Math.Abs(w[c][i] - moved[i]));
            }
        }
        return residual;
    }

    /// <summary>
    /// Projected extragradient from <paramref name="start"/>, with an exact polish on the iterate's supports every few steps
    /// (dropping negative weights and adding violated groups, as an active-set method). Returns the polished point, or the
    /// last iterate when no polish verified the KKT conditions. <paramref name="maxPolishDistance"/> bounds how far (max-norm) a
    /// polished point may lie from the iterate: infinite when any KKT point will do, small when following the dynamics matters.
    /// </summary>
    public (double[][] W, double[] Nu, int Iterations, bool Polished) Solve(double[][] start, double tolerance, int maxIterations = 100_000,
        double maxPolishDistance = double.PositiveInfinity)
    {
        int m = Blocks.Count;
        var w = start.Select(x => SimplexProjection.Project(x)).ToArray();
        double eta = StepSize();
        var half = new double[m][];
        var scratch = new double[K];
        int[][]? lastSupports = null;
        for (int iteration = 0; ; iteration++)
        {
            if (iteration % 20 == 0)
            {
                var supports = w.Select(SupportOf).ToArray();
                bool stable = lastSupports is not null && supports.Zip(lastSupports).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second));
                lastSupports = supports;
                if (iteration == 0 || stable || iteration >= maxIterations)
                {
                    if (Polish(supports, tolerance) is { } polished && Distance(polished.W, w) <= maxPolishDistance)
                    {
                        return (polished.W, polished.Nu, iteration, true);
                    }
                }
                if (iteration >= maxIterations)
                {
                    var g = Gradients(w);
                    var nu = new double[m];
                    for (int c = 0; c < m; c++)
                    {
                        var support = SupportOf(w[c]);
                        nu[c] = support.Average(i => g[c][i]);
                    }
                    return (w, nu, iteration, false);
                }
            }
            var g0 = Gradients(w);
            for (int c = 0; c < m; c++)
            {
                half[c] = new double[K];
                for (int i = 0; i < K; i++)
                {
                    half[c][i] = w[c][i] + (eta * g0[c][i]);
                }
                SimplexProjection.Project(half[c], half[c], scratch);
            }
            var g1 = Gradients(half);
            for (int c = 0; c < m; c++)
            {
                for (int i = 0; i < K; i++)
                {
                    w[c][i] += eta * g1[c][i];
                }
                SimplexProjection.Project(w[c], w[c], scratch);
            }
        }
    }

    /// <summary>Active-set rounds from the given supports; returns a point that satisfies every KKT condition, or null.</summary>
    public (double[][] W, double[] Nu)? Polish(int[][] supports, double tolerance)
    {
        int m = Blocks.Count;
        var current = supports.Select(s => (int[])s.Clone()).ToArray();
        int rounds = (2 * m * K) + 10;
        for (int round = 0; round < rounds; round++)
        {
            var solution = SolveOnSupports(current);
            if (solution is null)
            {
                return null;
            }
            var (w, nu) = solution.Value;
            bool changed = false;
            for (int c = 0; c < m; c++)
            {
                // Drop the most negative weight of the face, if any.
                int worst = -1;
                foreach (int i in current[c])
                {
                    if (!(w[c][i] > 0) && (worst < 0 || w[c][i] < w[c][worst]))
                    {
                        worst = i;
                    }
                }
                if (worst >= 0 && current[c].Length > 1)
                {
                    current[c] = current[c].Where(i => i != worst).ToArray();
                    changed = true;
                }
            }
            if (changed)
            {
                continue;
            }
            var g = Gradients(w);
            for (int c = 0; c < m; c++)
            {
                int entering = -1;
                double violation = tolerance;
                for (int i = 0; i < K; i++)
                {
                    if (Array.IndexOf(current[c], i) < 0 && g[c][i] - nu[c] > violation)
                    {
                        violation = g[c][i] - nu[c];
                        entering = i;
                    }
                }
                if (entering >= 0)
                {
                    current[c] = current[c].Append(entering).Order().ToArray();
                    changed = true;
                }
            }
            if (!changed)
            {
                for (int c = 0; c < m; c++)
                {
                    for (int i = 0; i < K; i++)
                    {
                        if (Array.IndexOf(current[c], i) < 0)
                        {
                            w[c][i] = 0.0;
                        }
                    }
                }
                return (w, nu);
            }
        }
        return null;
    }

    private static double Distance(double[][] a, double[][] b)
    {
        double d = 0;
        for (int c = 0; c < a.Length; c++)
        {
            for (int i = 0; i < a[c].Length; i++)
            {
                d = Math.Max(d, Math.Abs(a[c][i] - b[c][i]));
            }
        }
        return d;
    }

    private static int[] SupportOf(double[] x) => Enumerable.Range(0, x.Length).Where(i => x[i] > 0).ToArray();

    private static double Frobenius(ReadOnlySpan<double> a)
    {
        double sum = 0;
        foreach (double x in a)
        {
            sum += x * x;
        }
        return Math.Sqrt(sum);
    }
}

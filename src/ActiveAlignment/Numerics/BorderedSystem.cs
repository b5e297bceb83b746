namespace ActiveAlignment.Numerics;

/// <summary>
/// Solves the bordered stationarity system of MODEL.md §3.1 on a face of the simplex:
/// A w + ν 1 = b, 1ᵀw = 1, through its reduced form w = 1/s + Z y, (ZᵀAZ) y = Zᵀ(b − A 1/s),
/// ν = mean(b − A w). A may be singular as long as ZᵀAZ is not.
/// </summary>
internal static class BorderedSystem
{
    /// <summary>Reduced systems whose 1-norm reciprocal condition number falls below this are called singular.</summary>
    public const double SingularThreshold = 1e-12;

    /// <summary>Doubles of workspace needed for a face of size s.</summary>
    public static int WorkspaceLength(int s) => ((s - 1) * (s - 1)) + (6 * s);

    /// <summary>
    /// Solves on a dense s×s matrix <paramref name="a"/> (row-major) and right-hand side <paramref name="b"/>.
    /// Returns false (singular, <paramref name="w"/> untouched) when ZᵀAZ is numerically singular.
    /// </summary>
    public static bool Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int s, Span<double> w, out double nu,
        out double reciprocalCondition, Span<double> work, Span<int> pivots)
    {
        if (s == 1)
        {
            w[0] = 1.0;
            nu = b[0] - a[0];
            reciprocalCondition = 1.0;
            return true;
        }
        int m = s - 1;
        Span<double> reduced = work[..(m * m)];
        Span<double> p = work.Slice(m * m, s);
        Span<double> r = work.Slice((m * m) + s, s);
        Span<double> y = work.Slice((m * m) + (2 * s), m);
        Span<double> scratch = work.Slice((m * m) + (3 * s), 2 * s);
        double inv = 1.0 / s;
        for (int i = 0; i < s; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * s, s);
            double sum = 0;
            for (int j = 0; j < s; j++)
            {
                sum += row[j];
            }
            r[i] = b[i] - (sum * inv);
        }
        var frame = new SimplexFrame(s);
        frame.ReduceMatrix(a, reduced, p);
        frame.ReduceVector(r, y);
        double norm1 = DenseLu.Norm1(reduced, m, scratch);
        if (!DenseLu.Factor(reduced, m, pivots))
        {
            nu = double.NaN;
            reciprocalCondition = 0;
            return false;
        }
        reciprocalCondition = DenseLu.ReciprocalCondition(reduced, m, pivots, norm1, scratch);
        if (!(reciprocalCondition >= SingularThreshold))
        {
            nu = double.NaN;
            return false;
        }
        DenseLu.Solve(reduced, m, pivots, y);
        frame.Expand(y, inv, w);
        double total = 0;
        for (int i = 0; i < s; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * s, s);
            double aw = 0;
            for (int j = 0; j < s; j++)
            {
                aw += row[j] * w[j];
            }
            total += b[i] - aw;
        }
        nu = total * inv;
        return true;
    }

    /// <summary>
    /// Solves on the face spanned by <paramref name="support"/> of an n×n matrix. Allocates the gathered
    /// sub-problem; used on boundary paths, not per grid point.
    /// </summary>
    public static bool SolveOnSupport(ReadOnlySpan<double> a, int n, ReadOnlySpan<double> b, ReadOnlySpan<int> support,
        Span<double> wSupport, out double nu, out double reciprocalCondition)
    {
        int s = support.Length;
        var sub = new double[s * s];
        var bs = new double[s];
        for (int i = 0; i < s; i++)
        {
            int gi = support[i];
            bs[i] = b[gi];
            ReadOnlySpan<double> row = a.Slice(gi * n, n);
            for (int j = 0; j < s; j++)
            {
                sub[(i * s) + j] = row[support[j]];
            }
        }
        return Solve(sub, bs, s, wSupport, out nu, out reciprocalCondition, new double[WorkspaceLength(s)], new int[s]);
    }
}

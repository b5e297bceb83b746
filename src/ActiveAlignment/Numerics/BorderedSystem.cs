namespace ActiveAlignment.Numerics;

/// <summary>
/// Solves the bordered stationarity system of docs/model.md#closed-form on a face of the simplex:
/// A w + ν 1 = b, 1ᵀw = 1, through its reduced form w = 1/s + Z y, (ZᵀAZ) y = Zᵀ(b − A 1/s),
/// ν = mean(b − A w). A may be singular as long as ZᵀAZ is not.
/// When the rows of A differ in magnitude by more than <see cref="EquilibrationSpread"/> (one huge diagonal entry, say), the
/// reduced form would smear the large row over every coordinate; the system is then equilibrated first: with D a diagonal of
/// powers of two (so the scaling is exact) making every row of DAD of magnitude about 1, the full bordered matrix
/// [DAD, βD1; β1ᵀD, 0] is factorised with partial pivoting, and its reciprocal condition number is the one judged and
/// reported (docs/model.md#closed-form). Otherwise ZᵀAZ is first factorised by Cholesky (half the work of LU); when a
/// pivot falls to 1e-12·max|ZᵀAZ| or to the rounding noise of the reduction, 16·u·s·max|A| (the test of positive
/// definiteness the uniqueness report uses), LU with partial pivoting takes over. The system is called singular when the
/// reciprocal condition number of ZᵀAZ is below 1e-12 (and, for the closed form's classification, when 1/‖(ZᵀAZ)⁻¹‖₁ is
/// within that rounding noise).
/// </summary>
internal static class BorderedSystem
{
    /// <summary>Systems whose 1-norm reciprocal condition number (after equilibration) falls below this are called singular.</summary>
    public const double SingularThreshold = Tolerances.SingularReciprocalCondition;

    /// <summary>The ratio of the largest to the smallest row magnitude of A above which the system is equilibrated: 2¹⁶.</summary>
    public const double EquilibrationSpread = 65536;

    /// <summary>Doubles of workspace needed for a face of size s.</summary>
    public static int WorkspaceLength(int s) => (2 * (s + 1) * (s + 1)) + (6 * (s + 1)) + (2 * s);

    /// <summary>Pivot slots needed for a face of size s.</summary>
    public static int PivotLength(int s) => s + 1;

    /// <summary>
    /// Solves on a dense s×s matrix <paramref name="a"/> (row-major) and right-hand side <paramref name="b"/>.
    /// Returns false (singular, <paramref name="w"/> untouched) when ZᵀAZ is numerically singular.
    /// </summary>
    public static bool Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int s, Span<double> w, out double nu,
        out double reciprocalCondition, Span<double> work, Span<int> pivots)
        => Solve(a, b, s, w, out nu, out reciprocalCondition, out _, work, pivots);

    /// <summary>
    /// As <see cref="Solve(ReadOnlySpan{double}, ReadOnlySpan{double}, int, Span{double}, out double, out double, Span{double}, Span{int})"/>,
    /// and reports the Cholesky test of ZᵀAZ ≻ 0 (every pivot above 1e-12·max|ZᵀAZ| and 16·u·s·max|A|): true or false when it was run, null
    /// when it was not (s = 1, or an equilibrated system). With <paramref name="noiseIsSingular"/> the system is also called
    /// singular when 1/‖(ZᵀAZ)⁻¹‖₁ is within the rounding noise of the reduction, 16·u·s·max|A|.
    /// </summary>
    public static bool Solve(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int s, Span<double> w, out double nu,
        out double reciprocalCondition, out bool? reducedPositiveDefinite, Span<double> work, Span<int> pivots, bool noiseIsSingular = false)
    {
        reducedPositiveDefinite = null;
        if (s == 1)
        {
            w[0] = 1.0;
            nu = b[0] - a[0];
            reciprocalCondition = 1.0;
            return true;
        }
        if (NeedsEquilibration(a, s))
        {
            return SolveEquilibrated(a, b, s, w, out nu, out reciprocalCondition, work, pivots);
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
            r[i] = b[i] - (Kernels.Sum(a.Slice(i * s, s)) * inv);
        }
        var frame = new SimplexFrame(s);
        frame.ReduceMatrix(a, reduced, p);
        frame.ReduceVector(r, y);
        double norm1 = DenseLu.Norm1(reduced, m, scratch, out double max);
        Span<double> factor = work.Slice((m * m) + (5 * s), m * m);
        reduced.CopyTo(factor);
        // The uniqueness report's test (pivots above 1e-12·max|ZᵀAZ| and above the reduction's rounding noise), so that the
        // report can take it from here.
        double scale = Kernels.MaxAbs(a[..(s * s)]);
        reducedPositiveDefinite = max > 0 && Cholesky.Factor(factor, m, 0.0, Equilibria.UniquenessReport.PivotFloor(max, scale, s));
        // With noiseIsSingular (the closed form's classification), singular also when ZᵀAZ is within the rounding noise of
        // its reduction from A, whatever its own condition number: a duplicated group without diversity leaves only noise
        // (and a 1×1 matrix of noise has reciprocal condition 1).
        double noise = noiseIsSingular ? Tolerances.EigenvalueRelative * s * scale : 0.0;
        if (reducedPositiveDefinite == true)
        {
            reciprocalCondition = DenseLu.ReciprocalConditionOfCholesky(factor, m, norm1, scratch);
            if (!(reciprocalCondition >= SingularThreshold) || !(reciprocalCondition * norm1 > noise))
            {
                nu = double.NaN;
                return false;
            }
            Cholesky.Solve(factor, m, y);
        }
        else
        {
            if (!DenseLu.Factor(reduced, m, pivots))
            {
                nu = double.NaN;
                reciprocalCondition = 0;
                return false;
            }
            reciprocalCondition = DenseLu.ReciprocalCondition(reduced, m, pivots, norm1, scratch);
            if (!(reciprocalCondition >= SingularThreshold) || !(reciprocalCondition * norm1 > noise))
            {
                nu = double.NaN;
                return false;
            }
            DenseLu.Solve(reduced, m, pivots, y);
        }
        frame.Expand(y, inv, w);
        // r is free again (y holds its reduction): it receives A w.
        Kernels.MultiplySequential(a, s, s, w, r);
        double total = 0;
        for (int i = 0; i < s; i++)
        {
            total += b[i] - r[i];
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
        // Pooled (the active set calls this on every face it visits), and cleared as fresh arrays would be.
        int length = (s * s) + s + WorkspaceLength(s);
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent(length);
        int[] pivots = System.Buffers.ArrayPool<int>.Shared.Rent(PivotLength(s));
        try
        {
            Span<double> all = rented.AsSpan(0, length);
            all.Clear();
            Span<double> sub = all[..(s * s)];
            Span<double> bs = all.Slice(s * s, s);
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
            Span<int> pivotSpan = pivots.AsSpan(0, PivotLength(s));
            pivotSpan.Clear();
            return Solve(sub, bs, s, wSupport, out nu, out reciprocalCondition, all[((s * s) + s)..], pivotSpan);
        }
        finally
        {
            System.Buffers.ArrayPool<double>.Shared.Return(rented);
            System.Buffers.ArrayPool<int>.Shared.Return(pivots);
        }
    }

    /// <summary>True when the row magnitudes of A spread over more than <see cref="EquilibrationSpread"/>.</summary>
    private static bool NeedsEquilibration(ReadOnlySpan<double> a, int s)
    {
        double largest = 0, smallest = double.PositiveInfinity;
        for (int i = 0; i < s; i++)
        {
            double r = RowMagnitude(a, s, i);
            largest = Math.Max(largest, r);
            smallest = Math.Min(smallest, r);
        }
        return largest > 0 && !(largest <= EquilibrationSpread * smallest);
    }

    private static double RowMagnitude(ReadOnlySpan<double> a, int s, int i)
    {
        return Kernels.MaxAbs(a.Slice(i * s, s));
    }

    /// <summary>A power of two near 1/√r (exact to apply).</summary>
    private static double InverseSqrtPowerOfTwo(double r) => Math.ScaleB(1.0, -(int)Math.Round(0.5 * Math.Log2(r)));

    /// <summary>
    /// The equilibrated bordered solve: [DAD, βd; βdᵀ, 0][u; ν'] = [Db; β], w = Du, ν = βν'; one step of iterative
    /// refinement against the unscaled residual.
    /// </summary>
    private static bool SolveEquilibrated(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int s, Span<double> w, out double nu,
        out double reciprocalCondition, Span<double> work, Span<int> pivots)
    {
        int n = s + 1;
        Span<double> lu = work[..(n * n)];
        Span<double> x = work.Slice(n * n, n);
        Span<double> scratch = work.Slice((n * n) + n, 2 * n);
        Span<double> d = work.Slice((n * n) + (3 * n), s);
        Span<double> residual = work.Slice((n * n) + (3 * n) + s, n);
        double largest = 0;
        for (int i = 0; i < s; i++)
        {
            largest = Math.Max(largest, RowMagnitude(a, s, i));
        }
        double fallback = InverseSqrtPowerOfTwo(largest);
        double maxD = 0;
        for (int i = 0; i < s; i++)
        {
            double r = RowMagnitude(a, s, i);
            d[i] = r > 0 ? InverseSqrtPowerOfTwo(r) : fallback;
            maxD = Math.Max(maxD, d[i]);
        }
        double beta = InverseSqrtPowerOfTwo(maxD * maxD);
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < s; j++)
            {
                lu[(i * n) + j] = d[i] * a[(i * s) + j] * d[j];
            }
            lu[(i * n) + s] = beta * d[i];
            lu[(s * n) + i] = beta * d[i];
        }
        lu[(s * n) + s] = 0;
        double norm1 = DenseLu.Norm1(lu, n, scratch);
        if (!DenseLu.Factor(lu, n, pivots))
        {
            nu = double.NaN;
            reciprocalCondition = 0;
            return false;
        }
        reciprocalCondition = DenseLu.ReciprocalCondition(lu, n, pivots, norm1, scratch);
        if (!(reciprocalCondition >= SingularThreshold))
        {
            nu = double.NaN;
            return false;
        }
        for (int i = 0; i < s; i++)
        {
            x[i] = d[i] * b[i];
        }
        x[s] = beta;
        DenseLu.Solve(lu, n, pivots, x);
        for (int i = 0; i < s; i++)
        {
            w[i] = d[i] * x[i];
        }
        nu = beta * x[s];
        // One step of iterative refinement: residual of A w + ν1 = b, 1ᵀw = 1, scaled the same way.
        double sum = 0;
        for (int i = 0; i < s; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * s, s);
            double aw = 0;
            for (int j = 0; j < s; j++)
            {
                aw += row[j] * w[j];
            }
            residual[i] = d[i] * (b[i] - aw - nu);
            sum += w[i];
        }
        residual[s] = beta * (1 - sum);
        DenseLu.Solve(lu, n, pivots, residual);
        for (int i = 0; i < s; i++)
        {
            w[i] += d[i] * residual[i];
        }
        nu += beta * residual[s];
        return true;
    }
}

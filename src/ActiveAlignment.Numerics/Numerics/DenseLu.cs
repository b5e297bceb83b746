namespace ActiveAlignment.Numerics;

/// <summary>
/// In-place LU factorisation with partial pivoting of a small dense row-major matrix, its solves, and the
/// Hager–Higham estimate of the 1-norm reciprocal condition number (as LAPACK's dgecon). Allocation-free:
/// the hot-path kernel behind every per-point solve; MathNet.Numerics is used at set-up instead.
/// </summary>
internal static class DenseLu
{
    /// <summary>max over columns of Σᵢ |Aᵢⱼ|.</summary>
    public static double Norm1(ReadOnlySpan<double> a, int n, Span<double> scratch) => Norm1(a, n, scratch, out _);

    /// <summary>‖A‖₁, and max|Aᵢⱼ| from the same pass.</summary>
    public static double Norm1(ReadOnlySpan<double> a, int n, Span<double> scratch, out double maxAbs)
    {
        Span<double> sums = scratch[..n];
        sums.Clear();
        double entry = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * n, n);
            Kernels.AddAbsolute(sums, row);
            entry = Math.Max(entry, Kernels.MaxAbs(row));
        }
        maxAbs = entry;
        double max = 0;
        for (int j = 0; j < n; j++)
        {
            max = Math.Max(max, sums[j]);
        }
        return max;
    }

    /// <summary>Factors A = P L U in place. Returns false when an exactly zero pivot is met (singular).</summary>
    public static bool Factor(Span<double> a, int n, Span<int> pivots)
    {
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Math.Abs(a[(k * n) + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[(i * n) + k]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }
            pivots[k] = p;
            if (!(best > 0))
            {
                return false;
            }
            if (p != k)
            {
                Span<double> rowP = a.Slice(p * n, n);
                Span<double> rowSwap = a.Slice(k * n, n);
                for (int j = 0; j < n; j++)
                {
                    (rowSwap[j], rowP[j]) = (rowP[j], rowSwap[j]);
                }
            }
            double pivot = a[(k * n) + k];
            double inv = 1.0 / pivot;
            Span<double> rowK = a.Slice(k * n, n);
            for (int i = k + 1; i < n; i++)
            {
                Span<double> rowI = a.Slice(i * n, n);
                double factor = rowI[k] * inv;
                rowI[k] = factor;
                if (factor != 0)
                {
                    Kernels.SubtractScaled(rowI[(k + 1)..], factor, rowK[(k + 1)..]);
                }
            }
        }
        return true;
    }

    /// <summary>Solves A x = b in place using the factors of <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        for (int k = 0; k < n; k++)
        {
            int p = pivots[k];
            if (p != k)
            {
                (b[k], b[p]) = (b[p], b[k]);
            }
        }
        for (int i = 1; i < n; i++)
        {
            ReadOnlySpan<double> row = lu.Slice(i * n, i);
            double sum = b[i];
            for (int j = 0; j < i; j++)
            {
                sum -= row[j] * b[j];
            }
            b[i] = sum;
        }
        for (int i = n - 1; i >= 0; i--)
        {
            ReadOnlySpan<double> row = lu.Slice(i * n, n);
            double sum = b[i];
            for (int j = i + 1; j < n; j++)
            {
                sum -= row[j] * b[j];
            }
            b[i] = sum / row[i];
        }
    }

    /// <summary>Solves Aᵀ x = b in place using the factors of <see cref="Factor"/>.</summary>
    public static void SolveTransposed(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, Span<double> b)
    {
        // Aᵀ = Uᵀ Lᵀ Pᵀ... with P A = L U: Aᵀ x = b ⇔ Uᵀ Lᵀ (P x) = b
        for (int i = 0; i < n; i++)
        {
            double sum = b[i];
            for (int j = 0; j < i; j++)
            {
                sum -= lu[(j * n) + i] * b[j];
            }
            b[i] = sum / lu[(i * n) + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double sum = b[i];
            for (int j = i + 1; j < n; j++)
            {
                sum -= lu[(j * n) + i] * b[j];
            }
            b[i] = sum;
        }
        for (int k = n - 1; k >= 0; k--)
        {
            int p = pivots[k];
            if (p != k)
            {
                (b[k], b[p]) = (b[p], b[k]);
            }
        }
    }

    /// <summary>
    /// 1/(‖A‖₁ · est‖A⁻¹‖₁), with the Hager (1984) / Higham (1988) estimator; 0 when ‖A‖₁ = 0.
    /// </summary>
    /// <param name="lu">The factors.</param>
    /// <param name="n">The size.</param>
    /// <param name="pivots">The pivots.</param>
    /// <param name="norm1">‖A‖₁ of the matrix before factorisation.</param>
    /// <param name="work">Scratch of length ≥ 2n.</param>
    public static double ReciprocalCondition(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, double norm1, Span<double> work)
        => EstimateReciprocalCondition(lu, n, pivots, cholesky: false, norm1, work);

    /// <summary>
    /// The same estimate of 1/(‖A‖₁‖A⁻¹‖₁) for a symmetric positive definite A from its Cholesky factor
    /// (<see cref="Cholesky.Factor"/>): A⁻ᵀ = A⁻¹, so both of the estimator's solves are Cholesky solves.
    /// </summary>
    public static double ReciprocalConditionOfCholesky(ReadOnlySpan<double> l, int n, double norm1, Span<double> work)
        => EstimateReciprocalCondition(l, n, default, cholesky: true, norm1, work);

    private static void Apply(ReadOnlySpan<double> factor, int n, ReadOnlySpan<int> pivots, bool cholesky, bool transposed, Span<double> x)
    {
        if (cholesky)
        {
            Cholesky.Solve(factor, n, x);
        }
        else if (transposed)
        {
            SolveTransposed(factor, n, pivots, x);
        }
        else
        {
            Solve(factor, n, pivots, x);
        }
    }

    private static double EstimateReciprocalCondition(ReadOnlySpan<double> lu, int n, ReadOnlySpan<int> pivots, bool cholesky, double norm1,
        Span<double> work)
    {
        if (!(norm1 > 0))
        {
            return 0;
        }
        Span<double> x = work[..n];
        Span<double> z = work.Slice(n, n);
        x.Fill(1.0 / n);
        double estimate = 0;
        int previous = -1; // index of the unit probe vector, -1 while the probe is (1/n)·1
        for (int iteration = 0; iteration < 5; iteration++)
        {
            Apply(lu, n, pivots, cholesky, transposed: false, x); // x ← A⁻¹ x
            double norm = 0;
            for (int i = 0; i < n; i++)
            {
                norm += Math.Abs(x[i]);
                z[i] = x[i] >= 0 ? 1.0 : -1.0;
            }
            if (!double.IsFinite(norm))
            {
                return 0;
            }
            if (iteration > 0 && norm <= estimate)
            {
                break;
            }
            estimate = norm;
            Apply(lu, n, pivots, cholesky, transposed: true, z); // z ← A⁻ᵀ sign(A⁻¹x)
            int j = 0;
            double zmax = -1;
            double zTx = 0;
            for (int i = 0; i < n; i++)
            {
                double a = Math.Abs(z[i]);
                if (a > zmax)
                {
                    zmax = a;
                    j = i;
                }
                zTx += z[i];
            }
            zTx = previous < 0 ? zTx / n : z[previous];
            if (zmax <= zTx || j == previous)
            {
                break; // Hager's optimality test: no vertex improves the estimate
            }
            x.Clear();
            x[j] = 1.0;
            previous = j;
        }
        // Higham's extra probe guards against the estimator's known failure cases.
        for (int i = 0; i < n; i++)
        {
            double sign = (i % 2 == 0) ? 1.0 : -1.0;
            x[i] = sign * (1.0 + (n > 1 ? (double)i / (n - 1) : 0.0));
        }
        Apply(lu, n, pivots, cholesky, transposed: false, x);
        double alt = 0;
        for (int i = 0; i < n; i++)
        {
            alt += Math.Abs(x[i]);
        }
        alt = 2.0 * alt / (3.0 * n);
        estimate = Math.Max(estimate, alt);
        return double.IsFinite(estimate) && estimate > 0 ? 1.0 / (norm1 * estimate) : 0;
    }
}

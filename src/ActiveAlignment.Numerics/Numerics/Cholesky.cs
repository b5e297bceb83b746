namespace ActiveAlignment.Numerics;

/// <summary>
/// Cholesky factorisation A = LLᵀ of a symmetric n×n matrix, row-major, in place (L in the lower triangle; the strict upper
/// triangle is left as it was), and the solves with it. One routine serves the proofs and the tests of definiteness (with a
/// shift and a floor on the pivots) and the closed form's solve.
/// </summary>
internal static class Cholesky
{
    /// <summary>
    /// Factors A − shift·I in place, requiring every pivot (the squared diagonal of L before its square root) to exceed
    /// <paramref name="pivotFloor"/>. Entries are divided by the pivot, not multiplied by its reciprocal, so that Demmel's
    /// backward-error bound for the textbook algorithm holds. Returns false at the first pivot that does not (or is NaN); the matrix is then partly
    /// overwritten.
    /// </summary>
    public static bool Factor(Span<double> a, int n, double shift, double pivotFloor)
    {
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> rowJ = a.Slice(j * n, j);
            double d = a[(j * n) + j] - shift - Kernels.Dot(rowJ, rowJ);
            if (!(d > pivotFloor))
            {
                return false;
            }
            double r = Math.Sqrt(d);
            a[(j * n) + j] = r;
            int i = j + 1;
            // Four rows at a time, then two: row j is read once for all of them. Each row's sum is formed as Dot2 forms it, so
            // the factor is the same bits whichever grouping a row falls in.
            for (; i + 3 < n; i += 4)
            {
                var (s0, s1, s2, s3) = Kernels.Dot4(a.Slice(i * n, j), a.Slice((i + 1) * n, j), a.Slice((i + 2) * n, j),
                    a.Slice((i + 3) * n, j), rowJ);
                a[(i * n) + j] = (a[(i * n) + j] - s0) / r;
                a[((i + 1) * n) + j] = (a[((i + 1) * n) + j] - s1) / r;
                a[((i + 2) * n) + j] = (a[((i + 2) * n) + j] - s2) / r;
                a[((i + 3) * n) + j] = (a[((i + 3) * n) + j] - s3) / r;
            }
            for (; i + 1 < n; i += 2)
            {
                var (s0, s1) = Kernels.Dot2(a.Slice(i * n, j), a.Slice((i + 1) * n, j), rowJ);
                a[(i * n) + j] = (a[(i * n) + j] - s0) / r;
                a[((i + 1) * n) + j] = (a[((i + 1) * n) + j] - s1) / r;
            }
            if (i < n)
            {
                a[(i * n) + j] = (a[(i * n) + j] - Kernels.Dot(a.Slice(i * n, j), rowJ)) / r;
            }
        }
        return true;
    }

    /// <summary>Solves LLᵀx = b in place (b ← x) with the factor of <see cref="Factor"/>.</summary>
    public static void Solve(ReadOnlySpan<double> l, int n, Span<double> b)
    {
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = l.Slice(i * n, i + 1);
            double sum;
            if (i >= 16)
            {
                sum = Kernels.Dot(row[..i], b[..i]);
            }
            else
            {
                sum = 0;
                for (int j = 0; j < i; j++)
                {
                    sum += row[j] * b[j];
                }
            }
            b[i] = (b[i] - sum) / row[i];
        }
        // Lᵀx = y by columns of Lᵀ, that is by rows of L, so that memory is read in order.
        for (int i = n - 1; i >= 0; i--)
        {
            ReadOnlySpan<double> row = l.Slice(i * n, i + 1);
            double x = b[i] / row[i];
            b[i] = x;
            if (i >= 16)
            {
                Kernels.SubtractScaled(b[..i], x, row[..i]);
            }
            else
            {
                for (int j = 0; j < i; j++)
                {
                    b[j] -= x * row[j];
                }
            }
        }
    }
}

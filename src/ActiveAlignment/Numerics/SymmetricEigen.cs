using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Numerics;

/// <summary>
/// MathNet's symmetric eigendecomposition, made safe for any finite scale: the matrix is divided by a power of two near its
/// largest entry first (exact), so that neither overflow nor underflow reaches the QL iteration, and the eigenvalues are
/// scaled back. A failure of the iteration is reported as NaN, never thrown.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>The smallest eigenvalue of the symmetric part of an n×n row-major matrix; NaN when it cannot be computed.</summary>
    public static double MinEigenvalue(Func<int, int, double> entry, int n)
    {
        if (n <= JacobiLimit)
        {
            // Small matrices: cyclic Jacobi (no MathNet, so a short command does not compile MathNet's solvers at start-up).
            var a = new double[n * n];
            double max = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    max = Math.Max(max, Math.Abs(entry(i, j)));
                }
            }
            if (max == 0)
            {
                return 0.0;
            }
            if (!double.IsFinite(max))
            {
                return double.NaN;
            }
            double s = Math.ScaleB(1.0, Math.ILogB(max));
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[(i * n) + j] = (0.5 * (entry(i, j) / s)) + (0.5 * (entry(j, i) / s));
                }
            }
            return JacobiMin(a, n) * s;
        }
        var decomposition = Decompose(entry, n, out double scale);
        if (decomposition is null)
        {
            return scale == 0 ? 0.0 : double.NaN;
        }
        double min = double.PositiveInfinity;
        foreach (var z in decomposition.EigenValues)
        {
            min = Math.Min(min, z.Real);
        }
        return min * scale;
    }

    /// <summary>
    /// The smallest eigenvalue of the symmetric part of the n×n row-major <paramref name="a"/>, as
    /// <see cref="MinEigenvalue(Func{int, int, double}, int)"/> computes it (the same bits), without allocating for
    /// n ≤ <see cref="JacobiLimit"/>: <paramref name="work"/> (at least n² long) holds the scaled copy that the rotations overwrite.
    /// </summary>
    public static double MinEigenvalue(ReadOnlySpan<double> a, int n, Span<double> work)
    {
        if (n > JacobiLimit)
        {
            var copy = a[..(n * n)].ToArray();
            return MinEigenvalue((i, j) => copy[(i * n) + j], n);
        }
        ReadOnlySpan<double> entries = a[..(n * n)];
        double max = 0;
        foreach (double x in entries)
        {
            max = Math.Max(max, Math.Abs(x));
        }
        if (max == 0)
        {
            return 0.0;
        }
        if (!double.IsFinite(max))
        {
            return double.NaN;
        }
        double s = Math.ScaleB(1.0, Math.ILogB(max));
        Span<double> w = work[..(n * n)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                w[(i * n) + j] = (0.5 * (entries[(i * n) + j] / s)) + (0.5 * (entries[(j * n) + i] / s));
            }
        }
        return JacobiMin(w, n) * s;
    }

    /// <summary>
    /// The Jacobi rotation (c, s) that zeroes a_pq; false (no rotation) when a_pq is negligible: below half a unit roundoff
    /// of its diagonal pair, or below <paramref name="floor"/> (1% of a unit roundoff of the largest entry, so that zero
    /// eigenvalues do not keep the sweeps going). A NaN angle gives NaN (caught as a non-finite eigenvalue), not an exception.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryRotation(double apq, double app, double aqq, double floor, out double c, out double s)
    {
        if (Math.Abs(apq) <= floor || Math.Abs(apq) <= 0.5 * Tolerances.UnitRoundoff * Math.Sqrt(Math.Abs(app) * Math.Abs(aqq)))
        {
            c = s = 0;
            return false;
        }
        double theta = (aqq - app) / (2 * apq);
        double t = Math.Abs(theta) > 1e150 ? 0.5 / theta : (theta < 0 ? -1.0 : 1.0) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        c = 1 / Math.Sqrt((t * t) + 1);
        s = t * c;
        return true;
    }

    /// <summary>
    /// The smallest eigenvalue by the rotations of <see cref="Jacobi"/> without eigenvectors, bit for bit: the matrix stays
    /// exactly symmetric under them (both passes of a rotation compute an off-block entry and its mirror by the same formula
    /// from equal operands), so each off-block pair is computed once and written twice, and the 2×2 block in the order the
    /// two passes take. Half the work and no allocation. NaN when it does not converge or an eigenvalue is not finite.
    /// The input must be exactly symmetric (both callers symmetrise first); <see cref="Jacobi"/> keeps the two passes for
    /// callers whose matrices need not be, which is why the two loops are not one.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static double JacobiMin(Span<double> a, int n)
    {
        double floor = 0.01 * Tolerances.UnitRoundoff * Kernels.MaxAbs(a[..(n * n)]);
        for (int sweep = 0; sweep < 60; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[(p * n) + q];
                    double app = a[(p * n) + p], aqq = a[(q * n) + q];
                    if (!TryRotation(apq, app, aqq, floor, out double c, out double sn))
                    {
                        a[(p * n) + q] = a[(q * n) + p] = 0;
                        continue;
                    }
                    rotated = true;
                    for (int k = 0; k < n; k++)
                    {
                        if (k == p || k == q)
                        {
                            continue;
                        }
                        double akp = a[(k * n) + p], akq = a[(k * n) + q];
                        double kp = (c * akp) - (sn * akq), kq = (sn * akp) + (c * akq);
                        a[(k * n) + p] = kp;
                        a[(p * n) + k] = kp;
                        a[(k * n) + q] = kq;
                        a[(q * n) + k] = kq;
                    }
                    double aqp = a[(q * n) + p];
                    double tpp = (c * app) - (sn * apq), tpq = (sn * app) + (c * apq);
                    double tqp = (c * aqp) - (sn * aqq), tqq = (sn * aqp) + (c * aqq);
                    a[(p * n) + p] = (c * tpp) - (sn * tqp);
                    a[(q * n) + q] = (sn * tpq) + (c * tqq);
                    a[(p * n) + q] = a[(q * n) + p] = 0;
                }
            }
            if (!rotated)
            {
                // The first smallest diagonal entry in order, as Enumerable.Min takes it (so a −0 after a +0 is not taken).
                double min = a[0];
                for (int i = 0; i < n; i++)
                {
                    double value = a[(i * n) + i];
                    if (!double.IsFinite(value))
                    {
                        return double.NaN;
                    }
                    if (value < min)
                    {
                        min = value;
                    }
                }
                return min;
            }
        }
        return double.NaN;
    }

    /// <summary>
    /// The decomposition of the symmetric part divided by <paramref name="scale"/> (a power of two; 0 for the zero matrix, when
    /// null is returned); null also when the iteration fails.
    /// </summary>
    public static MathNet.Numerics.LinearAlgebra.Factorization.Evd<double>? Decompose(Func<int, int, double> entry, int n, out double scale)
    {
        double max = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                max = Math.Max(max, Math.Abs(entry(i, j)));
            }
        }
        if (max == 0)
        {
            scale = 0;
            return null;
        }
        scale = Math.ScaleB(1.0, Math.ILogB(max));
        double s = scale;
        var m = Matrix<double>.Build.Dense(n, n, (i, j) => (0.5 * (entry(i, j) / s)) + (0.5 * (entry(j, i) / s)));
        try
        {
            var evd = m.Evd(Symmetricity.Symmetric);
            foreach (var z in evd.EigenValues)
            {
                if (!double.IsFinite(z.Real))
                {
                    return null;
                }
            }
            return evd;
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArithmeticException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
    /// <summary>Matrices up to this order are decomposed by <see cref="Jacobi"/>; larger ones by MathNet.</summary>
    public const int JacobiLimit = 64;

    /// <summary>
    /// The eigenvalues (and, when <paramref name="vectors"/> is given, the eigenvectors as its columns, n×n row-major) of
    /// the symmetric n×n matrix <paramref name="a"/> (row-major, overwritten), by the cyclic Jacobi method: rotations
    /// until every off-diagonal entry is negligible against its diagonal pair, which gives eigenvalues with small
    /// relative backward error. Returns null if it has not converged after 60 sweeps (not seen in practice).
    /// </summary>
    // Fully optimised at once: every certified answer calls it (stability); in a 200,000-game batch a third of its time
    // was spent in its tier-0 code before.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static double[]? Jacobi(double[] a, int n, double[]? vectors)
    {
        if (vectors is not null)
        {
            Array.Clear(vectors, 0, n * n);
            for (int i = 0; i < n; i++)
            {
                vectors[(i * n) + i] = 1.0;
            }
        }
        // Negligible off-diagonal entries: see TryRotation.
        double floor = 0.01 * Tolerances.UnitRoundoff * Kernels.MaxAbs(a.AsSpan(0, n * n));
        for (int sweep = 0; sweep < 60; sweep++)
        {
            bool rotated = false;
            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[(p * n) + q];
                    double app = a[(p * n) + p], aqq = a[(q * n) + q];
                    if (!TryRotation(apq, app, aqq, floor, out double c, out double sn))
                    {
                        a[(p * n) + q] = a[(q * n) + p] = 0;
                        continue;
                    }
                    rotated = true;
                    // A ← JᵀAJ with J the rotation in the (p, q) plane.
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[(k * n) + p], akq = a[(k * n) + q];
                        a[(k * n) + p] = (c * akp) - (sn * akq);
                        a[(k * n) + q] = (sn * akp) + (c * akq);
                    }
                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[(p * n) + k], aqk = a[(q * n) + k];
                        a[(p * n) + k] = (c * apk) - (sn * aqk);
                        a[(q * n) + k] = (sn * apk) + (c * aqk);
                    }
                    a[(p * n) + q] = a[(q * n) + p] = 0;
                    if (vectors is not null)
                    {
                        for (int k = 0; k < n; k++)
                        {
                            double vkp = vectors[(k * n) + p], vkq = vectors[(k * n) + q];
                            vectors[(k * n) + p] = (c * vkp) - (sn * vkq);
                            vectors[(k * n) + q] = (sn * vkp) + (c * vkq);
                        }
                    }
                }
            }
            if (!rotated)
            {
                var values = new double[n];
                for (int i = 0; i < n; i++)
                {
                    values[i] = a[(i * n) + i];
                    if (!double.IsFinite(values[i]))
                    {
                        return null;
                    }
                }
                return values;
            }
        }
        return null;
    }
}

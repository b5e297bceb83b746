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
}

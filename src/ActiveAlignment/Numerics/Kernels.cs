using System.Numerics;
using System.Runtime.InteropServices;

#if FINITE_GAMES
namespace ActiveAlignment.FiniteGames.Internal; // linked into the finite-games package, kept internal there
#else
namespace ActiveAlignment.Numerics;
#endif

/// <summary>The O(K³) factorisations' inner loops, written once with SIMD.</summary>
internal static class Kernels
{
    /// <summary>y ← y − f·x elementwise. Each element is the scalar y − f·x (one multiply, one subtract, no fused
    /// multiply-add), so the result is bit-for-bit the scalar loop's.</summary>
    public static void SubtractScaled(Span<double> y, double f, ReadOnlySpan<double> x)
    {
        int n = y.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var fv = new Vector<double>(f);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            for (int v = 0; v < yv.Length; v++)
            {
                yv[v] -= fv * xv[v];
            }
            i = yv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            y[i] -= f * x[i];
        }
    }

    /// <summary>Σ xᵢyᵢ with four SIMD accumulators (summation order differs from the scalar loop; the error bound
    /// γ_n Σ|xᵢyᵢ| holds for any order).</summary>
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        int n = x.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 4 * Vector<double>.Count)
        {
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y[..n]);
            Vector<double> s0 = Vector<double>.Zero, s1 = s0, s2 = s0, s3 = s0;
            int v = 0;
            for (; v + 3 < xv.Length; v += 4)
            {
                s0 += xv[v] * yv[v];
                s1 += xv[v + 1] * yv[v + 1];
                s2 += xv[v + 2] * yv[v + 2];
                s3 += xv[v + 3] * yv[v + 3];
            }
            for (; v < xv.Length; v++)
            {
                s0 += xv[v] * yv[v];
            }
            sum = Vector.Sum((s0 + s1) + (s2 + s3));
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }
}

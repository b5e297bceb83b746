using System.Numerics;
using System.Runtime.InteropServices;

namespace ActiveAlignment.Numerics;

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
    /// <summary>(x₀·y, x₁·y): two dot products sharing y, which is read once.</summary>
    public static (double, double) Dot2(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> y)
    {
        int n = y.Length, i = 0;
        double s0 = 0, s1 = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var av = MemoryMarshal.Cast<double, Vector<double>>(x0[..n]);
            var bv = MemoryMarshal.Cast<double, Vector<double>>(x1[..n]);
            Vector<double> a0 = Vector<double>.Zero, a1 = a0, b0 = a0, b1 = a0;
            int v = 0;
            for (; v + 1 < yv.Length; v += 2)
            {
                a0 += av[v] * yv[v];
                b0 += bv[v] * yv[v];
                a1 += av[v + 1] * yv[v + 1];
                b1 += bv[v + 1] * yv[v + 1];
            }
            for (; v < yv.Length; v++)
            {
                a0 += av[v] * yv[v];
                b0 += bv[v] * yv[v];
            }
            s0 = Vector.Sum(a0 + a1);
            s1 = Vector.Sum(b0 + b1);
            i = yv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            s0 += x0[i] * y[i];
            s1 += x1[i] * y[i];
        }
        return (s0, s1);
    }

    /// <summary>
    /// (x₀·y, x₁·y, x₂·y, x₃·y): four dot products sharing y, which is read once. Each sum is formed exactly as
    /// <see cref="Dot2"/> forms it (two SIMD accumulators, then the scalar tail), so a pair of rows gives the same bits
    /// through either kernel.
    /// </summary>
    public static (double, double, double, double) Dot4(ReadOnlySpan<double> x0, ReadOnlySpan<double> x1, ReadOnlySpan<double> x2,
        ReadOnlySpan<double> x3, ReadOnlySpan<double> y)
    {
        int n = y.Length, i = 0;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var av = MemoryMarshal.Cast<double, Vector<double>>(x0[..n]);
            var bv = MemoryMarshal.Cast<double, Vector<double>>(x1[..n]);
            var cv = MemoryMarshal.Cast<double, Vector<double>>(x2[..n]);
            var dv = MemoryMarshal.Cast<double, Vector<double>>(x3[..n]);
            Vector<double> a0 = Vector<double>.Zero, a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
            int v = 0;
            for (; v + 1 < yv.Length; v += 2)
            {
                Vector<double> y0 = yv[v], y1 = yv[v + 1];
                a0 += av[v] * y0;
                b0 += bv[v] * y0;
                c0 += cv[v] * y0;
                d0 += dv[v] * y0;
                a1 += av[v + 1] * y1;
                b1 += bv[v + 1] * y1;
                c1 += cv[v + 1] * y1;
                d1 += dv[v + 1] * y1;
            }
            for (; v < yv.Length; v++)
            {
                Vector<double> y0 = yv[v];
                a0 += av[v] * y0;
                b0 += bv[v] * y0;
                c0 += cv[v] * y0;
                d0 += dv[v] * y0;
            }
            s0 = Vector.Sum(a0 + a1);
            s1 = Vector.Sum(b0 + b1);
            s2 = Vector.Sum(c0 + c1);
            s3 = Vector.Sum(d0 + d1);
            i = yv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            double yi = y[i];
            s0 += x0[i] * yi;
            s1 += x1[i] * yi;
            s2 += x2[i] * yi;
            s3 += x3[i] * yi;
        }
        return (s0, s1, s2, s3);
    }

    /// <summary>
    /// y = A x for a row-major rows×n matrix, each yᵢ summed left to right exactly as the scalar loop
    /// <c>for j: s += a[i, j]·x[j]</c> sums it (same bits), with four rows in flight at once so that the additions of one row
    /// do not wait on each other's latency.
    /// </summary>
    public static void MultiplySequential(ReadOnlySpan<double> a, int rows, int n, ReadOnlySpan<double> x, Span<double> y)
    {
        x = x[..n];
        int i = 0;
        for (; i + 3 < rows; i += 4)
        {
            ReadOnlySpan<double> r0 = a.Slice(i * n, n), r1 = a.Slice((i + 1) * n, n), r2 = a.Slice((i + 2) * n, n), r3 = a.Slice((i + 3) * n, n);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int j = 0; j < x.Length; j++)
            {
                double xj = x[j];
                s0 += r0[j] * xj;
                s1 += r1[j] * xj;
                s2 += r2[j] * xj;
                s3 += r3[j] * xj;
            }
            y[i] = s0;
            y[i + 1] = s1;
            y[i + 2] = s2;
            y[i + 3] = s3;
        }
        for (; i < rows; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * n, n);
            double sum = 0;
            for (int j = 0; j < x.Length; j++)
            {
                sum += row[j] * x[j];
            }
            y[i] = sum;
        }
    }

    /// <summary>max |xᵢ|, 0 for an empty span (for finite entries; callers check finiteness first).</summary>
    public static double MaxAbs(ReadOnlySpan<double> x)
    {
        int n = x.Length, i = 0;
        double max = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var m = Vector<double>.Zero;
            for (int v = 0; v < xv.Length; v++)
            {
                m = Vector.Max(m, Vector.Abs(xv[v]));
            }
            for (int k = 0; k < Vector<double>.Count; k++)
            {
                max = Math.Max(max, m[k]);
            }
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            max = Math.Max(max, Math.Abs(x[i]));
        }
        return max;
    }

    /// <summary>Σ (s·xᵢ)², vectorised (the order of the additions is not the sequential one).</summary>
    public static double SumOfSquares(ReadOnlySpan<double> x, double s)
    {
        int n = x.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var sv = new Vector<double>(s);
            Vector<double> a0 = Vector<double>.Zero, a1 = a0;
            int v = 0;
            for (; v + 1 < xv.Length; v += 2)
            {
                var y0 = xv[v] * sv;
                var y1 = xv[v + 1] * sv;
                a0 += y0 * y0;
                a1 += y1 * y1;
            }
            for (; v < xv.Length; v++)
            {
                var y0 = xv[v] * sv;
                a0 += y0 * y0;
            }
            sum = Vector.Sum(a0 + a1);
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            double y = x[i] * s;
            sum += y * y;
        }
        return sum;
    }

    /// <summary>Σ xᵢ, vectorised (the order of the additions is not the sequential one).</summary>
    public static double Sum(ReadOnlySpan<double> x)
    {
        int n = x.Length, i = 0;
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= 2 * Vector<double>.Count)
        {
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            Vector<double> a0 = Vector<double>.Zero, a1 = a0;
            int v = 0;
            for (; v + 1 < xv.Length; v += 2)
            {
                a0 += xv[v];
                a1 += xv[v + 1];
            }
            for (; v < xv.Length; v++)
            {
                a0 += xv[v];
            }
            sum = Vector.Sum(a0 + a1);
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            sum += x[i];
        }
        return sum;
    }

    /// <summary>y ← a·x (elementwise, so exactly the scalar loop's values).</summary>
    public static void Scale(Span<double> y, double a, ReadOnlySpan<double> x)
    {
        int n = y.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var av = new Vector<double>(a);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            for (int v = 0; v < yv.Length; v++)
            {
                yv[v] = av * xv[v];
            }
            i = yv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            y[i] = a * x[i];
        }
    }

    /// <summary>y ← a·x + b·z (elementwise, so exactly the scalar loop's values).</summary>
    public static void Combine(Span<double> y, double a, ReadOnlySpan<double> x, double b, ReadOnlySpan<double> z)
    {
        int n = y.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var av = new Vector<double>(a);
            var bv = new Vector<double>(b);
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            var zv = MemoryMarshal.Cast<double, Vector<double>>(z[..n]);
            for (int v = 0; v < yv.Length; v++)
            {
                yv[v] = (av * xv[v]) + (bv * zv[v]);
            }
            i = yv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            y[i] = (a * x[i]) + (b * z[i]);
        }
    }

    /// <summary>y ← y + x (elementwise).</summary>
    public static void Add(Span<double> y, ReadOnlySpan<double> x)
    {
        int n = y.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            for (int v = 0; v < yv.Length; v++)
            {
                yv[v] += xv[v];
            }
            i = yv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            y[i] += x[i];
        }
    }
    /// <summary>y ← y + |x| (elementwise).</summary>
    public static void AddAbsolute(Span<double> y, ReadOnlySpan<double> x)
    {
        int n = y.Length, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var yv = MemoryMarshal.Cast<double, Vector<double>>(y);
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x[..n]);
            for (int v = 0; v < yv.Length; v++)
            {
                yv[v] += Vector.Abs(xv[v]);
            }
            i = yv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            y[i] += Math.Abs(x[i]);
        }
    }
    /// <summary>max |xᵢ| when every entry is finite, NaN when some entry is NaN or infinite.</summary>
    public static double MaxAbsIfFinite(ReadOnlySpan<double> x)
    {
        int n = x.Length, i = 0;
        double max = 0;
        bool finite = true;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var xv = MemoryMarshal.Cast<double, Vector<double>>(x);
            var m = Vector<double>.Zero;
            var limit = new Vector<double>(double.MaxValue);
            var ok = Vector<long>.AllBitsSet;
            for (int v = 0; v < xv.Length; v++)
            {
                var a = Vector.Abs(xv[v]);
                ok &= Vector.LessThanOrEqual(a, limit); // false for NaN and ±∞
                m = Vector.Max(m, a);
            }
            finite = ok == Vector<long>.AllBitsSet;
            for (int k = 0; k < Vector<double>.Count; k++)
            {
                max = Math.Max(max, m[k]);
            }
            i = xv.Length * Vector<double>.Count;
        }
        for (; i < n; i++)
        {
            double a = Math.Abs(x[i]);
            finite &= a <= double.MaxValue;
            max = Math.Max(max, a);
        }
        return finite ? max : double.NaN;
    }
}

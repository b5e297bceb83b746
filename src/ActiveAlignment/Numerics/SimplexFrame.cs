namespace ActiveAlignment.Numerics;

/// <summary>
/// The orthonormal basis Z of T = {x : Σx = 0} given by the Householder reflection H that maps
/// s = 1/√n·1 to the last unit vector: Z is H without its last column (docs/model.md#objects, §3.1).
/// H = I − β v vᵀ with v = s − eₙ, β = 2 / vᵀv. Every operation is O(n²) or O(n) and allocation-free.
/// </summary>
internal readonly struct SimplexFrame
{
    private readonly int _n;
    private readonly double _c;     // 1/√n: every entry of v except the last
    private readonly double _last;  // 1/√n − 1: the last entry of v
    private readonly double _beta;  // 2 / vᵀv

    public SimplexFrame(int n)
    {
        _n = n;
        _c = 1.0 / Math.Sqrt(n);
        _last = _c - 1.0;
        _beta = 2.0 / (((n - 1) * _c * _c) + (_last * _last));
    }

    public int Dimension => _n;

    private double V(int i) => i == _n - 1 ? _last : _c;

    /// <summary>reduced ← (H A H)[0..n−2, 0..n−2] = ZᵀAZ for a symmetric A (n×n, row-major, stride n).</summary>
    /// <param name="a">A, row-major.</param>
    /// <param name="reduced">(n−1)×(n−1) output, row-major.</param>
    /// <param name="p">Scratch of length n.</param>
    public void ReduceMatrix(ReadOnlySpan<double> a, Span<double> reduced, Span<double> p)
    {
        int n = _n, m = n - 1;
        // p = A v
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * n, n);
            p[i] = (_c * Kernels.Sum(row[..m])) + (_last * row[m]);
        }
        double gamma = 0; // vᵀ A v
        for (int i = 0; i < n; i++)
        {
            gamma += V(i) * p[i];
        }
        double bc = _beta * _c;
        double corner = _beta * _beta * gamma * _c * _c;
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * n, n);
            Span<double> outRow = reduced.Slice(i * m, m);
            double pi = p[i];
            int j = 0;
            if (System.Numerics.Vector.IsHardwareAccelerated && m >= System.Numerics.Vector<double>.Count)
            {
                int width = System.Numerics.Vector<double>.Count;
                var piv = new System.Numerics.Vector<double>(pi);
                var bcv = new System.Numerics.Vector<double>(bc);
                var cornerv = new System.Numerics.Vector<double>(corner);
                for (; j + width <= m; j += width)
                {
                    var pj = new System.Numerics.Vector<double>(p.Slice(j, width));
                    var result = new System.Numerics.Vector<double>(row.Slice(j, width)) - (bcv * (piv + pj)) + cornerv;
                    result.CopyTo(outRow.Slice(j, width));
                }
            }
            for (; j < m; j++)
            {
                outRow[j] = row[j] - (bc * (pi + p[j])) + corner;
            }
        }
    }

    /// <summary>reduced ← (H b)[0..n−2] = Zᵀb.</summary>
    public void ReduceVector(ReadOnlySpan<double> b, Span<double> reduced)
    {
        int m = _n - 1;
        double vb = _last * b[m];
        for (int i = 0; i < m; i++)
        {
            vb += _c * b[i];
        }
        double shift = _beta * _c * vb;
        for (int i = 0; i < m; i++)
        {
            reduced[i] = b[i] - shift;
        }
    }

    /// <summary>x ← offset + Z y = offset + H (y; 0), for y of length n−1 and x of length n.</summary>
    public void Expand(ReadOnlySpan<double> y, double offset, Span<double> x)
    {
        int m = _n - 1;
        double sum = 0;
        for (int i = 0; i < m; i++)
        {
            sum += y[i];
        }
        double vy = _c * sum;
        double shift = _beta * vy;
        for (int i = 0; i < m; i++)
        {
            x[i] = offset + y[i] - (shift * _c);
        }
        x[m] = offset - (shift * _last);
    }
}

namespace ActiveAlignment.Numerics;

/// <summary>
/// The bordered system of one face, factorised once for many right-hand sides: A w + ν1 = r, 1ᵀw = σ, for the s×s matrix A of
/// the face, through w = σ/s·1 + Z y, (ZᵀAZ) y = Zᵀ(r − A σ/s·1), ν = mean(r − A w). Used where several systems share a face
/// (the coupled classes of a population); <see cref="BorderedSystem"/> is the allocation-free single-solve version.
/// </summary>
internal sealed class FaceSolver
{
    private readonly double[] _a;
    private readonly int _s;
    private readonly double[]? _lu;
    private readonly int[]? _pivots;
    private readonly SimplexFrame _frame;

    private FaceSolver(double[] a, int s, double[]? lu, int[]? pivots)
    {
        _a = a;
        _s = s;
        _lu = lu;
        _pivots = pivots;
        _frame = new SimplexFrame(Math.Max(s, 1));
    }

    public int Size => _s;

    /// <summary>Factorises the face; null when ZᵀAZ is numerically singular (reciprocal condition below 1e-12).</summary>
    public static FaceSolver? Create(double[] a, int s)
    {
        if (s == 1)
        {
            return new FaceSolver(a, 1, null, null);
        }
        int m = s - 1;
        var reduced = new double[m * m];
        var frame = new SimplexFrame(s);
        frame.ReduceMatrix(a, reduced, new double[s]);
        var scratch = new double[2 * s];
        double norm = DenseLu.Norm1(reduced, m, scratch);
        var pivots = new int[m];
        if (!DenseLu.Factor(reduced, m, pivots))
        {
            return null;
        }
        return DenseLu.ReciprocalCondition(reduced, m, pivots, norm, scratch) >= BorderedSystem.SingularThreshold
            ? new FaceSolver(a, s, reduced, pivots)
            : null;
    }

    /// <summary>Solves A w + ν1 = r, 1ᵀw = σ; writes w (length s) and returns ν.</summary>
    public double Solve(ReadOnlySpan<double> r, double sigma, Span<double> w)
    {
        int s = _s;
        double offset = sigma / s;
        if (s == 1)
        {
            w[0] = sigma;
            return r[0] - (_a[0] * sigma);
        }
        var rhs = new double[s];
        for (int i = 0; i < s; i++)
        {
            double rowSum = 0;
            for (int j = 0; j < s; j++)
            {
                rowSum += _a[(i * s) + j];
            }
            rhs[i] = r[i] - (rowSum * offset);
        }
        var y = new double[s - 1];
        _frame.ReduceVector(rhs, y);
        DenseLu.Solve(_lu!, s - 1, _pivots!, y);
        _frame.Expand(y, offset, w);
        double total = 0;
        for (int i = 0; i < s; i++)
        {
            double aw = 0;
            for (int j = 0; j < s; j++)
            {
                aw += _a[(i * s) + j] * w[j];
            }
            total += r[i] - aw;
        }
        return total / s;
    }
}

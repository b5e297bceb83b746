using ActiveAlignment.Numerics;

namespace ActiveAlignment.Steering;

/// <summary>R = Z (ZᵀMZ)⁻¹ Zᵀ of docs/model.md#steering for given coefficients, factorised once; each application costs O(K²).</summary>
internal sealed class Resolvent
{
    private readonly int _k;
    private readonly double[] _lu;
    private readonly int[] _pivots;
    private readonly SimplexFrame _frame;

    private Resolvent(int k, double[] lu, int[] pivots, double reciprocalCondition)
    {
        _k = k;
        _lu = lu;
        _pivots = pivots;
        _frame = new SimplexFrame(k);
        ReciprocalCondition = reciprocalCondition;
    }

    public double ReciprocalCondition { get; }

    /// <summary>Factorises ZᵀMZ; null when it is numerically singular.</summary>
    public static Resolvent? Create(ReadOnlySpan<double> m, int k)
    {
        int n = k - 1;
        var reduced = new double[n * n];
        new SimplexFrame(k).ReduceMatrix(m, reduced, new double[k]);
        var pivots = new int[n];
        var scratch = new double[2 * Math.Max(n, 1)];
        double norm = DenseLu.Norm1(reduced, n, scratch);
        if (!DenseLu.Factor(reduced, n, pivots))
        {
            return null;
        }
        double rcond = DenseLu.ReciprocalCondition(reduced, n, pivots, norm, scratch);
        return rcond >= BorderedSystem.SingularThreshold ? new Resolvent(k, reduced, pivots, rcond) : null;
    }

    /// <summary>result ← R v.</summary>
    public void Apply(ReadOnlySpan<double> v, Span<double> result)
    {
        var y = new double[_k - 1];
        _frame.ReduceVector(v, y);
        DenseLu.Solve(_lu, _k - 1, _pivots, y);
        _frame.Expand(y, 0.0, result);
    }

    public double[] Apply(ReadOnlySpan<double> v)
    {
        var result = new double[_k];
        Apply(v, result);
        return result;
    }
}

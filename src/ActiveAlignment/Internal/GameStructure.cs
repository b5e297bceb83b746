using ActiveAlignment.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Internal;

/// <summary>
/// Set-up work that depends only on C and S, shared by every copy of a game with other coefficients:
/// Ĉ = ZᵀCZ, Ŝ = ZᵀSZ and κ = λ_min(Ĉ) (MathNet symmetric eigendecomposition).
/// </summary>
internal sealed class GameStructure
{
    private readonly Lazy<(double[] C, double[] S)> _reduced;
    private readonly Lazy<double> _kappa;

    public GameStructure(SymmetricMatrix inconsistency, SymmetricMatrix similarity)
    {
        int k = inconsistency.Dimension;
        _reduced = new Lazy<(double[], double[])>(() => (Reduce(inconsistency), Reduce(similarity)));
        _kappa = new Lazy<double>(() =>
        {
            var m = Matrix<double>.Build.Dense(k - 1, k - 1, (i, j) => ReducedInconsistency[(i * (k - 1)) + j]);
            return m.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Real().Minimum();
        });
        KappaTolerance = 1e-12 * Math.Max(1.0, inconsistency.MaxAbs);
        Dimension = k;
    }

    public int Dimension { get; }

    /// <summary>ZᵀCZ, (K−1)×(K−1) row-major.</summary>
    public double[] ReducedInconsistency => _reduced.Value.C;

    /// <summary>ZᵀSZ, (K−1)×(K−1) row-major.</summary>
    public double[] ReducedSimilarity => _reduced.Value.S;

    public double Kappa => _kappa.Value;

    public double KappaTolerance { get; }

    private static double[] Reduce(SymmetricMatrix matrix)
    {
        int k = matrix.Dimension;
        var reduced = new double[(k - 1) * (k - 1)];
        new SimplexFrame(k).ReduceMatrix(matrix.AsSpan(), reduced, new double[k]);
        return reduced;
    }
}

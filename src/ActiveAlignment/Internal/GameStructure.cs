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
    private readonly Lazy<double> _fullKappa;
    private readonly Lazy<bool> _positiveSemidefinite;

    public GameStructure(SymmetricMatrix inconsistency, SymmetricMatrix similarity)
    {
        int k = inconsistency.Dimension;
        _reduced = new Lazy<(double[], double[])>(() => (Reduce(inconsistency), Reduce(similarity)));
        _kappa = new Lazy<double>(() =>
        {
            var reduced = ReducedInconsistency;
            return SymmetricEigen.MinEigenvalue((i, j) => reduced[(i * (k - 1)) + j], k - 1);
        });
        double max = inconsistency.MaxAbs, sum = 0;
        if (max > 0)
        {
            foreach (double c in inconsistency.AsSpan())
            {
                double r = c / max;
                sum += r * r;
            }
        }
        // Scale-invariant: relative to ‖C‖_F, no absolute floor (docs/model.md#tolerances).
        _fullKappa = new Lazy<double>(() =>
        {
            return SymmetricEigen.MinEigenvalue((i, j) => inconsistency[i, j], k);
        });
        _positiveSemidefinite = new Lazy<bool>(() => ProvePositiveSemidefinite(inconsistency));
        KappaTolerance = Tolerances.EigenvalueRelative * k * max * Math.Sqrt(sum);
        Dimension = k;
    }

    public int Dimension { get; }

    /// <summary>ZᵀCZ, (K−1)×(K−1) row-major.</summary>
    public double[] ReducedInconsistency => _reduced.Value.C;

    /// <summary>ZᵀSZ, (K−1)×(K−1) row-major.</summary>
    public double[] ReducedSimilarity => _reduced.Value.S;

    public double Kappa => _kappa.Value;

    /// <summary>λ_min(C) over the whole space (not only T); computed on first use, by the certificate of profiles off the simplex by rounding.</summary>
    public double FullKappa => _fullKappa.Value;

    /// <summary>The error bound on κ̂ (<see cref="Tolerances.EigenvalueRelative"/>); relative to ‖C‖_F, no floor.</summary>
    public double KappaTolerance { get; }

    /// <summary>
    /// True when C ⪰ 0 on the whole space is proved: with D the diagonal of powers of two nearest 1/√Cᵢᵢ, the equilibrated
    /// DCD (same inertia as C, by Sylvester's law) has λ_min above its error bound. Robust where one entry dwarfs the rest.
    /// </summary>
    public bool PositiveSemidefinite => _positiveSemidefinite.Value;

    private static bool ProvePositiveSemidefinite(SymmetricMatrix c)
    {
        int k = c.Dimension;
        var d = new double[k];
        for (int i = 0; i < k; i++)
        {
            double diagonal = c[i, i];
            if (diagonal < 0)
            {
                return false;
            }
            d[i] = diagonal > 0 ? Math.ScaleB(1.0, -(int)Math.Round(0.5 * Math.Log2(diagonal))) : 0.0;
        }
        for (int i = 0; i < k; i++)
        {
            if (d[i] == 0)
            {
                // A zero diagonal entry: PSD only if its row is zero too.
                for (int j = 0; j < k; j++)
                {
                    if (c[i, j] != 0 || c[j, i] != 0)
                    {
                        return false;
                    }
                }
            }
        }
        double frobenius = 0;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                double v = d[i] * c[i, j] * d[j];
                frobenius += v * v;
            }
        }
        double min = SymmetricEigen.MinEigenvalue((i, j) => d[i] * c[i, j] * d[j], k);
        return min >= Tolerances.EigenvalueRelative * k * Math.Sqrt(frobenius);
    }

    private static double[] Reduce(SymmetricMatrix matrix)
    {
        int k = matrix.Dimension;
        var reduced = new double[(k - 1) * (k - 1)];
        new SimplexFrame(k).ReduceMatrix(matrix.AsSpan(), reduced, new double[k]);
        return reduced;
    }
}

using ActiveAlignment.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Internal;

/// <summary>
/// Set-up work that depends only on C and S, shared by every copy of a game with other coefficients:
/// Ĉ = ZᵀCZ, Ŝ = ZᵀSZ and κ = λ_min(Ĉ) (cyclic Jacobi up to order 64, MathNet's symmetric eigendecomposition beyond),
/// with the proofs that replace κ where a bound is enough.
/// </summary>
internal sealed class GameStructure
{
    // Computed on first use and kept. Not Lazy<T>: five of them and their closures were a fifth of a game's allocation in a
    // batch. Each value is a pure function of C and S, so two threads that race compute the same value and either may be kept.
    private readonly SymmetricMatrix _inconsistency;
    private readonly SymmetricMatrix _similarity;
    private double[]? _reducedC;
    private double[]? _reducedS;
    private double _kappa, _fullKappa;
    private int _kappaState, _fullKappaState, _positiveSemidefinite; // 0 not yet computed; else 1 (true) or 2 (false)
    private int _kappaProof; // 0 not yet decided, 1 proved, 2 not proved by the shifted Cholesky factorisation

    public GameStructure(SymmetricMatrix inconsistency, SymmetricMatrix similarity)
    {
        int k = inconsistency.Dimension;
        _inconsistency = inconsistency;
        _similarity = similarity;
        SimilarityIsIdentity = similarity.IsIdentity;
        double max = inconsistency.MaxAbs, sum = 0;
        if (max > 0)
        {
            // ‖C‖_F/max, with the entries scaled by the power of two nearest 1/max (exact, and no division per entry).
            int exponent = Math.ILogB(max);
            double scale = Math.ScaleB(1.0, Math.Min(-exponent, 1000)); // 1/max would overflow for subnormal data
            sum = Kernels.SumOfSquares(inconsistency.AsSpan(), scale);
            sum *= (1.0 / scale / max) * (1.0 / scale / max);
        }
        // Scale-invariant: relative to ‖C‖_F, no absolute floor (docs/model.md#tolerances).
        KappaTolerance = Tolerances.EigenvalueRelative * k * max * Math.Sqrt(sum);
        Dimension = k;
    }

    /// <summary>
    /// True when κ ≥ the tolerance is proved by a shifted Cholesky factorisation of ZᵀCZ (O(K³/3), a fraction of an
    /// eigendecomposition); false means "not proved this way", and callers fall back to κ itself.
    /// </summary>
    public bool KappaProvedAboveTolerance
    {
        get
        {
            int proof = Volatile.Read(ref _kappaProof);
            if (proof == 0)
            {
                proof = Dimension > 1 && ProvesMinimumEigenvalueAtLeast(ReducedInconsistency, Dimension - 1, KappaTolerance) ? 1 : 2;
                Interlocked.CompareExchange(ref _kappaProof, proof, 0);
                proof = Volatile.Read(ref _kappaProof);
            }
            return proof == 1;
        }
    }

    /// <summary>
    /// Records that λ_min(Ĉ) ≥ <see cref="KappaTolerance"/> was proved another way (by a factorisation of αĈ − δI with
    /// δ/α above the tolerance, see <see cref="ShiftedFactorProvesKappa"/>), so that the proof need not be run again.
    /// </summary>
    public void RecordKappaProof() => Volatile.Write(ref _kappaProof, 1);

    /// <summary>Whether the proof of κ ≥ tolerance is already on record (by either route); for tests.</summary>
    internal bool KappaProofOnRecord => Volatile.Read(ref _kappaProof) == 1;

    /// <summary>
    /// Whether a completed floating-point Cholesky factorisation of A = fl(αĈ) − δI (α &gt; 0, δ ≥ 0, the diagonal of A
    /// given) proves λ_min(Ĉ) ≥ <see cref="KappaTolerance"/>. Demmel's bound gives λ_min(A) ≥ −c with c as in
    /// <see cref="ProvesMinimumEigenvalueAtLeast"/>; forming A from Ĉ adds at most e = 2u(n·α·max|Ĉ| + Σ|aᵢᵢ|) in the
    /// 2-norm; so λ_min(αĈ) ≥ δ − c − e, and the proof holds when (δ − c − e)/α ≥ the tolerance, with room for the
    /// rounding of this test.
    /// </summary>
    public bool ShiftedFactorProvesKappa(double alpha, double delta, ReadOnlySpan<double> diagonal)
    {
        if (!(alpha > 0) || !(delta > 0))
        {
            return false;
        }
        int n = Dimension - 1;
        double trace = 0;
        foreach (double d in diagonal)
        {
            trace += Math.Abs(d);
        }
        double gamma = Tolerances.Gamma(n + 1);
        double c = (gamma * trace * (1 + (4 * gamma))) + (4 * Tolerances.UnitRoundoff * trace);
        double e = 2 * Tolerances.UnitRoundoff * ((n * alpha * Kernels.MaxAbs(ReducedInconsistency)) + trace);
        double lower = (delta - c - e) * (1 - (8 * Tolerances.UnitRoundoff));
        return lower >= alpha * KappaTolerance * (1 + (8 * Tolerances.UnitRoundoff));
    }

    /// <summary>κ ≥ −tolerance (own concavity when λ_C &gt; 0): by the Cholesky proof when it succeeds, else by κ.</summary>
    public bool ConcaveOnSimplex => KappaProvedAboveTolerance || Kappa >= -KappaTolerance;

    /// <summary>
    /// Proves λ_min(A) ≥ σ for a symmetric n×n A (row-major) without an eigendecomposition: if the floating-point Cholesky
    /// factorisation of A − (σ + c)I completes with positive pivots, then A − (σ + c)I + ΔA ≻ 0 with
    /// ‖ΔA‖₂ ≤ γ_{n+1}·Σᵢ|ãᵢᵢ| (Demmel's componentwise bound |ΔA| ≤ γ_{n+1}|Rᵀ||R|, whose entries are at most
    /// γ_{n+1}√(ãᵢᵢãⱼⱼ)), so c = that bound, with room for the rounding of the shift, makes λ_min(A) ≥ σ. A false answer
    /// proves nothing.
    /// </summary>
    internal static bool ProvesMinimumEigenvalueAtLeast(ReadOnlySpan<double> a, int n, double sigma)
    {
        if (!(sigma >= 0) || n == 0)
        {
            return false;
        }
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            trace += Math.Abs(a[(i * n) + i]);
        }
        double gamma = Tolerances.Gamma(n + 1);
        double c = gamma * trace * (1 + (4 * gamma)) + (4 * Tolerances.UnitRoundoff * (trace + sigma));
        double shift = (sigma + c) * (1 + (4 * Tolerances.UnitRoundoff));
        if (!double.IsFinite(shift))
        {
            return false;
        }
        var work = new double[n * n];
        a[..(n * n)].CopyTo(work);
        return Cholesky.Factor(work, n, shift, 0.0);
    }

    public int Dimension { get; }

    /// <summary>ZᵀCZ, (K−1)×(K−1) row-major.</summary>
    public double[] ReducedInconsistency
    {
        get
        {
            var reduced = Volatile.Read(ref _reducedC);
            if (reduced is null)
            {
                reduced = Reduce(_inconsistency);
                Volatile.Write(ref _reducedC, reduced);
            }
            return reduced;
        }
    }

    /// <summary>ZᵀSZ, (K−1)×(K−1) row-major.</summary>
    public double[] ReducedSimilarity
    {
        get
        {
            var reduced = Volatile.Read(ref _reducedS);
            if (reduced is null)
            {
                reduced = _similarity.IsIdentity ? Identity(Dimension - 1) : Reduce(_similarity);
                Volatile.Write(ref _reducedS, reduced);
            }
            return reduced;
        }
    }

    /// <summary>S = I, so that ZᵀSZ = I exactly (callers may skip <see cref="ReducedSimilarity"/>).</summary>
    public bool SimilarityIsIdentity { get; }

    public double Kappa
    {
        get
        {
            if (Volatile.Read(ref _kappaState) == 0)
            {
                var reduced = ReducedInconsistency;
                int n = Dimension - 1;
                _kappa = SymmetricEigen.MinEigenvalue((i, j) => reduced[(i * n) + j], n);
                Volatile.Write(ref _kappaState, 1);
            }
            return _kappa;
        }
    }

    /// <summary>λ_min(C) over the whole space (not only T); computed on first use, by the certificate of profiles off the simplex by rounding.</summary>
    public double FullKappa
    {
        get
        {
            if (Volatile.Read(ref _fullKappaState) == 0)
            {
                var c = _inconsistency;
                _fullKappa = SymmetricEigen.MinEigenvalue((i, j) => c[i, j], Dimension);
                Volatile.Write(ref _fullKappaState, 1);
            }
            return _fullKappa;
        }
    }

    /// <summary>The error bound on κ̂ (<see cref="Tolerances.EigenvalueRelative"/>); relative to ‖C‖_F, no floor.</summary>
    public double KappaTolerance { get; }

    /// <summary>
    /// True when C ⪰ 0 on the whole space is proved: with D the diagonal of powers of two nearest 1/√Cᵢᵢ, the equilibrated
    /// DCD (same inertia as C, by Sylvester's law) has λ_min above its error bound. Robust where one entry dwarfs the rest.
    /// </summary>
    public bool PositiveSemidefinite
    {
        get
        {
            int state = Volatile.Read(ref _positiveSemidefinite);
            if (state == 0)
            {
                state = ProvePositiveSemidefinite(_inconsistency) ? 1 : 2;
                Volatile.Write(ref _positiveSemidefinite, state);
            }
            return state == 1;
        }
    }

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
        double threshold = Tolerances.EigenvalueRelative * k * Math.Sqrt(frobenius);
        var equilibrated = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                equilibrated[(i * k) + j] = d[i] * c[i, j] * d[j];
            }
        }
        if (ProvesMinimumEigenvalueAtLeast(equilibrated, k, threshold))
        {
            return true; // proved without an eigendecomposition
        }
        double min = SymmetricEigen.MinEigenvalue((i, j) => equilibrated[(i * k) + j], k);
        return min >= threshold;
    }

    /// <summary>ZᵀIZ = I exactly (Z has orthonormal columns): no rounding from reducing the identity.</summary>
    private static double[] Identity(int m)
    {
        var identity = new double[m * m];
        for (int i = 0; i < m; i++)
        {
            identity[(i * m) + i] = 1.0;
        }
        return identity;
    }

    private static double[] Reduce(SymmetricMatrix matrix)
    {
        int k = matrix.Dimension;
        var reduced = new double[(k - 1) * (k - 1)];
        new SimplexFrame(k).ReduceMatrix(matrix.AsSpan(), reduced, new double[k]);
        return reduced;
    }
}

using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;
using MathNet.Numerics.LinearAlgebra;

namespace ActiveAlignment.Learning;

/// <summary>How the homogeneous equilibrium's stability changes as diversity grows (<see cref="StabilityPath.AlongDiversity"/>).</summary>
public sealed class DiversityStability
{
    internal DiversityStability(StabilityReport today, double current, double? stableUpTo, IReadOnlyList<DiversityPiece> pieces, string reason)
    {
        Today = today;
        Current = current;
        StableUpTo = stableUpTo;
        Pieces = pieces;
        Reason = reason;
    }

    /// <summary>The stability of today's homogeneous equilibrium.</summary>
    public StabilityReport Today { get; }

    /// <summary>Today's λ_D.</summary>
    public double Current { get; }

    /// <summary>
    /// The largest λ_D ≥ today's up to which the homogeneous equilibrium stays stable along its path (face by face); null when it
    /// stays stable for every larger λ_D. When it is not stable today the interval is empty and this is today's λ_D.
    /// </summary>
    public double? StableUpTo { get; }

    /// <summary>The pieces of the path that were followed: each a face (support) on an interval of λ_D.</summary>
    public IReadOnlyList<DiversityPiece> Pieces { get; }

    /// <summary>One sentence: where and why stability ends.</summary>
    public string Reason { get; }

    /// <summary>The <see cref="Reason"/>.</summary>
    public override string ToString() => Reason;
}

/// <summary>A piece of the homogeneous equilibrium's path in λ_D on which its support is constant.</summary>
/// <param name="From">Start of the piece.</param>
/// <param name="To">End of the piece (+∞ for the last).</param>
/// <param name="Support">The support, as group indices.</param>
/// <param name="Label">The stability label on the piece's interior.</param>
public sealed record DiversityPiece(double From, double To, IReadOnlyList<int> Support, StabilityLabel Label);

/// <summary>
/// The stability of the homogeneous equilibrium along the diversity coefficient (docs/model.md#maps-and-steering). Along λ_D = t the
/// equilibrium moves on one face at a time; on a face J its weights and multiplier are rational functions of t, so the events
/// that can end a piece are roots of determinants of matrix pencils: a weight of J reaching 0, a group off J reaching the
/// multiplier, or a mode (A₊ or A₋ on the face) becoming singular. They are found as generalised eigenvalues (t = t₀ − 1/ξ for
/// the eigenvalues ξ of P(t₀)⁻¹P₁), like the breakpoints of the minimum diversity, so nothing between two events is skipped.
/// </summary>
public static class StabilityPath
{
    private const int MaxPieces = 1000;

    /// <summary>Follows the homogeneous equilibrium from today's λ_D upwards and reports where it stops being stable.</summary>
    /// <param name="game">The game.</param>
    /// <returns>Today's stability, <see cref="DiversityStability.StableUpTo"/> and the pieces followed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static DiversityStability AlongDiversity(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        double current = game.Coefficients.Diversity;
        var today = EquilibriumSolver.Solve(game);
        var stability = today.Stability;
        if (game.Agents == 1)
        {
            return new DiversityStability(stability, current, stability.IsStable ? null : current, [],
                "N = 1: diversity has no effect, so the stability does not change with λ_D");
        }
        if (!today.IsCertifiedEquilibrium || !stability.IsStable)
        {
            return new DiversityStability(stability, current, current, [], string.Create(CultureInfo.InvariantCulture,
                $"the homogeneous equilibrium is {Describe(today, stability)} at today's λ_D = {current:G6}, so there is no interval of stability above it"));
        }
        var pieces = new List<DiversityPiece>();
        double t = current;
        var support = today.Support;
        for (int piece = 0; piece < MaxPieces; piece++)
        {
            var events = Events(game, t, support);
            double next = double.PositiveInfinity;
            string kind = string.Empty;
            foreach (var (value, what) in events)
            {
                if (value > t && value < next)
                {
                    next = value;
                    kind = what;
                }
            }
            pieces.Add(new DiversityPiece(t, next, support, StabilityLabel.Stable));
            if (double.IsPositiveInfinity(next))
            {
                return new DiversityStability(stability, current, null, pieces, string.Create(CultureInfo.InvariantCulture,
                    $"stable for every λ_D ≥ {current:G6}: on its last face ({Names(game, support)}) no mode can lose definiteness and no group can enter or leave"));
            }
            // Beyond the event: the equilibrium there (its face may have changed) and its stability.
            double beyond = next + (1e-9 * next);
            var there = EquilibriumSolver.Solve(game.WithCoefficients(game.Coefficients.With(CoefficientAxis.Diversity, beyond)));
            if (!there.IsCertifiedEquilibrium || !there.Stability.IsStable)
            {
                return new DiversityStability(stability, current, next, pieces, string.Create(CultureInfo.InvariantCulture,
                    $"stable up to λ_D = {next:G6}, where {kind}; beyond it the homogeneous equilibrium is {Describe(there, there.Stability)}"));
            }
            t = next;
            support = there.Support;
        }
        return new DiversityStability(stability, current, t, pieces, string.Create(CultureInfo.InvariantCulture,
            $"stable up to at least λ_D = {t:G6} (the path was followed through {MaxPieces} faces)"));
    }

    private static string Describe(HomogeneousEquilibrium eq, StabilityReport stability) => !eq.IsCertifiedEquilibrium
        ? "not a certified equilibrium"
        : stability.Label switch
        {
            StabilityLabel.Unstable when stability.UnstableMode == "specialisation" => "unstable (agents specialise)",
            StabilityLabel.Unstable => "unstable",
            StabilityLabel.Degenerate => "degenerate",
            _ => "stable",
        };

    private static string Names(AlignmentGame game, IReadOnlyList<int> support) => string.Join(", ", support.Select(k => game.Subpopulations[k].Name));

    /// <summary>The candidate events on face J above t: mode losses, weights reaching 0, groups off J reaching ν.</summary>
    private static List<(double Value, string What)> Events(AlignmentGame game, double t0, IReadOnlyList<int> support)
    {
        var result = new List<(double, string)>();
        int k = game.Count, m = support.Count, n = game.Agents;
        double lc = game.Coefficients.Consistency, la = game.Coefficients.Attractiveness;
        var c = game.Inconsistency;
        var s = game.Similarity;
        // Modes on the face: A(t) = 2λ_C Ĉ_J ± (t or t/(N−1)) Ŝ_J, reduced by the face's orthonormal basis.
        if (m >= 2)
        {
            var frame = new Numerics.SimplexFrame(m);
            var cj = new double[m * m];
            var sj = new double[m * m];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    cj[(i * m) + j] = c[support[i], support[j]];
                    sj[(i * m) + j] = s[support[i], support[j]];
                }
            }
            var rc = new double[(m - 1) * (m - 1)];
            var rs = new double[(m - 1) * (m - 1)];
            frame.ReduceMatrix(cj, rc, new double[m]);
            frame.ReduceMatrix(sj, rs, new double[m]);
            int r = m - 1;
            foreach (var (factor, mode) in new[] { (1.0, "the common mode loses definiteness"), (-1.0 / (n - 1), "the specialisation mode loses definiteness (agents begin to specialise)") })
            {
                var a0 = Matrix<double>.Build.Dense(r, r, (i, j) => (2 * lc * rc[(i * r) + j]) + (factor * t0 * rs[(i * r) + j]));
                var a1 = Matrix<double>.Build.Dense(r, r, (i, j) => factor * rs[(i * r) + j]);
                foreach (double root in Roots(a0, a1, t0))
                {
                    result.Add((root, mode));
                }
            }
        }
        // The face's bordered system B(t) [w; ν] = [λ_A a_J; 1], B(t) = [M_JJ(t) 1; 1ᵀ 0], M(t) = 2λ_C C + tS.
        Matrix<double> Bordered(int size)
        {
            var b = Matrix<double>.Build.Dense(size, size);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    b[i, j] = (2 * lc * c[support[i], support[j]]) + (t0 * s[support[i], support[j]]);
                }
                b[i, m] = 1;
                b[m, i] = 1;
            }
            return b;
        }
        Matrix<double> BorderedSlope(int size)
        {
            var b = Matrix<double>.Build.Dense(size, size);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < m; j++)
                {
                    b[i, j] = s[support[i], support[j]];
                }
            }
            return b;
        }
        // w_q(t) = 0 for q in J: det of B(t) with column q replaced by the right-hand side (which does not depend on t).
        if (m >= 2)
        {
            for (int q = 0; q < m; q++)
            {
                var a0 = Bordered(m + 1);
                var a1 = BorderedSlope(m + 1);
                for (int i = 0; i < m; i++)
                {
                    a0[i, q] = la * game.Attractiveness[support[i]];
                    a1[i, q] = 0;
                }
                a0[m, q] = 1;
                a1[m, q] = 0;
                foreach (double root in Roots(a0, a1, t0))
                {
                    result.Add((root, $"{game.Subpopulations[support[q]].Name} leaves the support"));
                }
            }
        }
        // F_p(t) = ν(t) for p off J: y = λ_A a_p − M_pJ(t) w − ν solves the system bordered once more; its numerator determinant.
        var inSupport = new bool[k];
        foreach (int q in support)
        {
            inSupport[q] = true;
        }
        for (int p = 0; p < k; p++)
        {
            if (inSupport[p])
            {
                continue;
            }
            var a0 = Matrix<double>.Build.Dense(m + 2, m + 2);
            var a1 = Matrix<double>.Build.Dense(m + 2, m + 2);
            var b0 = Bordered(m + 1);
            var b1 = BorderedSlope(m + 1);
            for (int i = 0; i <= m; i++)
            {
                for (int j = 0; j <= m; j++)
                {
                    a0[i, j] = b0[i, j];
                    a1[i, j] = b1[i, j];
                }
            }
            for (int i = 0; i < m; i++)
            {
                a0[i, m + 1] = la * game.Attractiveness[support[i]];
                a0[m + 1, i] = (2 * lc * c[p, support[i]]) + (t0 * s[p, support[i]]);
                a1[m + 1, i] = s[p, support[i]];
            }
            a0[m, m + 1] = 1;
            a0[m + 1, m] = 1;
            a0[m + 1, m + 1] = la * game.Attractiveness[p];
            foreach (double root in Roots(a0, a1, t0))
            {
                result.Add((root, $"{game.Subpopulations[p].Name} enters the support"));
            }
        }
        return result;
    }

    /// <summary>The real t &gt; t₀ with det(A₀ + (t − t₀)A₁) = 0: t = t₀ − 1/ξ for the real eigenvalues ξ ≠ 0 of A₀⁻¹A₁.</summary>
    private static IEnumerable<double> Roots(Matrix<double> a0, Matrix<double> a1, double t0)
    {
        var lu = a0.LU();
        if (Math.Abs(lu.Determinant) == 0)
        {
            yield break;
        }
        var solved = lu.Solve(a1);
        if (!solved.ForAll(double.IsFinite))
        {
            yield break;
        }
        MathNet.Numerics.LinearAlgebra.Factorization.Evd<double> evd;
        try
        {
            evd = solved.Evd();
        }
        catch (Exception e) when (e is ArithmeticException or IndexOutOfRangeException or ArgumentException)
        {
            yield break;
        }
        foreach (var xi in evd.EigenValues)
        {
            double magnitude = xi.Magnitude;
            if (!(magnitude > 0) || Math.Abs(xi.Imaginary) > 1e-6 * magnitude)
            {
                continue;
            }
            double t = t0 - (1 / xi.Real);
            if (t > t0 && double.IsFinite(t))
            {
                yield return t;
            }
        }
    }
}

using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Learning;

/// <summary>Exact Gaussian elimination over the rationals, for the enumeration of every equilibrium.</summary>
internal static class ExactAlgebra
{
    /// <summary>The rational of a double's shortest round-trip decimal ("0.3" for 0.3): the input's decimal literal.</summary>
    public static Rational OfLiteral(double value)
        => Rational.TryParse(value.ToString("R", System.Globalization.CultureInfo.InvariantCulture), out var r) ? r : Rational.FromDouble(value);

    /// <summary>The inverse of an n×n matrix (row-major), or null when it is singular.</summary>
    public static Rational[]? Inverse(Rational[] a, int n)
    {
        var m = new Rational[n * 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[(i * 2 * n) + j] = a[(i * n) + j];
                m[(i * 2 * n) + n + j] = i == j ? Rational.One : Rational.Zero;
            }
        }
        var (rank, _) = Reduce(m, n, 2 * n, n);
        if (rank < n)
        {
            return null;
        }
        var inverse = new Rational[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                inverse[(i * n) + j] = m[(i * 2 * n) + n + j];
            }
        }
        return inverse;
    }

    /// <summary>Solves the n×n system A x = b; null when A is singular.</summary>
    public static Rational[]? Solve(Rational[] a, Rational[] b, int n)
    {
        var m = new Rational[n * (n + 1)];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                m[(i * (n + 1)) + j] = a[(i * n) + j];
            }
            m[(i * (n + 1)) + n] = b[i];
        }
        var (rank, _) = Reduce(m, n, n + 1, n);
        if (rank < n)
        {
            return null;
        }
        var x = new Rational[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = m[(i * (n + 1)) + n];
        }
        return x;
    }

    /// <summary>
    /// Reduced row echelon form in place of a rows×columns matrix, pivoting only in the first <paramref name="pivotColumns"/>
    /// columns. Returns the rank and the pivot column of each pivot row.
    /// </summary>
    public static (int Rank, int[] PivotColumns) Reduce(Rational[] m, int rows, int columns, int pivotColumns)
    {
        int rank = 0;
        var pivots = new List<int>();
        for (int col = 0; col < pivotColumns && rank < rows; col++)
        {
            int p = -1;
            for (int i = rank; i < rows; i++)
            {
                if (!m[(i * columns) + col].IsZero)
                {
                    p = i;
                    break;
                }
            }
            if (p < 0)
            {
                continue;
            }
            if (p != rank)
            {
                for (int j = 0; j < columns; j++)
                {
                    (m[(p * columns) + j], m[(rank * columns) + j]) = (m[(rank * columns) + j], m[(p * columns) + j]);
                }
            }
            var pivot = m[(rank * columns) + col];
            for (int j = col; j < columns; j++)
            {
                m[(rank * columns) + j] = m[(rank * columns) + j] / pivot;
            }
            for (int i = 0; i < rows; i++)
            {
                if (i == rank)
                {
                    continue;
                }
                var factor = m[(i * columns) + col];
                if (factor.IsZero)
                {
                    continue;
                }
                for (int j = col; j < columns; j++)
                {
                    var v = m[(rank * columns) + j];
                    if (!v.IsZero)
                    {
                        m[(i * columns) + j] = m[(i * columns) + j] - (factor * v);
                    }
                }
            }
            pivots.Add(col);
            rank++;
        }
        return (rank, pivots.ToArray());
    }

    /// <summary>
    /// The inertia question of a symmetric n×n rational matrix: +1 when it is positive definite, 0 when positive semidefinite
    /// and singular, −1 when it has a negative eigenvalue. Symmetric elimination with diagonal pivots (Sylvester's law of
    /// inertia): a semidefinite matrix's zero diagonal entry forces a zero row.
    /// </summary>
    public static int Definiteness(Rational[] a, int n)
    {
        var m = (Rational[])a.Clone();
        var active = Enumerable.Range(0, n).ToList();
        while (active.Count > 0)
        {
            int best = -1;
            foreach (int i in active)
            {
                var d = m[(i * n) + i];
                if (d.Sign < 0)
                {
                    return -1;
                }
                if (d.Sign > 0 && best < 0)
                {
                    best = i;
                }
            }
            if (best < 0)
            {
                // Every remaining diagonal entry is 0: semidefinite only if the remaining block is 0.
                foreach (int i in active)
                {
                    foreach (int j in active)
                    {
                        if (!m[(i * n) + j].IsZero)
                        {
                            return -1;
                        }
                    }
                }
                return 0;
            }
            var pivot = m[(best * n) + best];
            active.Remove(best);
            foreach (int i in active)
            {
                var factor = m[(i * n) + best] / pivot;
                if (factor.IsZero)
                {
                    continue;
                }
                foreach (int j in active)
                {
                    m[(i * n) + j] = m[(i * n) + j] - (factor * m[(best * n) + j]);
                }
            }
        }
        return 1;
    }
}

/// <summary>
/// A small dense linear programme over the rationals: maximise cᵀy subject to G y ≤ h with y free (every variable unbounded in
/// sign), by the two-phase simplex method on the tableau with Bland's rule (so it terminates). For the rare singular support
/// systems of the enumeration only; sizes are a few dozen.
/// </summary>
internal static class ExactLinearProgram
{
    /// <summary>The optimum and a maximiser; null when infeasible; (value, null) never; unbounded gives +∞ as a null value with the flag.</summary>
    public static (bool Feasible, bool Unbounded, Numerics.Exact.Rational Value, Numerics.Exact.Rational[]? Y) Maximise(
        Numerics.Exact.Rational[,] g, Numerics.Exact.Rational[] h, Numerics.Exact.Rational[] c)
    {
        int m = g.GetLength(0), n = g.GetLength(1);
        // Variables: y⁺ (n), y⁻ (n), slacks (m), artificials (one per row with h < 0). Equalities: G y⁺ − G y⁻ + s = h.
        var negative = Enumerable.Range(0, m).Where(i => h[i].Sign < 0).ToArray();
        int columns = (2 * n) + m + negative.Length;
        var t = new Numerics.Exact.Rational[m + 1, columns + 1];
        for (int i = 0; i <= m; i++)
        {
            for (int j = 0; j <= columns; j++)
            {
                t[i, j] = Numerics.Exact.Rational.Zero;
            }
        }
        var basis = new int[m];
        int artificial = 0;
        for (int i = 0; i < m; i++)
        {
            int sign = h[i].Sign < 0 ? -1 : 1;
            var f = new Numerics.Exact.Rational(sign, 1);
            for (int j = 0; j < n; j++)
            {
                t[i, j] = f * g[i, j];
                t[i, n + j] = -(f * g[i, j]);
            }
            t[i, (2 * n) + i] = f;
            t[i, columns] = f * h[i];
            if (sign < 0)
            {
                int a = (2 * n) + m + artificial++;
                t[i, a] = Numerics.Exact.Rational.One;
                basis[i] = a;
            }
            else
            {
                basis[i] = (2 * n) + i;
            }
        }
        int firstArtificial = (2 * n) + m;
        if (negative.Length > 0)
        {
            // Phase 1: maximise −Σ artificials.
            var objective = new Numerics.Exact.Rational[columns];
            for (int j = 0; j < columns; j++)
            {
                objective[j] = j >= firstArtificial ? -Numerics.Exact.Rational.One : Numerics.Exact.Rational.Zero;
            }
            if (!Run(t, basis, objective, m, columns, columns))
            {
                return (false, false, default, null);
            }
            var value = Numerics.Exact.Rational.Zero;
            for (int i = 0; i < m; i++)
            {
                if (basis[i] >= firstArtificial)
                {
                    value += t[i, columns];
                }
            }
            if (value.Sign != 0)
            {
                return (false, false, default, null);
            }
            // Drive remaining (zero) artificials out of the basis where possible.
            for (int i = 0; i < m; i++)
            {
                if (basis[i] < firstArtificial)
                {
                    continue;
                }
                for (int j = 0; j < firstArtificial; j++)
                {
                    if (!t[i, j].IsZero)
                    {
                        Pivot(t, basis, i, j, m, columns);
                        break;
                    }
                }
            }
        }
        var phase2 = new Numerics.Exact.Rational[columns];
        for (int j = 0; j < columns; j++)
        {
            phase2[j] = j < n ? c[j] : j < 2 * n ? -c[j - n] : Numerics.Exact.Rational.Zero;
        }
        if (!Run(t, basis, phase2, m, columns, firstArtificial))
        {
            return (true, true, default, null);
        }
        var x = new Numerics.Exact.Rational[columns];
        for (int j = 0; j < columns; j++)
        {
            x[j] = Numerics.Exact.Rational.Zero;
        }
        for (int i = 0; i < m; i++)
        {
            x[basis[i]] = t[i, columns];
        }
        var y = new Numerics.Exact.Rational[n];
        var best = Numerics.Exact.Rational.Zero;
        for (int j = 0; j < n; j++)
        {
            y[j] = x[j] - x[n + j];
            best += c[j] * y[j];
        }
        return (true, false, best, y);
    }

    /// <summary>Simplex iterations with Bland's rule on columns below <paramref name="allowed"/>; false when unbounded.</summary>
    private static bool Run(Numerics.Exact.Rational[,] t, int[] basis, Numerics.Exact.Rational[] objective, int m, int columns, int allowed)
    {
        while (true)
        {
            // Reduced costs: c_j − c_Bᵀ B⁻¹ A_j (the tableau already holds B⁻¹A).
            int entering = -1;
            for (int j = 0; j < allowed && entering < 0; j++)
            {
                if (basis.Contains(j))
                {
                    continue;
                }
                var reduced = objective[j];
                for (int i = 0; i < m; i++)
                {
                    if (!t[i, j].IsZero)
                    {
                        reduced -= objective[basis[i]] * t[i, j];
                    }
                }
                if (reduced.Sign > 0)
                {
                    entering = j;
                }
            }
            if (entering < 0)
            {
                return true;
            }
            int leaving = -1;
            Numerics.Exact.Rational ratio = default;
            for (int i = 0; i < m; i++)
            {
                if (t[i, entering].Sign > 0)
                {
                    var r = t[i, columns] / t[i, entering];
                    if (leaving < 0 || r < ratio || (r == ratio && basis[i] < basis[leaving]))
                    {
                        leaving = i;
                        ratio = r;
                    }
                }
            }
            if (leaving < 0)
            {
                return false;
            }
            Pivot(t, basis, leaving, entering, m, columns);
        }
    }

    private static void Pivot(Numerics.Exact.Rational[,] t, int[] basis, int row, int column, int m, int columns)
    {
        var p = t[row, column];
        for (int j = 0; j <= columns; j++)
        {
            t[row, j] = t[row, j] / p;
        }
        for (int i = 0; i < m; i++)
        {
            if (i == row || t[i, column].IsZero)
            {
                continue;
            }
            var f = t[i, column];
            for (int j = 0; j <= columns; j++)
            {
                if (!t[row, j].IsZero)
                {
                    t[i, j] = t[i, j] - (f * t[row, j]);
                }
            }
        }
        basis[row] = column;
    }
}

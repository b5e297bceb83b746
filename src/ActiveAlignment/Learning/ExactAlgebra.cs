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

namespace ActiveAlignment.Numerics.Exact;

/// <summary>Exact Gaussian elimination over the rationals.</summary>
internal static class RationalLinearAlgebra
{
    /// <summary>
    /// Solves the (rows × columns) system A x = b exactly. Returns the unique solution, or null when the system is
    /// inconsistent or its solution is not unique.
    /// </summary>
    public static Rational[]? SolveUnique(Rational[,] a, Rational[] b)
    {
        int rows = a.GetLength(0), columns = a.GetLength(1);
        var m = new Rational[rows, columns + 1];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                m[i, j] = a[i, j];
            }
            m[i, columns] = b[i];
        }
        int rank = 0;
        var pivotColumn = new int[Math.Min(rows, columns)];
        for (int j = 0; j < columns && rank < rows; j++)
        {
            int p = -1;
            for (int i = rank; i < rows; i++)
            {
                if (!m[i, j].IsZero)
                {
                    p = i;
                    break;
                }
            }
            if (p < 0)
            {
                continue;
            }
            for (int c = 0; c <= columns; c++)
            {
                (m[rank, c], m[p, c]) = (m[p, c], m[rank, c]);
            }
            var pivot = m[rank, j];
            for (int c = j; c <= columns; c++)
            {
                m[rank, c] /= pivot;
            }
            for (int i = 0; i < rows; i++)
            {
                if (i != rank && !m[i, j].IsZero)
                {
                    var factor = m[i, j];
                    for (int c = j; c <= columns; c++)
                    {
                        m[i, c] -= factor * m[rank, c];
                    }
                }
            }
            pivotColumn[rank] = j;
            rank++;
        }
        for (int i = rank; i < rows; i++)
        {
            if (!m[i, columns].IsZero)
            {
                return null; // inconsistent
            }
        }
        if (rank < columns)
        {
            return null; // not unique
        }
        var x = new Rational[columns];
        for (int r = 0; r < rank; r++)
        {
            x[pivotColumn[r]] = m[r, columns];
        }
        return x;
    }
}

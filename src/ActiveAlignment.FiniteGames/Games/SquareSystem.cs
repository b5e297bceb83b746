using System.Numerics;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>
/// The partner of a non-degenerate vertex x of P: the y with (A'y)ᵢ = 1 on x's support and yⱼ = 0 off its best responses,
/// solved by fraction-free Gauss–Jordan elimination in the same arithmetic as the enumeration, then checked against every
/// other constraint of Q exactly.
/// </summary>
/// <typeparam name="T">The integer type.</typeparam>
/// <typeparam name="TArithmetic">Its arithmetic.</typeparam>
internal sealed class SquareSystem<T, TArithmetic>
    where T : struct
    where TArithmetic : ITableauArithmetic<T>
{
    private readonly BigInteger[,] _m;
    private readonly BigInteger[] _b;
    private readonly T[] _mt;
    private readonly T[] _bt;
    private readonly int _rows;
    private readonly int _columns;
    private readonly WorkMeter _meter;
    private readonly int[] _support;
    private readonly int[] _responses;
    private T[] _table = [];

    /// <summary>Q as integers: (M y)ᵢ ≤ bᵢ, y ≥ 0.</summary>
    public SquareSystem(BigInteger[,] m, BigInteger[] b, WorkMeter meter)
    {
        _m = m;
        _b = b;
        _rows = m.GetLength(0);
        _columns = m.GetLength(1);
        _meter = meter;
        _mt = new T[_rows * _columns];
        _bt = new T[_rows];
        for (int i = 0; i < _rows; i++)
        {
            _bt[i] = TArithmetic.From(b[i]);
            for (int j = 0; j < _columns; j++)
            {
                _mt[(i * _columns) + j] = TArithmetic.From(m[i, j]);
            }
        }
        _support = new int[_rows];
        _responses = new int[_columns];
    }

    /// <summary>
    /// Solves for the partner of a vertex of P with exactly m tight constraints (bit i: xᵢ = 0; bit m + j: column j a best
    /// response).
    /// </summary>
    /// <param name="tight">P's tight set.</param>
    /// <param name="m">The row player's number of actions.</param>
    /// <param name="y">The partner, unnormalised; null when the unique solution is not in Q.</param>
    /// <returns>False when the system is singular (then Q's face may hold several vertices, or none).</returns>
    public bool Solve(UInt128 tight, int m, out Rational[]? y)
    {
        y = null;
        int s = 0, t = 0;
        for (int i = 0; i < m; i++)
        {
            if (((tight >> i) & UInt128.One) == UInt128.Zero)
            {
                _support[s++] = i;
            }
        }
        for (int j = 0; j < _columns; j++)
        {
            if (((tight >> (m + j)) & UInt128.One) != UInt128.Zero)
            {
                _responses[t++] = j;
            }
        }
        if (s != t)
        {
            return false;
        }
        int cols = s + 1;
        if (_table.Length < s * cols)
        {
            _table = new T[s * cols];
        }
        var table = _table.AsSpan(0, s * cols);
        for (int r = 0; r < s; r++)
        {
            for (int c = 0; c < s; c++)
            {
                table[(r * cols) + c] = _mt[(_support[r] * _columns) + _responses[c]];
            }
            table[(r * cols) + s] = _bt[_support[r]];
        }
        T determinant = TArithmetic.From(BigInteger.One);
        for (int k = 0; k < s; k++)
        {
            int pivot = k;
            while (pivot < s && TArithmetic.Sign(table[(pivot * cols) + k]) == 0)
            {
                pivot++;
            }
            if (pivot == s)
            {
                return false;
            }
            if (pivot != k)
            {
                for (int c = 0; c < cols; c++)
                {
                    (table[(k * cols) + c], table[(pivot * cols) + c]) = (table[(pivot * cols) + c], table[(k * cols) + c]);
                }
            }
            if (TArithmetic.Sign(table[(k * cols) + k]) < 0)
            {
                // Negating an equation keeps the solution and makes the pivot, hence every later divisor, positive.
                for (int c = 0; c < cols; c++)
                {
                    table[(k * cols) + c] = TArithmetic.Negate(table[(k * cols) + c]);
                }
            }
            T p = table[(k * cols) + k];
            if (!_meter.Add(TArithmetic.Pivot(table, cols, k, k, determinant)))
            {
                return true;
            }
            determinant = p;
        }
        // Now the real system is the identity with right-hand side table[·, s] / determinant.
        for (int r = 0; r < s; r++)
        {
            if (TArithmetic.Sign(table[(r * cols) + s]) < 0)
            {
                return true;
            }
        }
        var det = TArithmetic.ToBigInteger(determinant);
        var numerators = new BigInteger[_columns];
        for (int r = 0; r < s; r++)
        {
            numerators[_responses[r]] = TArithmetic.ToBigInteger(table[(r * cols) + s]);
        }
        for (int i = 0, next = 0; i < _rows; i++)
        {
            if (next < s && _support[next] == i)
            {
                next++;
                continue;
            }
            BigInteger sum = BigInteger.Zero;
            for (int r = 0; r < s; r++)
            {
                sum += _m[i, _responses[r]] * numerators[_responses[r]];
            }
            if (sum > _b[i] * det)
            {
                return true;
            }
        }
        y = new Rational[_columns];
        for (int j = 0; j < _columns; j++)
        {
            y[j] = new Rational(numerators[j], det);
        }
        return true;
    }
}

using System.Numerics;

namespace ActiveAlignment.Games;

/// <summary>
/// The vertices of a polytope {z ∈ ℝᵈ : z ≥ 0, M z ≤ b} with M ≥ 0 of full column support and b &gt; 0 (bounded, the origin a
/// vertex), by lexicographic reverse search (Avis and Fukuda; Avis's lrs): a depth-first walk of the tree that the simplex
/// method with Bland's rule, minimising Σz, draws on the lexicographically feasible bases, memory O(d·k) whatever the number
/// of vertices.
/// </summary>
/// <remarks>
/// <para>
/// Standard form: the slack variables sⱼ = bⱼ − (Mz)ⱼ are variables 0..k−1 and z₁..z_d are k..k+d−1, all non-negative. The
/// right-hand side is perturbed to b + (ε, ε², …, εᵏ) in slack order, which makes every basis met non-degenerate; a basis
/// is lexicographically feasible when every row of [B⁻¹b | B⁻¹] is lexicographically positive, B⁻¹'s columns being the slack
/// columns of the dictionary. The root is the all-slack basis (z = 0), the unique optimum of min Σz; the parent of any other
/// basis is the one Bland's rule pivots to, and the children are found by the reverse test without pivoting.
/// </para>
/// <para>
/// A degenerate vertex has several such bases; it is reported once, at the basis that is lexicographically least among all of
/// its bases (no exchange of a zero basic variable for a smaller cobasic one is possible). With the slacks numbered before the
/// coordinates that basis is itself lexicographically feasible, so every vertex is reported exactly once.
/// </para>
/// <para>
/// The tableau is integer and fraction-free: entries are the real tableau times the current determinant, a pivot divides
/// exactly by the previous pivot, and the determinant stays positive because every pivot element is.
/// </para>
/// </remarks>
/// <typeparam name="T">The integer type.</typeparam>
/// <typeparam name="TArithmetic">Its arithmetic.</typeparam>
internal sealed class ReverseSearch<T, TArithmetic>
    where T : struct
    where TArithmetic : ITableauArithmetic<T>
{
    private readonly int _k;
    private readonly int _d;
    private readonly int _variables;
    private readonly int _cols;
    private readonly T[] _table;
    private readonly T[] _column;
    private readonly int[] _basic;
    private readonly int[] _cobasic;
    private readonly int[] _rowOf;
    private readonly int[] _colOf;
    private readonly WorkMeter _meter;
    private readonly T _zero;
    private T _determinant;

    /// <summary>Sets up the root dictionary.</summary>
    /// <param name="m">M, k × d, integers ≥ 0, every column with a positive entry.</param>
    /// <param name="b">b, k positive integers.</param>
    /// <param name="meter">The work meter.</param>
    public ReverseSearch(BigInteger[,] m, BigInteger[] b, WorkMeter meter)
    {
        _k = m.GetLength(0);
        _d = m.GetLength(1);
        _variables = _k + _d;
        _cols = _d + 1;
        _meter = meter;
        // The dictionary keeps the right-hand side and the d cobasic columns only (a basic column is the determinant times a
        // unit vector), k constraint rows and the objective row: (k + 1) × (d + 1) entries, as lrs does.
        _table = new T[(_k + 1) * _cols];
        _column = new T[_k + 1];
        _basic = new int[_k];
        _cobasic = new int[_cols];
        _rowOf = new int[_variables];
        _colOf = new int[_variables];
        _zero = TArithmetic.From(BigInteger.Zero);
        for (int j = 0; j < _k; j++)
        {
            _table[j * _cols] = TArithmetic.From(b[j]);
            for (int i = 0; i < _d; i++)
            {
                _table[(j * _cols) + 1 + i] = TArithmetic.From(m[j, i]);
            }
            _basic[j] = j;
            _rowOf[j] = j;
            _colOf[j] = -1;
        }
        // The objective row: the reduced costs of min Σz (1 for every coordinate at the root).
        for (int i = 0; i < _d; i++)
        {
            _table[(_k * _cols) + 1 + i] = TArithmetic.From(BigInteger.One);
            _cobasic[1 + i] = _k + i;
            _rowOf[_k + i] = -1;
            _colOf[_k + i] = 1 + i;
        }
        _determinant = TArithmetic.From(BigInteger.One);
    }

    /// <summary>The dimension d.</summary>
    public int Dimension => _d;

    /// <summary>
    /// The constraints tight at the current vertex: bit i for zᵢ = 0 (i &lt; d), bit d + j for (Mz)ⱼ = bⱼ.
    /// </summary>
    public UInt128 Tight
    {
        get
        {
            UInt128 tight = UInt128.Zero;
            for (int v = 0; v < _variables; v++)
            {
                int row = _rowOf[v];
                if (row < 0 || TArithmetic.Sign(_table[row * _cols]) == 0)
                {
                    tight |= UInt128.One << (v < _k ? _d + v : v - _k);
                }
            }
            return tight;
        }
    }

    /// <summary>zᵢ times the common denominator <see cref="Denominator"/>.</summary>
    /// <param name="i">The coordinate.</param>
    /// <returns>The numerator.</returns>
    public BigInteger Numerator(int i)
    {
        int row = _rowOf[_k + i];
        return row < 0 ? BigInteger.Zero : TArithmetic.ToBigInteger(_table[row * _cols]);
    }

    /// <summary>The current determinant, positive: the denominator of every coordinate.</summary>
    public BigInteger Denominator => TArithmetic.ToBigInteger(_determinant);

    /// <summary>
    /// Walks every lexicographically feasible basis and calls <paramref name="vertex"/> once per vertex (the origin first).
    /// </summary>
    /// <param name="vertex">Called at each vertex; returning false stops the walk.</param>
    /// <returns>False when the walk was stopped, by the callback or by the work meter.</returns>
    public bool Run(Func<bool> vertex)
    {
        if (!vertex())
        {
            return false;
        }
        int depth = 0, j = 0;
        int objective = _k * _cols;
        while (true)
        {
            bool descended = false;
            for (; j < _variables; j++)
            {
                int c = _colOf[j];
                if (c < 0 || TArithmetic.Sign(_table[objective + c]) <= 0)
                {
                    continue;
                }
                int r = LeavingRow(c);
                if (!IsReverse(r, c, j))
                {
                    continue;
                }
                if (!Pivot(r, c))
                {
                    return false;
                }
                depth++;
                if (IsLexMin() && !vertex())
                {
                    return false;
                }
                j = 0;
                descended = true;
                break;
            }
            if (descended)
            {
                continue;
            }
            if (depth == 0)
            {
                return true;
            }
            // Back to the parent: Bland's rule (the least cobasic variable with a negative reduced cost enters).
            int u = 0;
            while (_colOf[u] < 0 || TArithmetic.Sign(_table[objective + _colOf[u]]) >= 0)
            {
                u++;
            }
            int back = LeavingRow(_colOf[u]);
            int left = _basic[back];
            if (!Pivot(back, _colOf[u]))
            {
                return false;
            }
            depth--;
            j = left + 1;
        }
    }

    /// <summary>The row that leaves when column s's variable enters: the lexicographic minimum ratio over rows with a positive entry.</summary>
    private int LeavingRow(int column)
    {
        int best = -1;
        for (int i = 0; i < _k; i++)
        {
            if (TArithmetic.Sign(_table[(i * _cols) + column]) > 0 && (best < 0 || LexicographicallyLess(i, best, column)))
            {
                best = i;
            }
        }
        if (best < 0)
        {
            throw new InvalidOperationException("unbounded direction in a bounded polytope");
        }
        return best;
    }

    /// <summary>The entry of row <paramref name="row"/> in the column of slack l (B⁻¹'s column l times the determinant).</summary>
    private T SlackEntry(int row, int l)
    {
        int c = _colOf[l];
        return c >= 0 ? _table[(row * _cols) + c] : _rowOf[l] == row ? _determinant : _zero;
    }

    /// <summary>Row i's ratio vector (rhs, then B⁻¹'s columns in slack order) over its entry in the column is less than row b's.</summary>
    private bool LexicographicallyLess(int i, int b, int column)
    {
        T ai = _table[(i * _cols) + column], ab = _table[(b * _cols) + column];
        for (int l = -1; l < _k; l++)
        {
            T xi = l < 0 ? _table[i * _cols] : SlackEntry(i, l);
            T xb = l < 0 ? _table[b * _cols] : SlackEntry(b, l);
            _meter.Add(TArithmetic.CompareWork);
            int sign = TArithmetic.CompareProducts(xi, ab, xb, ai);
            if (sign != 0)
            {
                return sign < 0;
            }
        }
        throw new InvalidOperationException("two rows of the basis inverse are proportional");
    }

    /// <summary>
    /// True when pivoting column s's variable (number <paramref name="entering"/>) in at row r reaches a basis whose Bland
    /// pivot leads back here: the leaving variable u would be the least cobasic variable with a negative reduced cost (every
    /// smaller cobasic w keeps a non-negative one).
    /// </summary>
    private bool IsReverse(int r, int s, int entering)
    {
        int u = _basic[r], objective = _k * _cols, row = r * _cols;
        T cs = _table[objective + s], ars = _table[row + s];
        for (int w = 0; w < u; w++)
        {
            int c = _colOf[w];
            if (c < 0 || w == entering)
            {
                continue;
            }
            T cw = _table[objective + c], arw = _table[row + c];
            _meter.Add(TArithmetic.CompareWork);
            if (TArithmetic.CompareProducts(cw, ars, cs, arw) < 0)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True when no zero basic variable can be exchanged for a smaller cobasic one: the vertex's least basis.</summary>
    private bool IsLexMin()
    {
        for (int i = 0; i < _k; i++)
        {
            int row = i * _cols;
            if (TArithmetic.Sign(_table[row]) != 0)
            {
                continue;
            }
            for (int w = 0; w < _basic[i]; w++)
            {
                int c = _colOf[w];
                if (c >= 0 && TArithmetic.Sign(_table[row + c]) != 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>
    /// Pivots column s's variable in at row r. The other columns follow the fraction-free rule; the leaving variable's column
    /// (the old determinant times a unit vector before) becomes the negated pivot column with the old determinant at row r.
    /// </summary>
    private bool Pivot(int r, int s)
    {
        T p = _table[(r * _cols) + s];
        for (int i = 0; i <= _k; i++)
        {
            _column[i] = _table[(i * _cols) + s];
        }
        long work = TArithmetic.Pivot(_table, _cols, r, s, _determinant);
        for (int i = 0; i <= _k; i++)
        {
            _table[(i * _cols) + s] = i == r ? _determinant : TArithmetic.Negate(_column[i]);
        }
        _determinant = p;
        int entering = _cobasic[s], leaving = _basic[r];
        _basic[r] = entering;
        _rowOf[entering] = r;
        _colOf[entering] = -1;
        _cobasic[s] = leaving;
        _rowOf[leaving] = -1;
        _colOf[leaving] = s;
        return _meter.Add(work);
    }
}

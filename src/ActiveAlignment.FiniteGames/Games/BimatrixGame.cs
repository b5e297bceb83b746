using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>A two-player game in normal form with named actions and exact payoffs (docs/finite-games.md#two-player-games).</summary>
public sealed class BimatrixGame
{
    private BimatrixGame(IReadOnlyList<string> players, IReadOnlyList<string> rowActions, IReadOnlyList<string> columnActions, Rational[,] a, Rational[,] b)
    {
        Players = players;
        RowActions = rowActions;
        ColumnActions = columnActions;
        RowPayoffs = a;
        ColumnPayoffs = b;
    }

    /// <summary>The two players' names (row, column).</summary>
    public IReadOnlyList<string> Players { get; }

    /// <summary>The row player's actions.</summary>
    public IReadOnlyList<string> RowActions { get; }

    /// <summary>The column player's actions.</summary>
    public IReadOnlyList<string> ColumnActions { get; }

    /// <summary>A: the row player's payoffs (a copy is not made: treat as read-only).</summary>
    public Rational[,] RowPayoffs { get; }

    /// <summary>B: the column player's payoffs.</summary>
    public Rational[,] ColumnPayoffs { get; }

    /// <summary>True when A + B = 0 (then <see cref="ZeroSumGame"/> applies).</summary>
    public bool IsZeroSum
    {
        get
        {
            for (int i = 0; i < RowActions.Count; i++)
            {
                for (int j = 0; j < ColumnActions.Count; j++)
                {
                    if (!(RowPayoffs[i, j] + ColumnPayoffs[i, j]).IsZero)
                    {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    /// <summary>Creates a game.</summary>
    /// <param name="rowActions">m ≥ 1 unique names.</param>
    /// <param name="columnActions">n ≥ 1 unique names.</param>
    /// <param name="rowPayoffs">A, m × n.</param>
    /// <param name="columnPayoffs">B, m × n.</param>
    /// <param name="players">The players' names; null for ("row", "column").</param>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">Sizes disagree or names repeat or are empty.</exception>
    public static BimatrixGame Create(IReadOnlyList<string> rowActions, IReadOnlyList<string> columnActions, Rational[,] rowPayoffs,
        Rational[,] columnPayoffs, IReadOnlyList<string>? players = null)
    {
        Preconditions.CheckNotNull(rowActions);
        Preconditions.CheckNotNull(columnActions);
        Preconditions.CheckNotNull(rowPayoffs);
        Preconditions.CheckNotNull(columnPayoffs);
        CheckNames(rowActions, nameof(rowActions));
        CheckNames(columnActions, nameof(columnActions));
        int m = rowActions.Count, n = columnActions.Count;
        foreach (var (matrix, name) in new[] { (rowPayoffs, nameof(rowPayoffs)), (columnPayoffs, nameof(columnPayoffs)) })
        {
            if (matrix.GetLength(0) != m || matrix.GetLength(1) != n)
            {
                Preconditions.ThrowArgument(name, $"{name} is {matrix.GetLength(0)}x{matrix.GetLength(1)}, expected {m}x{n} for {m} row and {n} column actions.");
            }
        }
        players ??= ["row", "column"];
        if (players.Count != 2)
        {
            Preconditions.ThrowArgument(nameof(players), $"players has {players.Count} names; a bimatrix game has 2 players.");
        }
        return new BimatrixGame(players.ToArray(), rowActions.ToArray(), columnActions.ToArray(), (Rational[,])rowPayoffs.Clone(), (Rational[,])columnPayoffs.Clone());
    }

    /// <summary>Creates a game from integer payoffs (convenience for the standard games).</summary>
    /// <param name="rowActions">Row action names.</param>
    /// <param name="columnActions">Column action names.</param>
    /// <param name="rowPayoffs">A.</param>
    /// <param name="columnPayoffs">B.</param>
    /// <exception cref="ArgumentException">See <see cref="Create(IReadOnlyList{string}, IReadOnlyList{string}, Rational[,], Rational[,], IReadOnlyList{string}?)"/>.</exception>
    public static BimatrixGame Create(IReadOnlyList<string> rowActions, IReadOnlyList<string> columnActions, long[,] rowPayoffs, long[,] columnPayoffs)
        => Create(rowActions, columnActions, Convert(rowPayoffs), Convert(columnPayoffs));

    private static Rational[,] Convert(long[,] values)
    {
        var r = new Rational[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
        {
            for (int j = 0; j < values.GetLength(1); j++)
            {
                r[i, j] = values[i, j];
            }
        }
        return r;
    }

    private static void CheckNames(IReadOnlyList<string> names, string parameter)
    {
        if (names.Count == 0)
        {
            Preconditions.ThrowArgument(parameter, $"{parameter} is empty; each player needs at least one action.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                Preconditions.ThrowArgument(parameter, $"{parameter}[{i}] is empty; every action needs a non-empty name.");
            }
            if (!seen.Add(names[i]))
            {
                Preconditions.ThrowArgument(parameter, $"{parameter}[{i}] \"{names[i]}\" repeats an earlier action; names must be unique.");
            }
        }
    }
}

/// <summary>A Nash equilibrium of a bimatrix game, exact.</summary>
/// <param name="RowStrategy">x.</param>
/// <param name="ColumnStrategy">y.</param>
/// <param name="RowPayoff">xᵀA y.</param>
/// <param name="ColumnPayoff">xᵀB y.</param>
/// <param name="Verified">Every pure deviation checked exactly: (A y)ᵢ ≤ xᵀAy and (xᵀB)ⱼ ≤ xᵀBy.</param>
public sealed record BimatrixEquilibrium(IReadOnlyList<Rational> RowStrategy, IReadOnlyList<Rational> ColumnStrategy, Rational RowPayoff,
    Rational ColumnPayoff, bool Verified)
{
    /// <summary>True when both strategies are pure.</summary>
    public bool IsPure => RowStrategy.Count(x => !x.IsZero) == 1 && ColumnStrategy.Count(y => !y.IsZero) == 1;
}

/// <summary>Every equilibrium found, with the degeneracy verdict.</summary>
/// <param name="Equilibria">Pure equilibria first, then mixed, each in enumeration order.</param>
/// <param name="Degenerate">True when some strategy in play (a pure strategy, or a found equilibrium's strategy) has more pure
/// best responses than its support size.</param>
/// <param name="Note">What the result covers (e.g. that equilibria may form components in a degenerate game).</param>
public sealed record BimatrixSolution(IReadOnlyList<BimatrixEquilibrium> Equilibria, bool Degenerate, string Note);

/// <summary>
/// Nash equilibria of bimatrix games by support enumeration (docs/finite-games.md#two-player-games), in exact rational arithmetic. For a non-degenerate
/// game every extreme equilibrium has supports of equal size and is found; in a degenerate game supports of unequal sizes are
/// enumerated too (unique solutions only), and the result says that equilibria may form components.
/// </summary>
public static class BimatrixSolver
{
    /// <summary>The largest number of actions per player accepted (support enumeration is exponential).</summary>
    public const int MaxActions = 14;

    /// <summary>Enumerates the equilibria.</summary>
    /// <param name="game">The game.</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException">A player has more than <see cref="MaxActions"/> actions.</exception>
    public static BimatrixSolution Solve(BimatrixGame game)
    {
        Preconditions.CheckNotNull(game);
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        if (m > MaxActions || n > MaxActions)
        {
            Preconditions.ThrowArgument(nameof(game), $"the game is {m}x{n}; support enumeration is limited to {MaxActions} actions per player.");
        }
        bool degenerate = PureStrategiesDegenerate(game);
        var found = new List<BimatrixEquilibrium>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Search(bool unequal)
        {
            for (int rowMask = 1; rowMask < (1 << m); rowMask++)
            {
                int[] rows = Bits(rowMask, m);
                for (int columnMask = 1; columnMask < (1 << n); columnMask++)
                {
                    int[] columns = Bits(columnMask, n);
                    if ((rows.Length == columns.Length) == unequal)
                    {
                        continue;
                    }
                    var eq = TrySupports(game, rows, columns);
                    if (eq is not null && seen.Add(Key(eq)))
                    {
                        found.Add(eq);
                        degenerate |= BestResponseCount(game, eq, row: true) > columns.Length || BestResponseCount(game, eq, row: false) > rows.Length;
                    }
                }
            }
        }
        Search(unequal: false);
        if (degenerate)
        {
            Search(unequal: true);
        }
        var ordered = found.Where(e => e.IsPure).Concat(found.Where(e => !e.IsPure)).ToList();
        string note = degenerate
            ? "degenerate game: supports of unequal sizes were enumerated too; equilibria may form components, of which the isolated and extreme ones found are listed"
            : "non-degenerate game: every equilibrium is listed (they are isolated, with supports of equal size)";
        return new BimatrixSolution(ordered, degenerate, note);
    }

    /// <summary>Checks a profile exactly: strategies on the simplex, and no pure deviation gains.</summary>
    /// <param name="game">The game.</param>
    /// <param name="x">The row strategy.</param>
    /// <param name="y">The column strategy.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static bool IsEquilibrium(BimatrixGame game, IReadOnlyList<Rational> x, IReadOnlyList<Rational> y)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        if (x.Count != m || y.Count != n || x.Any(v => v.Sign < 0) || y.Any(v => v.Sign < 0)
            || x.Aggregate(Rational.Zero, (s, v) => s + v) != Rational.One || y.Aggregate(Rational.Zero, (s, v) => s + v) != Rational.One)
        {
            return false;
        }
        var ay = RowValues(game, y);
        var xb = ColumnValues(game, x);
        Rational rowPayoff = Dot(x, ay), columnPayoff = Dot(y, xb);
        return ay.All(v => v <= rowPayoff) && xb.All(v => v <= columnPayoff);
    }

    private static BimatrixEquilibrium? TrySupports(BimatrixGame game, int[] rows, int[] columns)
    {
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        // y on the columns makes the row player indifferent on the rows: A[I,J] y_J − v = 0, Σ y_J = 1.
        var yJ = Indifference(game.RowPayoffs, rows, columns, transpose: false);
        if (yJ is null)
        {
            return null;
        }
        var xI = Indifference(game.ColumnPayoffs, columns, rows, transpose: true);
        if (xI is null)
        {
            return null;
        }
        var x = Enumerable.Repeat(Rational.Zero, m).ToArray();
        var y = Enumerable.Repeat(Rational.Zero, n).ToArray();
        for (int i = 0; i < rows.Length; i++)
        {
            if (xI[i].Sign <= 0)
            {
                return null;
            }
            x[rows[i]] = xI[i];
        }
        for (int j = 0; j < columns.Length; j++)
        {
            if (yJ[j].Sign <= 0)
            {
                return null;
            }
            y[columns[j]] = yJ[j];
        }
        if (!IsEquilibrium(game, x, y))
        {
            return null;
        }
        return new BimatrixEquilibrium(x, y, Dot(x, RowValues(game, y)), Dot(y, ColumnValues(game, x)), true);
    }

    /// <summary>
    /// The opponent's mixture on <paramref name="mixSupport"/> that makes the player indifferent among <paramref name="ownSupport"/>;
    /// payoff[own, mix] (or payoff[mix, own] when <paramref name="transpose"/>). Null unless the solution is unique.
    /// </summary>
    private static Rational[]? Indifference(Rational[,] payoff, int[] ownSupport, int[] mixSupport, bool transpose)
    {
        int equations = ownSupport.Length + 1, unknowns = mixSupport.Length + 1;
        var a = new Rational[equations, unknowns];
        var b = new Rational[equations];
        for (int r = 0; r < ownSupport.Length; r++)
        {
            for (int c = 0; c < mixSupport.Length; c++)
            {
                a[r, c] = transpose ? payoff[mixSupport[c], ownSupport[r]] : payoff[ownSupport[r], mixSupport[c]];
            }
            a[r, mixSupport.Length] = -1;
            b[r] = Rational.Zero;
        }
        for (int c = 0; c < mixSupport.Length; c++)
        {
            a[ownSupport.Length, c] = Rational.One;
        }
        a[ownSupport.Length, mixSupport.Length] = Rational.Zero;
        b[ownSupport.Length] = Rational.One;
        var solution = RationalLinearAlgebra.SolveUnique(a, b);
        return solution?[..mixSupport.Length];
    }

    private static bool PureStrategiesDegenerate(BimatrixGame game)
    {
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        for (int i = 0; i < m; i++)
        {
            var row = Enumerable.Range(0, n).Select(j => game.ColumnPayoffs[i, j]).ToList();
            var best = row.Aggregate(Rational.Max);
            if (row.Count(v => v == best) > 1)
            {
                return true;
            }
        }
        for (int j = 0; j < n; j++)
        {
            var column = Enumerable.Range(0, m).Select(i => game.RowPayoffs[i, j]).ToList();
            var best = column.Aggregate(Rational.Max);
            if (column.Count(v => v == best) > 1)
            {
                return true;
            }
        }
        return false;
    }

    private static int BestResponseCount(BimatrixGame game, BimatrixEquilibrium eq, bool row)
    {
        // row: how many pure column strategies are best responses to x; otherwise, how many rows are best responses to y.
        var values = row ? ColumnValues(game, eq.RowStrategy) : RowValues(game, eq.ColumnStrategy);
        var best = values.Aggregate(Rational.Max);
        return values.Count(v => v == best);
    }

    private static Rational[] RowValues(BimatrixGame game, IReadOnlyList<Rational> y)
    {
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        var values = new Rational[m];
        for (int i = 0; i < m; i++)
        {
            values[i] = Rational.Zero;
            for (int j = 0; j < n; j++)
            {
                if (!y[j].IsZero)
                {
                    values[i] += game.RowPayoffs[i, j] * y[j];
                }
            }
        }
        return values;
    }

    private static Rational[] ColumnValues(BimatrixGame game, IReadOnlyList<Rational> x)
    {
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        var values = new Rational[n];
        for (int j = 0; j < n; j++)
        {
            values[j] = Rational.Zero;
            for (int i = 0; i < m; i++)
            {
                if (!x[i].IsZero)
                {
                    values[j] += x[i] * game.ColumnPayoffs[i, j];
                }
            }
        }
        return values;
    }

    private static Rational Dot(IReadOnlyList<Rational> a, IReadOnlyList<Rational> b)
    {
        Rational s = Rational.Zero;
        for (int i = 0; i < a.Count; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    private static int[] Bits(int mask, int count) => Enumerable.Range(0, count).Where(i => (mask & (1 << i)) != 0).ToArray();

    private static string Key(BimatrixEquilibrium e) => string.Join(",", e.RowStrategy) + "|" + string.Join(",", e.ColumnStrategy);
}

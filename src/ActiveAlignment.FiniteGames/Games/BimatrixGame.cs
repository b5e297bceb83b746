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
        RowPayoffs = ReadOnlyMatrix<Rational>.Own(a);
        ColumnPayoffs = ReadOnlyMatrix<Rational>.Own(b);
    }

    /// <summary>The two players' names (row, column).</summary>
    public IReadOnlyList<string> Players { get; }

    /// <summary>The row player's actions.</summary>
    public IReadOnlyList<string> RowActions { get; }

    /// <summary>The column player's actions.</summary>
    public IReadOnlyList<string> ColumnActions { get; }

    /// <summary>A one-line summary: the players and their actions, e.g. <c>BimatrixGame(2 × 2: driver 1 [swerve, straight] × driver 2 [swerve, straight])</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"BimatrixGame({RowActions.Count} × {ColumnActions.Count}: {Players[0]} [{string.Join(", ", RowActions.Take(8))}{(RowActions.Count > 8 ? ", …" : "")}] × " +
           $"{Players[1]} [{string.Join(", ", ColumnActions.Take(8))}{(ColumnActions.Count > 8 ? ", …" : "")}])";

    /// <summary>A: the row player's payoffs, m × n.</summary>
    public ReadOnlyMatrix<Rational> RowPayoffs { get; }

    /// <summary>B: the column player's payoffs, m × n.</summary>
    public ReadOnlyMatrix<Rational> ColumnPayoffs { get; }

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

using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>The value and optimal strategies of a two-player zero-sum game, exact.</summary>
/// <param name="Value">The value: the row player's guaranteed payoff.</param>
/// <param name="RowStrategy">An optimal (maximin) strategy of the row player.</param>
/// <param name="ColumnStrategy">An optimal (minimax) strategy of the column player.</param>
/// <param name="IsCertified">True when min over columns of xᵀA = value = max over rows of A y, checked exactly.</param>
public sealed record ZeroSumSolution(Rational Value, IReadOnlyList<Rational> RowStrategy, IReadOnlyList<Rational> ColumnStrategy, bool IsCertified);

/// <summary>
/// Zero-sum games by linear programming (docs/finite-games.md#two-player-games): shift the payoffs to be positive, solve max 1ᵀy s.t. (A + s) y ≤ 1,
/// y ≥ 0 exactly; the value is 1/1ᵀy − s, the column strategy y/1ᵀy and the row strategy the normalised dual.
/// </summary>
public static class ZeroSumGame
{
    /// <summary>Solves the game with payoff matrix <paramref name="payoff"/> (row player's payoff).</summary>
    /// <param name="payoff">m × n, m, n ≥ 1.</param>
    /// <param name="solver">The LP solver; null for <see cref="ExactSimplexSolver"/>.</param>
    /// <returns>The value and optimal strategies, verified exactly.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="payoff"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is empty.</exception>
    public static ZeroSumSolution Solve(Rational[,] payoff, ILinearProgramSolver? solver = null)
    {
        Preconditions.CheckNotNull(payoff);
        int m = payoff.GetLength(0), n = payoff.GetLength(1);
        if (m == 0 || n == 0)
        {
            Preconditions.ThrowArgument(nameof(payoff), $"payoff is {m}x{n}; a game needs at least one action per player.");
        }
        solver ??= ExactSimplexSolver.Instance;
        Rational min = payoff[0, 0];
        foreach (var v in payoff)
        {
            min = Rational.Min(min, v);
        }
        Rational shift = Rational.One - min; // every shifted entry ≥ 1
        var a = new Rational[m, n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = payoff[i, j] + shift;
            }
        }
        var lp = new LinearProgram(a, Enumerable.Repeat(Rational.One, m).ToArray(), Enumerable.Repeat(Rational.One, n).ToArray());
        var solution = solver.Solve(lp);
        if (solution.Status != LinearProgramStatus.Optimal || !solution.IsCertifiedFor(lp))
        {
            throw new InvalidOperationException("the linear programme of a zero-sum game with positive payoffs is always bounded and feasible; the solver failed its certificate.");
        }
        var total = solution.Value; // 1ᵀy = 1ᵀx > 0
        var value = (Rational.One / total) - shift;
        var column = solution.X!.Select(v => v / total).ToArray();
        var row = solution.Y!.Select(v => v / total).ToArray();
        return new ZeroSumSolution(value, row, column, Verify(payoff, value, row, column));
    }

    private static bool Verify(Rational[,] payoff, Rational value, Rational[] row, Rational[] column)
    {
        int m = row.Length, n = column.Length;
        bool ok = row.All(x => x.Sign >= 0) && column.All(y => y.Sign >= 0)
            && row.Aggregate(Rational.Zero, (s, x) => s + x) == Rational.One && column.Aggregate(Rational.Zero, (s, y) => s + y) == Rational.One;
        for (int j = 0; j < n && ok; j++)
        {
            Rational guaranteed = Rational.Zero;
            for (int i = 0; i < m; i++)
            {
                guaranteed += row[i] * payoff[i, j];
            }
            ok &= guaranteed >= value;
        }
        for (int i = 0; i < m && ok; i++)
        {
            Rational conceded = Rational.Zero;
            for (int j = 0; j < n; j++)
            {
                conceded += payoff[i, j] * column[j];
            }
            ok &= conceded <= value;
        }
        return ok;
    }
}

using System.Globalization;
using System.Numerics;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Games;

/// <summary>An extreme Nash equilibrium of a bimatrix game, exact.</summary>
/// <param name="RowStrategy">x, the row player's mixed strategy.</param>
/// <param name="ColumnStrategy">y, the column player's mixed strategy.</param>
/// <param name="RowPayoff">xᵀAy.</param>
/// <param name="ColumnPayoff">xᵀBy.</param>
/// <param name="RowIndex">The index of x in <see cref="BimatrixSolution.RowStrategies"/>.</param>
/// <param name="ColumnIndex">The index of y in <see cref="BimatrixSolution.ColumnStrategies"/>.</param>
public sealed record BimatrixEquilibrium(IReadOnlyList<Rational> RowStrategy, IReadOnlyList<Rational> ColumnStrategy, Rational RowPayoff,
    Rational ColumnPayoff, int RowIndex, int ColumnIndex)
{
    /// <summary>True when both strategies are pure.</summary>
    public bool IsPure => RowStrategy.Count(x => !x.IsZero) == 1 && ColumnStrategy.Count(y => !y.IsZero) == 1;
}

/// <summary>
/// A maximal Nash subset: conv(X) × conv(Y) for a maximal set X of extreme row strategies and Y of extreme column strategies
/// every pair of which is an equilibrium; every point of it is a Nash equilibrium.
/// </summary>
/// <param name="RowStrategies">Indices into <see cref="BimatrixSolution.RowStrategies"/>, ascending.</param>
/// <param name="ColumnStrategies">Indices into <see cref="BimatrixSolution.ColumnStrategies"/>, ascending.</param>
public sealed record MaximalNashSubset(IReadOnlyList<int> RowStrategies, IReadOnlyList<int> ColumnStrategies)
{
    /// <summary>True when the subset is a single equilibrium (an isolated one unless another subset contains it).</summary>
    public bool IsSinglePoint => RowStrategies.Count == 1 && ColumnStrategies.Count == 1;
}

/// <summary>A connected component of the Nash equilibria: a union of maximal Nash subsets that share extreme equilibria.</summary>
/// <param name="Subsets">Its maximal Nash subsets.</param>
public sealed record NashComponent(IReadOnlyList<MaximalNashSubset> Subsets);

/// <summary>Whether the enumeration finished.</summary>
public enum BimatrixStatus
{
    /// <summary>Every extreme equilibrium and every maximal Nash subset is listed.</summary>
    Complete,

    /// <summary>The work budget (<see cref="BimatrixSolver.Solve(BimatrixGame, int)"/>) was exceeded; nothing is listed.</summary>
    BudgetExceeded,
}

/// <summary>The outcome of <see cref="BimatrixSolver.Solve(BimatrixGame, int)"/>.</summary>
/// <param name="Status">Complete, or the budget was exceeded.</param>
/// <param name="Equilibria">Every extreme Nash equilibrium: pure ones first (by row, then column action), then mixed.</param>
/// <param name="RowStrategies">The distinct extreme row strategies appearing in some equilibrium.</param>
/// <param name="ColumnStrategies">The distinct extreme column strategies appearing in some equilibrium.</param>
/// <param name="Components">The connected components, each a union of maximal Nash subsets.</param>
/// <param name="Degenerate">
/// True when some mixed strategy with support size k has more than k pure best responses (decided exactly: a vertex of a
/// best-response polytope with more tight constraints than its dimension).
/// </param>
/// <param name="IsVerified">True when every listed equilibrium passed an exact best-response check (computed, not assumed).</param>
/// <param name="Message">What went wrong when <see cref="Status"/> is not Complete; null otherwise.</param>
public sealed record BimatrixSolution(BimatrixStatus Status, IReadOnlyList<BimatrixEquilibrium> Equilibria,
    IReadOnlyList<IReadOnlyList<Rational>> RowStrategies, IReadOnlyList<IReadOnlyList<Rational>> ColumnStrategies,
    IReadOnlyList<NashComponent> Components, bool Degenerate, bool IsVerified, string? Message)
{
    /// <summary>True when the enumeration is complete and every equilibrium verified.</summary>
    public bool IsCertified => Status == BimatrixStatus.Complete && IsVerified;
}

/// <summary>
/// Every Nash equilibrium of a bimatrix game (docs/finite-games.md#bimatrix-games), exactly, degenerate or not. With the
/// payoffs shifted to be positive (which changes no best response), the extreme equilibria are the completely labelled pairs
/// (x, y) ≠ (0, 0) of vertices of the best-response polytopes P = {x ≥ 0 : Bᵀx ≤ 1} and Q = {y ≥ 0 : Ay ≤ 1}, normalised.
/// The vertices of P and then of Q are enumerated by lexicographic reverse search (Avis and Fukuda; the method of lrs) on an
/// integer, fraction-free dictionary, in 64-bit words, in 128-bit words when an entry outgrows them, and beyond that by the
/// double description method in big integers; memory does not grow with the number of vertices except in that last case.
/// A vertex with as many tight constraints as its dimension and a non-singular partner system has at most one partner,
/// solved for exactly; the other (degenerate) vertices are kept and matched by labels. The maximal Nash subsets are the
/// maximal bicliques of the compatibility graph between the extreme strategies (Galois-closed sets), and the components join
/// subsets that share an extreme equilibrium, as Gambit's enummixed reports cliques.
/// </summary>
public static class BimatrixSolver
{
    /// <summary>The largest number of actions per player (m + n + 1 tight-set bits must fit the 128-bit label sets).</summary>
    public const int MaxActions = 60;

    /// <summary>
    /// The default work budget: extreme equilibria, degenerate vertices kept for matching, and closed sets of the clique search,
    /// each (and rays, when the double description runs).
    /// </summary>
    public const int DefaultBudget = 200_000;

    /// <summary>
    /// The default bound on the arithmetic work of the vertex enumeration, in word operations of about 3 ns of one core each (a
    /// 64-bit dictionary entry updated counts 2, a 128-bit one 6, a comparison 1 or 3; in big integers a product of an a-word and a
    /// b-word integer counts a·b + 8, a reduction by the gcd the square of the size, each ray an adjacency test visits 1):
    /// about 2 to 3 minutes. A random 16 × 16 game with payoffs in [−9, 9] needs about 2·10⁸; an 8 × 8 game with 2,000-digit
    /// payoffs about 2·10⁹, although its vertices are few, which is what the bound is for.
    /// </summary>
    public const long DefaultWorkBound = 50_000_000_000;

    /// <summary>Enumerates every extreme equilibrium and the maximal Nash subsets.</summary>
    /// <param name="game">The game.</param>
    /// <param name="budget">
    /// The most extreme equilibria, maximal subsets and degenerate vertices (kept for matching) the enumeration may hold (≥ 1);
    /// beyond it the result has status <see cref="BimatrixStatus.BudgetExceeded"/> and memory stays bounded. The number of
    /// vertices walked is bounded by <see cref="DefaultWorkBound"/> instead: the walk holds one dictionary.
    /// </param>
    /// <returns>The solution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException">More than <see cref="MaxActions"/> actions for a player, or <paramref name="budget"/> &lt; 1.</exception>
    public static BimatrixSolution Solve(BimatrixGame game, int budget = DefaultBudget) => Solve(game, budget, DefaultWorkBound);

    /// <summary>Enumerates every extreme equilibrium and the maximal Nash subsets, within a bound on the arithmetic work.</summary>
    /// <param name="game">The game.</param>
    /// <param name="budget">The most extreme equilibria, maximal subsets and degenerate vertices, as for <see cref="Solve(BimatrixGame, int)"/>.</param>
    /// <param name="workBound">
    /// The most arithmetic work of the vertex enumeration, in word operations (see <see cref="DefaultWorkBound"/>; ≥ 1);
    /// beyond it the result has status <see cref="BimatrixStatus.BudgetExceeded"/>. Exact arithmetic on long payoffs grows
    /// with their digits, so a vertex count alone does not bound the time.
    /// </param>
    /// <returns>The solution.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException">More than <see cref="MaxActions"/> actions for a player, or a bound &lt; 1.</exception>
    public static BimatrixSolution Solve(BimatrixGame game, int budget, long workBound)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckAtLeast(budget, 1, nameof(budget));
        if (workBound < 1)
        {
            Preconditions.ThrowArgument(nameof(workBound), $"workBound = {workBound}; it must be at least 1.");
        }
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        if (m > MaxActions || n > MaxActions)
        {
            Preconditions.ThrowArgument(nameof(game), $"the game is {m}x{n}; the enumeration accepts at most {MaxActions} actions per player.");
        }
        // P: x ∈ ℝᵐ with x ≥ 0 (labels 0..m−1) and (B'ᵀx)ⱼ ≤ 1 (labels m+j). Q: y ∈ ℝⁿ with y ≥ 0 (labels m+j), (A'y)ᵢ ≤ 1 (labels i).
        var (mp, bp) = IntegerRows(Transposed(Shifted(game.ColumnPayoffs)));
        var (mq, bq) = IntegerRows(Shifted(game.RowPayoffs));
        var meter = new WorkMeter(workBound);
        // Hybrid arithmetic: reverse search in 64-bit words, again in 128-bit words when an entry outgrows them, and beyond
        // that (long payoffs, or minors of more than 38 digits) the double description in big integers, whose rays are reduced
        // by their gcd and whose operation count is lower; it is faster there although its memory grows with the vertices.
        Enumeration? enumeration = null;
        try
        {
            enumeration = Enumerate<long, Int64Arithmetic>(mp, bp, mq, bq, budget, meter);
        }
        catch (TableauOverflowException)
        {
            try
            {
                enumeration = Enumerate<Int128, Int128Arithmetic>(mp, bp, mq, bq, budget, meter);
            }
            catch (TableauOverflowException)
            {
                // Falls through to the double description.
            }
        }
        var solution = enumeration is null ? DoubleDescription(game, budget, meter)
            : enumeration.Exceeded is { } what ? Exceeded(budget, what)
            : Assemble(game, enumeration.Pairs, enumeration.Degenerate, budget);
        if (meter.Exceeded)
        {
            return new(BimatrixStatus.BudgetExceeded, [], [], [], [], false, false, string.Create(CultureInfo.InvariantCulture,
                $"the exact arithmetic of the vertex enumeration exceeded the work bound of {workBound.ToString("G3", CultureInfo.InvariantCulture).Replace("E+0", "e", StringComparison.Ordinal).Replace("E+", "e", StringComparison.Ordinal)} word operations (payoffs of {MaxDigits(game)} digits); raise it (--max-work) if the game is meant to be this hard"));
        }
        return solution;
    }

    /// <summary>
    /// The same answer by the double description method on both polytopes and a comparison of every pair of vertices (the
    /// enumeration before reverse search): an independent cross-check for the tests. Memory grows with the vertex count.
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="budget">The most rays, equilibria and subsets.</param>
    /// <returns>The solution.</returns>
    internal static BimatrixSolution SolveByDoubleDescription(BimatrixGame game, int budget = DefaultBudget)
        => DoubleDescription(game, budget, new WorkMeter(long.MaxValue));

    /// <summary>Reverse search in 128-bit arithmetic from the start, for the tests (null when even that overflows).</summary>
    /// <param name="game">The game.</param>
    /// <returns>The solution, or null.</returns>
    internal static BimatrixSolution? SolveIn128Bits(BimatrixGame game)
    {
        var (mp, bp) = IntegerRows(Transposed(Shifted(game.ColumnPayoffs)));
        var (mq, bq) = IntegerRows(Shifted(game.RowPayoffs));
        try
        {
            var e = Enumerate<Int128, Int128Arithmetic>(mp, bp, mq, bq, DefaultBudget, new WorkMeter(long.MaxValue));
            return Assemble(game, e.Pairs, e.Degenerate, DefaultBudget);
        }
        catch (TableauOverflowException)
        {
            return null;
        }
    }

    private static BimatrixSolution DoubleDescription(BimatrixGame game, int budget, WorkMeter meter)
    {
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        var p = Vertices(Transposed(Shifted(game.ColumnPayoffs)), m, n, budget, meter);
        var q = p is null ? null : Vertices(Shifted(game.RowPayoffs), n, m, budget, meter);
        if (p is null || q is null)
        {
            return Exceeded(budget, "vertices");
        }
        bool degenerate = false;
        var pVertices = new List<(Rational[] X, UInt128 Labels)>();
        foreach (var (x, tight) in p)
        {
            if (x.All(v => v.IsZero))
            {
                continue;
            }
            degenerate |= (int)UInt128.PopCount(tight) > m;
            pVertices.Add((x, tight));
        }
        var qVertices = new List<(Rational[] Y, UInt128 Labels)>();
        foreach (var (y, tight) in q)
        {
            if (y.All(v => v.IsZero))
            {
                continue;
            }
            degenerate |= (int)UInt128.PopCount(tight) > n;
            qVertices.Add((y, QLabels(tight, m, n)));
        }
        UInt128 all = (UInt128.One << (m + n)) - UInt128.One;
        var pairs = new List<(Rational[] X, Rational[] Y)>();
        foreach (var (x, lx) in pVertices)
        {
            foreach (var (y, ly) in qVertices)
            {
                if ((lx | ly) == all)
                {
                    pairs.Add((x, y));
                    if (pairs.Count > budget)
                    {
                        return Exceeded(budget, "extreme equilibria");
                    }
                }
            }
        }
        return Assemble(game, pairs, degenerate, budget);
    }

    /// <summary>Q's tight set (bit j for yⱼ = 0, bit n + i for (A'y)ᵢ = 1) as labels: m + j and i.</summary>
    private static UInt128 QLabels(UInt128 tight, int m, int n)
    {
        UInt128 labels = UInt128.Zero;
        for (int k = 0; k < n + m; k++)
        {
            if (((tight >> k) & UInt128.One) != UInt128.Zero)
            {
                labels |= UInt128.One << (k < n ? m + k : k - n);
            }
        }
        return labels;
    }

    /// <summary>The completely labelled pairs found, whether the game is degenerate, or what exceeded the budget.</summary>
    private sealed record Enumeration(List<(Rational[] X, Rational[] Y)> Pairs, bool Degenerate, string? Exceeded);

    /// <summary>
    /// Reverse search over the vertices of P and then of Q (memory independent of their number). A vertex is <i>regular</i>
    /// when it has exactly as many tight constraints as its dimension and the constraints its partner must make tight form a
    /// non-singular square system: then that system's unique solution, if it lies in the other polytope, is its only partner,
    /// and it is found there and then. An equilibrium with a regular end is found from that end; the pairs of irregular
    /// vertices of P and Q (degenerate ones, or with a singular system) are kept and matched by labels at the end, so memory
    /// grows only with the number of irregular vertices, none in a non-degenerate game with non-singular systems.
    /// </summary>
    private static Enumeration Enumerate<T, TArithmetic>(BigInteger[,] mp, BigInteger[] bp, BigInteger[,] mq, BigInteger[] bq, int budget, WorkMeter meter)
        where T : struct
        where TArithmetic : ITableauArithmetic<T>
    {
        int m = mp.GetLength(1), n = mq.GetLength(1);
        UInt128 all = (UInt128.One << (m + n)) - UInt128.One;
        var pairs = new List<(Rational[] X, Rational[] Y)>();
        var irregularP = new List<(Rational[] X, UInt128 Labels)>();
        var irregularQ = new List<(Rational[] Y, UInt128 Labels)>();
        bool degenerate = false;
        string? exceeded = null;

        // One walk per polytope; `partner` solves for the other player's strategy in the other polytope's integers.
        bool Walk(BigInteger[,] own, BigInteger[] ownB, BigInteger[,] other, BigInteger[] otherB, int d, bool isP)
        {
            var partner = new SquareSystem<T, TArithmetic>(other, otherB, meter);
            var walk = new ReverseSearch<T, TArithmetic>(own, ownB, meter);
            // Each vertex has at most one regular partner, so the pairs one walk finds are distinct: their count is a lower
            // bound on the number of extreme equilibria, and the budget can trip on it without waiting for the other walk.
            int found = 0;
            return walk.Run(() =>
            {
                var tight = walk.Tight;
                if (IsOrigin(tight, d))
                {
                    return true;
                }
                int labels = (int)UInt128.PopCount(tight);
                degenerate |= labels > d;
                if (labels == d && partner.Solve(tight, d, out var solution))
                {
                    if (solution is not null)
                    {
                        pairs.Add(isP ? (Point(walk), solution) : (solution, Point(walk)));
                        found++;
                    }
                }
                else if (isP)
                {
                    irregularP.Add((Point(walk), tight));
                }
                else
                {
                    irregularQ.Add((Point(walk), QLabels(tight, m, n)));
                }
                if (found > budget || irregularP.Count + irregularQ.Count > budget)
                {
                    exceeded = found > budget ? "extreme equilibria" : "degenerate vertices";
                    return false;
                }
                return true;
            });
        }

        if (!Walk(mp, bp, mq, bq, m, isP: true) || !Walk(mq, bq, mp, bp, n, isP: false))
        {
            return new(pairs, degenerate, meter.Exceeded ? null : exceeded ?? "vertices");
        }
        int matched = 0;
        foreach (var (x, lx) in irregularP)
        {
            foreach (var (y, ly) in irregularQ)
            {
                if ((lx | ly) == all)
                {
                    pairs.Add((x, y));
                    if (++matched > budget)
                    {
                        return new(pairs, degenerate, "extreme equilibria");
                    }
                }
            }
        }
        return new(pairs, degenerate, null);
    }

    /// <summary>True for the origin's tight set: every coordinate zero.</summary>
    private static bool IsOrigin(UInt128 tight, int d) => (tight & ((UInt128.One << d) - UInt128.One)) == (UInt128.One << d) - UInt128.One;

    private static Rational[] Point<T, TArithmetic>(ReverseSearch<T, TArithmetic> walk)
        where T : struct
        where TArithmetic : ITableauArithmetic<T>
    {
        var z = new Rational[walk.Dimension];
        var denominator = walk.Denominator;
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = new Rational(walk.Numerator(i), denominator);
        }
        return z;
    }

    /// <summary>Each row of a non-negative rational matrix times the lcm of its denominators, and those lcms: Mz ≤ 1 in integers.</summary>
    private static (BigInteger[,] M, BigInteger[] B) IntegerRows(Rational[,] matrix)
    {
        int k = matrix.GetLength(0), d = matrix.GetLength(1);
        var m = new BigInteger[k, d];
        var b = new BigInteger[k];
        for (int j = 0; j < k; j++)
        {
            BigInteger lcm = BigInteger.One;
            for (int i = 0; i < d; i++)
            {
                var den = matrix[j, i].Denominator;
                lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, den) * den;
            }
            for (int i = 0; i < d; i++)
            {
                m[j, i] = matrix[j, i].Numerator * (lcm / matrix[j, i].Denominator);
            }
            b[j] = lcm;
        }
        return (m, b);
    }

    /// <summary>
    /// The extreme equilibria and maximal Nash subsets from the completely labelled pairs: strategies normalised and
    /// deduplicated, equilibria in a canonical order (pure by action, then mixed by support and value) that does not depend
    /// on the enumeration, strategies numbered in that order.
    /// </summary>
    private static BimatrixSolution Assemble(BimatrixGame game, List<(Rational[] X, Rational[] Y)> pairs, bool degenerate, int budget)
    {
        var found = new Dictionary<string, (Rational[] X, Rational[] Y)>(StringComparer.Ordinal);
        foreach (var (x, y) in pairs)
        {
            var nx = Normalised(x);
            var ny = Normalised(y);
            found.TryAdd(string.Join(",", nx) + "|" + string.Join(",", ny), (nx, ny));
        }
        if (found.Count > budget)
        {
            return Exceeded(budget, "extreme equilibria");
        }
        var ordered = found.Values.OrderBy(e => e, CanonicalOrder.Instance).ToList();
        var rowIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var rowStrategies = new List<IReadOnlyList<Rational>>();
        var columnStrategies = new List<IReadOnlyList<Rational>>();
        var equilibria = new List<BimatrixEquilibrium>();
        var indexPairs = new List<(int Row, int Column)>();
        bool verified = true;
        foreach (var (x, y) in ordered)
        {
            string kx = string.Join(",", x), ky = string.Join(",", y);
            if (!rowIndex.TryGetValue(kx, out int r))
            {
                r = rowIndex[kx] = rowStrategies.Count;
                rowStrategies.Add(x);
            }
            if (!columnIndex.TryGetValue(ky, out int c))
            {
                c = columnIndex[ky] = columnStrategies.Count;
                columnStrategies.Add(y);
            }
            verified &= IsEquilibrium(game, x, y);
            equilibria.Add(new BimatrixEquilibrium(x, y, Dot(x, RowValues(game, y)), Dot(y, ColumnValues(game, x)), r, c));
            indexPairs.Add((r, c));
        }
        var components = Components(indexPairs, rowStrategies.Count, columnStrategies.Count, budget);
        if (components is null)
        {
            return Exceeded(budget, "maximal Nash subsets");
        }
        return new BimatrixSolution(BimatrixStatus.Complete, equilibria, rowStrategies, columnStrategies, components, degenerate, verified, null);
    }

    /// <summary>Pure equilibria first, by row then column action; then mixed ones by row support, column support and values.</summary>
    private sealed class CanonicalOrder : IComparer<(Rational[] X, Rational[] Y)>
    {
        public static readonly CanonicalOrder Instance = new();

        public int Compare((Rational[] X, Rational[] Y) a, (Rational[] X, Rational[] Y) b)
        {
            bool pa = IsPure(a.X) && IsPure(a.Y), pb = IsPure(b.X) && IsPure(b.Y);
            if (pa != pb)
            {
                return pa ? -1 : 1;
            }
            if (pa)
            {
                int byRow = PureIndex(a.X).CompareTo(PureIndex(b.X));
                return byRow != 0 ? byRow : PureIndex(a.Y).CompareTo(PureIndex(b.Y));
            }
            int c = string.CompareOrdinal(SupportKey(a.X), SupportKey(b.X));
            if (c == 0)
            {
                c = string.CompareOrdinal(SupportKey(a.Y), SupportKey(b.Y));
            }
            if (c == 0)
            {
                c = Lexicographic(a.X, b.X);
            }
            return c != 0 ? c : Lexicographic(a.Y, b.Y);
        }

        private static bool IsPure(Rational[] s) => s.Count(v => !v.IsZero) == 1;

        private static int Lexicographic(Rational[] a, Rational[] b)
        {
            for (int i = 0; i < a.Length; i++)
            {
                int c = a[i].CompareTo(b[i]);
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        }
    }

    private static BimatrixSolution Exceeded(int budget, string what) => new(BimatrixStatus.BudgetExceeded, [], [], [], [], false, false,
        $"the enumeration of {what} exceeded the budget of {budget}; raise it (--max-equilibria) if the game is meant to be this large");

    /// <summary>True when (x, y) is a Nash equilibrium, checked exactly: no pure deviation gains for either player.</summary>
    /// <param name="game">The game.</param>
    /// <param name="x">The row strategy (non-negative, summing to 1 exactly).</param>
    /// <param name="y">The column strategy.</param>
    /// <returns>True when both are best responses to each other; false for anything that is not a pair of mixed strategies.</returns>
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

    /// <summary>M − min(M) + 1: every entry ≥ 1, the same best responses.</summary>
    private static Rational[,] Shifted(ReadOnlyMatrix<Rational> matrix)
    {
        var min = matrix.Entries.Aggregate(Rational.Min);
        var result = new Rational[matrix.Rows, matrix.Columns];
        for (int i = 0; i < matrix.GetLength(0); i++)
        {
            for (int j = 0; j < matrix.GetLength(1); j++)
            {
                result[i, j] = matrix[i, j] - min + Rational.One;
            }
        }
        return result;
    }

    private static Rational[,] Transposed(Rational[,] matrix)
    {
        var result = new Rational[matrix.GetLength(1), matrix.GetLength(0)];
        for (int i = 0; i < matrix.GetLength(0); i++)
        {
            for (int j = 0; j < matrix.GetLength(1); j++)
            {
                result[j, i] = matrix[i, j];
            }
        }
        return result;
    }

    /// <summary>
    /// The vertices of {z ∈ ℝᵈ : z ≥ 0, M z ≤ 1} (M is k × d with positive entries, so the polytope is bounded), each with the
    /// set of its tight constraints (bit i for zᵢ = 0, bit d + j for (Mz)ⱼ = 1). Double description on the homogenised cone
    /// {(z, t) : z ≥ 0, t ≥ 0, t − (Mz)ⱼ ≥ 0} from the orthant's rays; null when the ray count exceeds the budget.
    /// </summary>
    private static List<(Rational[] Z, UInt128 Tight)>? Vertices(Rational[,] matrix, int d, int k, int budget, WorkMeter meter)
    {
        int dimension = d + 1;
        // Constraint rows as integer vectors over (z, t): zᵢ ≥ 0 (i < d), t ≥ 0 (index d), then t·L − (L·M)ⱼ z ≥ 0.
        var constraints = new List<BigInteger[]>();
        for (int i = 0; i <= d; i++)
        {
            var row = new BigInteger[dimension];
            row[i] = BigInteger.One;
            constraints.Add(row);
        }
        for (int j = 0; j < k; j++)
        {
            BigInteger lcm = BigInteger.One;
            for (int i = 0; i < d; i++)
            {
                var den = matrix[j, i].Denominator;
                lcm = lcm / BigInteger.GreatestCommonDivisor(lcm, den) * den;
            }
            var row = new BigInteger[dimension];
            for (int i = 0; i < d; i++)
            {
                row[i] = -(matrix[j, i].Numerator * (lcm / matrix[j, i].Denominator));
            }
            row[d] = lcm;
            constraints.Add(row);
        }
        // Start: the orthant's extreme rays eᵢ, tight on every coordinate constraint but their own.
        var rays = new List<(BigInteger[] R, UInt128 Zero)>();
        for (int i = 0; i <= d; i++)
        {
            var r = new BigInteger[dimension];
            r[i] = BigInteger.One;
            UInt128 zero = UInt128.Zero;
            for (int c = 0; c <= d; c++)
            {
                if (c != i)
                {
                    zero |= UInt128.One << c;
                }
            }
            rays.Add((r, zero));
        }
        for (int c = d + 1; c < constraints.Count; c++)
        {
            var a = constraints[c];
            var positive = new List<(BigInteger[] R, UInt128 Zero, BigInteger Value)>();
            var negative = new List<(BigInteger[] R, UInt128 Zero, BigInteger Value)>();
            var next = new List<(BigInteger[] R, UInt128 Zero)>();
            foreach (var (r, zero) in rays)
            {
                var value = DotProduct(a, r, meter);
                if (value.Sign > 0)
                {
                    positive.Add((r, zero, value));
                    next.Add((r, zero));
                }
                else if (value.Sign < 0)
                {
                    negative.Add((r, zero, value));
                }
                else
                {
                    next.Add((r, zero | (UInt128.One << c)));
                }
            }
            foreach (var (pr, pz, pv) in positive)
            {
                foreach (var (nr, nz, nv) in negative)
                {
                    UInt128 common = pz & nz;
                    if ((int)UInt128.PopCount(common) < dimension - 2)
                    {
                        continue;
                    }
                    bool adjacent = Adjacent(rays, common, pr, nr, out int visited);
                    if (!meter.Add(visited))
                    {
                        return null;
                    }
                    if (!adjacent)
                    {
                        continue;
                    }
                    var combined = new BigInteger[dimension];
                    long pw = WorkMeter.Words(pv), nw = WorkMeter.Words(nv), cost = 0;
                    for (int i = 0; i < dimension; i++)
                    {
                        combined[i] = (pv * nr[i]) - (nv * pr[i]);
                        long cw = WorkMeter.Words(combined[i]);
                        cost += (pw * WorkMeter.Words(nr[i])) + (nw * WorkMeter.Words(pr[i])) + (cw * cw) + WorkMeter.PerOperation;
                    }
                    if (!meter.Add(cost))
                    {
                        return null;
                    }
                    Reduce(combined);
                    next.Add((combined, common | (UInt128.One << c)));
                    if (next.Count > budget)
                    {
                        return null;
                    }
                }
            }
            rays = next;
        }
        var vertices = new List<(Rational[] Z, UInt128 Tight)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (r, zero) in rays)
        {
            if (r[d].Sign <= 0)
            {
                continue; // a ray with t = 0 would be a recession direction; the polytope is bounded, so none is a vertex
            }
            var z = new Rational[d];
            for (int i = 0; i < d; i++)
            {
                z[i] = new Rational(r[i], r[d]);
            }
            if (!seen.Add(string.Join(",", z)))
            {
                continue;
            }
            // Tight set without the t ≥ 0 bit (index d): z's labels are bits 0..d−1 and d+1.. (shifted down by one).
            UInt128 labels = zero & ((UInt128.One << d) - UInt128.One);
            labels |= (zero >> (d + 1)) << d;
            vertices.Add((z, labels));
        }
        return vertices;
    }

    /// <summary>The combinatorial adjacency test: no third ray is tight on every constraint both are tight on.</summary>
    private static bool Adjacent(List<(BigInteger[] R, UInt128 Zero)> rays, UInt128 common, BigInteger[] p, BigInteger[] n, out int visited)
    {
        for (visited = 0; visited < rays.Count; visited++)
        {
            var (r, zero) = rays[visited];
            if (!ReferenceEquals(r, p) && !ReferenceEquals(r, n) && (zero & common) == common)
            {
                visited++;
                return false;
            }
        }
        return true;
    }

    private static BigInteger DotProduct(BigInteger[] a, BigInteger[] b, WorkMeter meter)
    {
        BigInteger sum = BigInteger.Zero;
        long cost = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!a[i].IsZero && !b[i].IsZero)
            {
                sum += a[i] * b[i];
                cost += (WorkMeter.Words(a[i]) * WorkMeter.Words(b[i])) + WorkMeter.PerOperation;
            }
        }
        meter.Add(cost);
        return sum;
    }

    private static int MaxDigits(BimatrixGame game)
    {
        int digits = 0;
        foreach (var matrix in new[] { game.RowPayoffs, game.ColumnPayoffs })
        {
            foreach (var x in matrix.Entries)
            {
                digits = Math.Max(digits, Math.Max(BigInteger.Abs(x.Numerator).ToString(CultureInfo.InvariantCulture).Length,
                    x.Denominator.ToString(CultureInfo.InvariantCulture).Length));
            }
        }
        return digits;
    }

    private static void Reduce(BigInteger[] v)
    {
        BigInteger g = BigInteger.Zero;
        foreach (var x in v)
        {
            g = BigInteger.GreatestCommonDivisor(g, x);
        }
        if (g > BigInteger.One)
        {
            for (int i = 0; i < v.Length; i++)
            {
                v[i] /= g;
            }
        }
    }

    private static Rational[] Normalised(Rational[] v)
    {
        var sum = v.Aggregate(Rational.Zero, (s, x) => s + x);
        return v.Select(x => x / sum).ToArray();
    }

    /// <summary>
    /// Maximal Nash subsets from the compatible pairs: the Galois-closed column sets (intersections of neighbourhoods) with
    /// their row sets, then components by shared extreme equilibria (union–find). Null when the closed sets exceed the budget.
    /// </summary>
    private static List<NashComponent>? Components(List<(int Row, int Column)> pairs, int rows, int columns, int budget)
    {
        var neighbourhoods = new HashSet<int>[rows];
        for (int r = 0; r < rows; r++)
        {
            neighbourhoods[r] = [];
        }
        foreach (var (r, c) in pairs)
        {
            neighbourhoods[r].Add(c);
        }
        var closed = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        var queue = new Queue<SortedSet<int>>();
        void Offer(SortedSet<int> set)
        {
            if (set.Count > 0 && closed.TryAdd(string.Join(",", set), set))
            {
                queue.Enqueue(set);
            }
        }
        for (int r = 0; r < rows; r++)
        {
            Offer(new SortedSet<int>(neighbourhoods[r]));
        }
        var generators = closed.Values.ToList();
        while (queue.Count > 0)
        {
            var set = queue.Dequeue();
            foreach (var generator in generators)
            {
                var intersection = new SortedSet<int>(set);
                intersection.IntersectWith(generator);
                Offer(intersection);
                if (closed.Count > budget)
                {
                    return null;
                }
            }
        }
        var subsets = new List<MaximalNashSubset>();
        foreach (var columnSet in closed.Values)
        {
            var rowSet = Enumerable.Range(0, rows).Where(r => columnSet.IsSubsetOf(neighbourhoods[r])).ToList();
            // Galois-closed: the column set is exactly the common neighbourhood of its rows, so the biclique is maximal.
            subsets.Add(new MaximalNashSubset(rowSet, columnSet.ToList()));
        }
        subsets = subsets.OrderBy(s => s.RowStrategies[0]).ThenBy(s => s.ColumnStrategies[0]).ToList();
        var parent = Enumerable.Range(0, subsets.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        for (int i = 0; i < subsets.Count; i++)
        {
            for (int j = i + 1; j < subsets.Count; j++)
            {
                if (subsets[i].RowStrategies.Intersect(subsets[j].RowStrategies).Any()
                    && subsets[i].ColumnStrategies.Intersect(subsets[j].ColumnStrategies).Any())
                {
                    parent[Find(i)] = Find(j);
                }
            }
        }
        return Enumerable.Range(0, subsets.Count).GroupBy(Find).OrderBy(g => g.Min())
            .Select(g => new NashComponent(g.Select(i => subsets[i]).ToList())).ToList();
    }

    private static int PureIndex(IReadOnlyList<Rational> s)
    {
        for (int i = 0; i < s.Count; i++)
        {
            if (!s[i].IsZero)
            {
                return i;
            }
        }
        return -1;
    }

    private static string SupportKey(IReadOnlyList<Rational> s)
        => string.Concat(Enumerable.Range(0, s.Count).Select(i => s[i].IsZero ? '1' : '0'));

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

    private static Rational Dot(IReadOnlyList<Rational> a, Rational[] b)
    {
        Rational s = Rational.Zero;
        for (int i = 0; i < a.Count; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }
}

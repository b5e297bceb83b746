using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;
using CsCheck;

namespace ActiveAlignment.Tests.Games;

/// <summary>
/// Complete enumeration of extreme equilibria and maximal Nash subsets, degenerate or not, checked on games with known
/// answers (counts first) and against an independent brute-force reference on random small games.
/// </summary>
public class VertexEnumerationTests
{
    private static BimatrixGame Game(long[,] a, long[,] b)
        => BimatrixGame.Create(Enumerable.Range(0, a.GetLength(0)).Select(i => $"r{i}").ToArray(),
            Enumerable.Range(0, a.GetLength(1)).Select(j => $"c{j}").ToArray(), a, b);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Solve_CoordinationGame_Has2ToTheNMinus1IsolatedEquilibria(int n)
    {
        var identity = new long[n, n];
        for (int i = 0; i < n; i++)
        {
            identity[i, i] = 1;
        }
        var solution = BimatrixSolver.Solve(Game(identity, identity));
        solution.Equilibria.Should().HaveCount((1 << n) - 1);
        solution.Degenerate.Should().BeFalse();
        solution.Components.Should().HaveCount((1 << n) - 1);
        solution.IsCertified.Should().BeTrue();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(8)]
    [InlineData(14)]
    public void Solve_AllZeroGame_HasNSquaredExtremeEquilibriaInOneComponent(int n)
    {
        var zero = new long[n, n];
        var solution = BimatrixSolver.Solve(Game(zero, zero));
        solution.Equilibria.Should().HaveCount(n * n);
        solution.Equilibria.Should().OnlyContain(e => e.IsPure);
        solution.Components.Should().ContainSingle().Which.Subsets.Should().ContainSingle()
            .Which.Should().Match<MaximalNashSubset>(s => s.RowStrategies.Count == n && s.ColumnStrategies.Count == n);
        solution.Degenerate.Should().Be(n > 1);
    }

    [Fact]
    public void Solve_DegeneracyVisibleOnlyAtAMixedStrategy_IsDetectedAndTheSegmentListed()
    {
        // Against the row mix ½/½ of the first two rows, all three columns are best responses; no pure strategy shows it.
        var a = new long[,] { { 3, 0, 1 }, { 0, 3, 1 }, { 0, 0, 0 }, { 1, 1, 0 } };
        var b = new long[,] { { 2, 0, 1 }, { 0, 2, 1 }, { 0, 0, 3 }, { 0, 0, 0 } };
        var game = Game(a, b);
        var solution = BimatrixSolver.Solve(game);
        solution.Degenerate.Should().BeTrue();
        solution.Equilibria.Should().NotBeEmpty("Nash's theorem: every finite game has an equilibrium");
        solution.Equilibria.Should().OnlyContain(e => BimatrixSolver.IsEquilibrium(game, e.RowStrategy, e.ColumnStrategy));
        ReferenceExtremeEquilibria(game).Should().BeEquivalentTo(Keys(solution));
    }

    [Fact]
    public void Solve_ColumnIndifferentAgainstTheTopRow_ListsTheSegmentEndpoints()
    {
        // Row player: T gives 1 whatever the column; B gives 0 or 2. Column player is indifferent after T.
        var game = Game(new long[,] { { 1, 1 }, { 0, 2 } }, new long[,] { { 1, 1 }, { 0, 2 } });
        var solution = BimatrixSolver.Solve(game);
        ReferenceExtremeEquilibria(game).Should().BeEquivalentTo(Keys(solution));
        // (T, L) and (T, ½L + ½R) bound the segment {T} × [L, ½L+½R]; (B, R) is isolated.
        solution.Equilibria.Should().Contain(e => e.RowStrategy[0] == Rational.One && e.ColumnStrategy[0] == new Rational(1, 2));
        solution.Components.Should().HaveCount(2);
    }

    [Fact]
    public void Solve_RandomDegenerateGames_MatchAnIndependentBruteForceReference()
    {
        // Payoffs from {0, 1, 2}: ties everywhere, so most of these games are degenerate.
        Gen.Select(Gen.Int[1, 4], Gen.Int[1, 4], Gen.Int[0, int.MaxValue]).Sample((m, n, seed) =>
        {
            var rng = new Random(seed);
            var a = new long[m, n];
            var b = new long[m, n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[i, j] = rng.Next(3);
                    b[i, j] = rng.Next(3);
                }
            }
            var game = Game(a, b);
            var solution = BimatrixSolver.Solve(game);
            solution.IsCertified.Should().BeTrue();
            Keys(solution).Should().BeEquivalentTo(ReferenceExtremeEquilibria(game), $"seed {seed}, {m}x{n}");
            // Every pair inside a maximal Nash subset is an equilibrium (its convex hull is, by bilinearity).
            foreach (var subset in solution.Components.SelectMany(c => c.Subsets))
            {
                foreach (int r in subset.RowStrategies)
                {
                    foreach (int c in subset.ColumnStrategies)
                    {
                        BimatrixSolver.IsEquilibrium(game, solution.RowStrategies[r], solution.ColumnStrategies[c]).Should().BeTrue();
                    }
                }
            }
        }, iter: 300);
    }

    /// <summary>The answer of <see cref="BimatrixSolver.Solve(BimatrixGame, int)"/> in a form that ignores numbering: equilibria, subsets as sets of strategy pairs, degeneracy.</summary>
    private static (bool Degenerate, HashSet<string> Equilibria, HashSet<string> Subsets) Shape(BimatrixSolution s)
        => (s.Degenerate, Keys(s), s.Components.SelectMany(c => c.Subsets).Select(b =>
                string.Join(";", b.RowStrategies.Select(r => string.Join(",", s.RowStrategies[r])).Order(StringComparer.Ordinal)) + "×" +
                string.Join(";", b.ColumnStrategies.Select(c => string.Join(",", s.ColumnStrategies[c])).Order(StringComparer.Ordinal)))
            .ToHashSet());

    private static void ShouldAgreeWithDoubleDescription(BimatrixGame game, string because)
    {
        var reference = BimatrixSolver.SolveByDoubleDescription(game);
        var (d2, e2, s2) = Shape(reference);
        // The solver's own choice of arithmetic, and 128-bit words from the start (when the minors fit them).
        foreach (var reverse in new[] { BimatrixSolver.Solve(game), BimatrixSolver.SolveIn128Bits(game) })
        {
            if (reverse is null)
            {
                continue;
            }
            reverse.IsCertified.Should().BeTrue(because);
            var (d1, e1, s1) = Shape(reverse);
            e1.Should().BeEquivalentTo(e2, because);
            s1.Should().BeEquivalentTo(s2, because);
            d1.Should().Be(d2, because);
        }
    }

    [Theory]
    [InlineData(3, 7)] // payoffs in {0, 1, 2}: ties everywhere, degenerate vertices and singular systems
    [InlineData(19, 8)] // payoffs in [−9, 9]: mostly non-degenerate
    public void Reverse_search_agrees_with_the_double_description_on_random_games(int values, int maxActions)
    {
        Gen.Select(Gen.Int[1, maxActions], Gen.Int[1, maxActions], Gen.Int[0, int.MaxValue]).Sample((m, n, seed) =>
        {
            var rng = new Random(seed);
            var a = new long[m, n];
            var b = new long[m, n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[i, j] = rng.Next(values) - (values / 2);
                    b[i, j] = rng.Next(values) - (values / 2);
                }
            }
            ShouldAgreeWithDoubleDescription(Game(a, b), $"seed {seed}, {m}x{n}, {values} values");
        }, iter: 150);
    }

    [Fact]
    public void Reverse_search_agrees_with_the_double_description_in_big_integers_and_rationals()
    {
        // Payoffs of 25 digits do not fit 64-bit tableau entries, and payoffs of 8 digits fit but their minors outgrow them
        // part-way (either way the enumeration starts again in big integers); fractions with
        // unrelated denominators exercise the rows' scaling to integers; a duplicated row and a duplicated column make the
        // polytopes degenerate.
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 5], Gen.Int[0, int.MaxValue]).Sample((m, n, seed) =>
        {
            var rng = new Random(seed);
            var big = System.Numerics.BigInteger.Pow(10, seed % 4 == 0 ? 24 : 7);
            var a = new Rational[m + 1, n + 1];
            var b = new Rational[m + 1, n + 1];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[i, j] = seed % 2 == 0 ? new Rational(big * rng.Next(-9, 10) + rng.Next(1000), 1) : new Rational(rng.Next(-20, 21), rng.Next(1, 12));
                    b[i, j] = seed % 2 == 0 ? new Rational(big * rng.Next(-9, 10) + rng.Next(1000), 1) : new Rational(rng.Next(-20, 21), rng.Next(1, 12));
                }
                a[i, n] = a[i, 0];
                b[i, n] = b[i, 0];
            }
            for (int j = 0; j <= n; j++)
            {
                a[m, j] = a[0, j];
                b[m, j] = b[0, j];
            }
            var game = BimatrixGame.Create(Enumerable.Range(0, m + 1).Select(i => $"r{i}").ToArray(),
                Enumerable.Range(0, n + 1).Select(j => $"c{j}").ToArray(), a, b);
            ShouldAgreeWithDoubleDescription(game, $"seed {seed}, {m + 1}x{n + 1}");
        }, iter: 80);
    }

    [Fact]
    public void Equilibria_are_listed_in_a_canonical_order_that_does_not_depend_on_the_enumeration()
    {
        var rng = new Random(11);
        var a = new long[6, 6];
        var b = new long[6, 6];
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                a[i, j] = rng.Next(3);
                b[i, j] = rng.Next(3);
            }
        }
        var game = Game(a, b);
        var reverse = BimatrixSolver.Solve(game);
        var reference = BimatrixSolver.SolveByDoubleDescription(game);
        reverse.Equilibria.Select(e => string.Join(",", e.RowStrategy) + "|" + string.Join(",", e.ColumnStrategy))
            .Should().Equal(reference.Equilibria.Select(e => string.Join(",", e.RowStrategy) + "|" + string.Join(",", e.ColumnStrategy)));
        reverse.RowStrategies.Select(x => string.Join(",", x)).Should().Equal(reference.RowStrategies.Select(x => string.Join(",", x)));
        reverse.Components.Select(c => c.ToString()).Should().Equal(reference.Components.Select(c => c.ToString()));
    }

    [Fact]
    public void Solve_TinyBudget_ReportsBudgetExceeded()
    {
        var zero = new long[6, 6];
        var solution = BimatrixSolver.Solve(Game(zero, zero), budget: 5);
        solution.Status.Should().Be(BimatrixStatus.BudgetExceeded);
        solution.IsCertified.Should().BeFalse();
        solution.Message.Should().Contain("budget of 5");
    }

    [Fact]
    public void Long_payoffs_exhaust_the_work_bound_before_the_ray_count_and_a_bound_that_suffices_changes_nothing()
    {
        // A 5 × 5 game with 1,500-digit payoffs: few rays, but every one of them is thousands of digits long.
        var random = new Random(7);
        Rational Big() => new(System.Numerics.BigInteger.Parse(string.Concat(Enumerable.Range(0, 1500).Select(i => (char)('0' + (i == 0 ? random.Next(1, 10) : random.Next(10))))), System.Globalization.CultureInfo.InvariantCulture), 1);
        var a = new Rational[5, 5];
        var b = new Rational[5, 5];
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                a[i, j] = Big();
                b[i, j] = Big();
            }
        }
        var game = BimatrixGame.Create(["r0", "r1", "r2", "r3", "r4"], ["c0", "c1", "c2", "c3", "c4"], a, b);

        var stopped = BimatrixSolver.Solve(game, BimatrixSolver.DefaultBudget, workBound: 1_000_000);
        stopped.Status.Should().Be(BimatrixStatus.BudgetExceeded);
        stopped.Equilibria.Should().BeEmpty();
        stopped.Message.Should().Contain("work bound of 1e6 word operations (payoffs of 1500 digits)");

        var full = BimatrixSolver.Solve(game);
        full.IsCertified.Should().BeTrue();
        Keys(full).Should().BeEquivalentTo(Keys(BimatrixSolver.Solve(game, BimatrixSolver.DefaultBudget, long.MaxValue)));
    }

    [Fact]
    public void The_work_bound_must_be_positive()
    {
        var zero = new long[2, 2];
        var act = () => BimatrixSolver.Solve(Game(zero, zero), 10, 0);
        act.Should().Throw<ArgumentException>().WithMessage("*workBound = 0; it must be at least 1*");
    }

    public static HashSet<string> Keys(BimatrixSolution s) => s.Equilibria.Select(e => Key(e.RowStrategy, e.ColumnStrategy)).ToHashSet();

    private static string Key(IReadOnlyList<Rational> x, IReadOnlyList<Rational> y) => string.Join(",", x) + "|" + string.Join(",", y);

    /// <summary>
    /// An independent reference: the extreme equilibria are the equilibria that are vertices of the product polytope cut out by
    /// their own tight constraints. Brute force over every choice of m + n − 2 tight constraints among xᵢ = 0, yⱼ = 0,
    /// "row action i is a best response" and "column action j is a best response", solved by Gauss–Jordan in rationals; a
    /// solution is kept when the chosen system determines it uniquely and it is an equilibrium.
    /// </summary>
    public static HashSet<string> ReferenceExtremeEquilibria(BimatrixGame game)
    {
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        var result = new HashSet<string>();
        // Per player separately: x is an extreme point of the set of row strategies making a given set of columns best
        // responses... The joint system is block-diagonal once the payoff values u (row) and v (column) are unknowns:
        // unknowns (x, v) with Σx = 1, xᵢ = 0 (i ∈ Zx), (xᵀB)ⱼ = v (j ∈ Tx); and (y, u) likewise. Enumerate each block's vertices.
        var rowCandidates = BlockVertices(m, n, (i, j) => game.ColumnPayoffs[i, j]);
        var columnCandidates = BlockVertices(n, m, (j, i) => game.RowPayoffs[i, j]);
        foreach (var x in rowCandidates)
        {
            foreach (var y in columnCandidates)
            {
                if (BimatrixSolver.IsEquilibrium(game, x, y) && IsExtreme(game, x, y))
                {
                    result.Add(Key(x, y));
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Points z of the simplex (size k) that are uniquely determined by: Σz = 1, zᵢ = 0 on a set Z, and equal payoff v to
    /// the opponent across a set T of its actions (payoff(z)ⱼ = Σᵢ zᵢ M(i, j)); with |Z| + |T| = k.
    /// </summary>
    private static List<Rational[]> BlockVertices(int k, int opponent, Func<int, int, Rational> payoff)
    {
        var found = new Dictionary<string, Rational[]>(StringComparer.Ordinal);
        int total = k + opponent;
        for (int mask = 0; mask < (1 << total); mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != k)
            {
                continue;
            }
            // Unknowns z₀..z_{k−1}, v. Equations: Σz = 1; for i < k in mask: zᵢ = 0; for j in mask: Σᵢ zᵢ M(i,j) − v = 0.
            var rows = new List<Rational[]>();
            var sum = new Rational[k + 2];
            for (int i = 0; i < k; i++)
            {
                sum[i] = Rational.One;
            }
            sum[k] = Rational.Zero;
            sum[k + 1] = Rational.One;
            rows.Add(sum);
            for (int bit = 0; bit < total; bit++)
            {
                if ((mask & (1 << bit)) == 0)
                {
                    continue;
                }
                var row = new Rational[k + 2];
                for (int i = 0; i < k + 2; i++)
                {
                    row[i] = Rational.Zero;
                }
                if (bit < k)
                {
                    row[bit] = Rational.One;
                }
                else
                {
                    for (int i = 0; i < k; i++)
                    {
                        row[i] = payoff(i, bit - k);
                    }
                    row[k] = -Rational.One;
                }
                rows.Add(row);
            }
            if (SolveUnique(rows, k + 1) is { } solution && solution.Take(k).All(v => v.Sign >= 0))
            {
                var z = solution.Take(k).ToArray();
                found.TryAdd(string.Join(",", z), z);
            }
        }
        return found.Values.ToList();
    }

    /// <summary>Gauss–Jordan on an augmented system; the unique solution, or null when inconsistent or underdetermined.</summary>
    private static Rational[]? SolveUnique(List<Rational[]> rows, int unknowns)
    {
        var a = rows.Select(r => (Rational[])r.Clone()).ToList();
        int rank = 0;
        var pivotColumns = new List<int>();
        for (int col = 0; col < unknowns && rank < a.Count; col++)
        {
            int pivot = a.FindIndex(rank, r => !r[col].IsZero);
            if (pivot < 0)
            {
                continue;
            }
            (a[rank], a[pivot]) = (a[pivot], a[rank]);
            var p = a[rank][col];
            for (int c = 0; c <= unknowns; c++)
            {
                a[rank][c] /= p;
            }
            for (int r = 0; r < a.Count; r++)
            {
                if (r != rank && !a[r][col].IsZero)
                {
                    var f = a[r][col];
                    for (int c = 0; c <= unknowns; c++)
                    {
                        a[r][c] -= f * a[rank][c];
                    }
                }
            }
            pivotColumns.Add(col);
            rank++;
        }
        for (int r = rank; r < a.Count; r++)
        {
            if (!a[r][unknowns].IsZero)
            {
                return null;
            }
        }
        if (rank < unknowns)
        {
            return null;
        }
        var x = new Rational[unknowns];
        for (int r = 0; r < rank; r++)
        {
            x[pivotColumns[r]] = a[r][unknowns];
        }
        return x;
    }

    /// <summary>
    /// (x, y) is extreme in the equilibrium set when x is determined by its own zeros and the opponent actions that are best
    /// responses to it, and likewise y (each an extreme point of its slice, which is what a completely labelled vertex pair is).
    /// </summary>
    private static bool IsExtreme(BimatrixGame game, Rational[] x, Rational[] y)
    {
        int m = game.RowActions.Count, n = game.ColumnActions.Count;
        return Determined(m, n, x, (i, j) => game.ColumnPayoffs[i, j], BestResponses(n, j => Dot(x, i => game.ColumnPayoffs[i, j], m)))
            && Determined(n, m, y, (j, i) => game.RowPayoffs[i, j], BestResponses(m, i => Dot(y, j => game.RowPayoffs[i, j], n)));
    }

    private static Rational Dot(Rational[] z, Func<int, Rational> column, int k)
    {
        var s = Rational.Zero;
        for (int i = 0; i < k; i++)
        {
            s += z[i] * column(i);
        }
        return s;
    }

    private static List<int> BestResponses(int count, Func<int, Rational> value)
    {
        var values = Enumerable.Range(0, count).Select(value).ToList();
        var best = values.Aggregate(Rational.Max);
        return Enumerable.Range(0, count).Where(i => values[i] == best).ToList();
    }

    private static bool Determined(int k, int opponent, Rational[] z, Func<int, int, Rational> payoff, List<int> best)
    {
        var rows = new List<Rational[]>();
        var sum = Enumerable.Repeat(Rational.One, k).Concat([Rational.Zero, Rational.One]).ToArray();
        rows.Add(sum);
        for (int i = 0; i < k; i++)
        {
            if (z[i].IsZero)
            {
                var row = Enumerable.Repeat(Rational.Zero, k + 2).ToArray();
                row[i] = Rational.One;
                rows.Add(row);
            }
        }
        foreach (int j in best)
        {
            var row = Enumerable.Repeat(Rational.Zero, k + 2).ToArray();
            for (int i = 0; i < k; i++)
            {
                row[i] = payoff(i, j);
            }
            row[k] = -Rational.One;
            rows.Add(row);
        }
        return SolveUnique(rows, k + 1) is not null;
    }
}

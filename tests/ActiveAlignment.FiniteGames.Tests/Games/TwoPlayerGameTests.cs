using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Tests.Games;

/// <summary>Known-answer games (a generator in the manner of QuantEcon's bimatrix_generators): counts first, then values.</summary>
public class TwoPlayerGameTests
{
    private static Rational R(long p, long q = 1) => new(p, q);

    private static long[,] Transpose(long[,] a)
    {
        var t = new long[a.GetLength(1), a.GetLength(0)];
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                t[j, i] = a[i, j];
            }
        }
        return t;
    }

    private static long[,] Negate(long[,] a)
    {
        var t = (long[,])a.Clone();
        for (int i = 0; i < a.GetLength(0); i++)
        {
            for (int j = 0; j < a.GetLength(1); j++)
            {
                t[i, j] = -a[i, j];
            }
        }
        return t;
    }

    internal static BimatrixGame Standard(string name) => name switch
    {
        "prisoners-dilemma" => BimatrixGame.Create(["C", "D"], ["C", "D"], new long[,] { { 3, 0 }, { 5, 1 } }, Transpose(new long[,] { { 3, 0 }, { 5, 1 } })),
        "matching-pennies" => BimatrixGame.Create(["H", "T"], ["H", "T"], new long[,] { { 1, -1 }, { -1, 1 } }, Negate(new long[,] { { 1, -1 }, { -1, 1 } })),
        "rock-paper-scissors" => BimatrixGame.Create(["R", "P", "S"], ["R", "P", "S"], new long[,] { { 0, -1, 1 }, { 1, 0, -1 }, { -1, 1, 0 } }, Negate(new long[,] { { 0, -1, 1 }, { 1, 0, -1 }, { -1, 1, 0 } })),
        "battle-of-the-sexes" => BimatrixGame.Create(["opera", "football"], ["opera", "football"], new long[,] { { 2, 0 }, { 0, 1 } }, new long[,] { { 1, 0 }, { 0, 2 } }),
        "stag-hunt" => BimatrixGame.Create(["stag", "hare"], ["stag", "hare"], new long[,] { { 4, 0 }, { 3, 3 } }, Transpose(new long[,] { { 4, 0 }, { 3, 3 } })),
        "chicken" => BimatrixGame.Create(["swerve", "straight"], ["swerve", "straight"], new long[,] { { 0, -1 }, { 1, -10 } }, Transpose(new long[,] { { 0, -1 }, { 1, -10 } })),
        "coordination-3x3" => BimatrixGame.Create(["a", "b", "c"], ["a", "b", "c"], new long[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, new long[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("prisoners-dilemma", 1)]
    [InlineData("matching-pennies", 1)]
    [InlineData("rock-paper-scissors", 1)]
    [InlineData("battle-of-the-sexes", 3)]
    [InlineData("stag-hunt", 3)]
    [InlineData("chicken", 3)]
    [InlineData("coordination-3x3", 7)]
    public void Solve_StandardGame_HasTheKnownNumberOfEquilibriaAllVerified(string name, int count)
    {
        var game = Standard(name);

        var solution = BimatrixSolver.Solve(game);

        solution.Equilibria.Should().HaveCount(count);
        solution.Degenerate.Should().BeFalse();
        solution.IsCertified.Should().BeTrue();
        solution.Components.Should().HaveCount(count, "a non-degenerate game's equilibria are isolated");
        foreach (var eq in solution.Equilibria)
        {
            BimatrixSolver.IsEquilibrium(game, eq.RowStrategy, eq.ColumnStrategy).Should().BeTrue();
        }
    }

    [Fact]
    public void Solve_PrisonersDilemma_IsMutualDefection()
    {
        var eq = BimatrixSolver.Solve(Standard("prisoners-dilemma")).Equilibria.Single();
        eq.RowStrategy.Should().Equal(R(0), R(1));
        eq.ColumnStrategy.Should().Equal(R(0), R(1));
        eq.RowPayoff.Should().Be(R(1));
    }

    [Fact]
    public void Solve_BattleOfTheSexes_HasTwoPureThenTheMixed()
    {
        var eqs = BimatrixSolver.Solve(Standard("battle-of-the-sexes")).Equilibria;
        eqs.Count.Should().Be(3);
        eqs.Count(e => e.IsPure).Should().Be(2);
        var mixed = eqs[2];
        mixed.RowStrategy.Should().Equal(R(2, 3), R(1, 3));
        mixed.ColumnStrategy.Should().Equal(R(1, 3), R(2, 3));
        mixed.RowPayoff.Should().Be(R(2, 3));
    }

    [Fact]
    public void Solve_ChickenAndStagHunt_MixedValues()
    {
        BimatrixSolver.Solve(Standard("chicken")).Equilibria.Single(e => !e.IsPure).RowStrategy.Should().Equal(R(9, 10), R(1, 10));
        BimatrixSolver.Solve(Standard("stag-hunt")).Equilibria.Single(e => !e.IsPure).ColumnStrategy.Should().Equal(R(3, 4), R(1, 4));
    }

    [Fact]
    public void Solve_RockPaperScissors_IsUniform()
        => BimatrixSolver.Solve(Standard("rock-paper-scissors")).Equilibria.Single().RowStrategy.Should().Equal(R(1, 3), R(1, 3), R(1, 3));

    [Fact]
    public void Solve_DegenerateGame_IsFlaggedAndStillVerified()
    {
        // The column player is indifferent against the top row: a degenerate game whose equilibria form a component.
        var game = BimatrixGame.Create(["T", "B"], ["L", "R"], new long[,] { { 1, 1 }, { 0, 2 } }, new long[,] { { 1, 1 }, { 0, 2 } });

        var solution = BimatrixSolver.Solve(game);

        solution.Degenerate.Should().BeTrue();
        solution.Equilibria.Should().NotBeEmpty();
        solution.Components.Should().NotBeEmpty();
        solution.Equilibria.Should().OnlyContain(e => BimatrixSolver.IsEquilibrium(game, e.RowStrategy, e.ColumnStrategy));
        solution.Equilibria.Should().Contain(e => e.RowStrategy[1] == R(1) && e.ColumnStrategy[1] == R(1));
    }

    [Fact]
    public void Create_WrongPayoffSize_StatesSizes()
    {
        var act = () => BimatrixGame.Create(["a", "b"], ["x"], new long[,] { { 1 } }, new long[,] { { 1 } });
        act.Should().Throw<ArgumentException>().WithMessage("rowPayoffs is 1x1, expected 2x1 for 2 row and 1 column actions.*");
    }

    /// <summary>P1: L or R (R ends at (1/2, 0)). After L, P2 is indifferent: l gives (1, 1), r gives (0, 1).</summary>
    internal static GameTree TreeWithTies() => GameTree.Create(["P1", "P2"],
        GameTree.Decision(0,
            ("L", GameTree.Decision(1, ("l", GameTree.Leaf(R(1), R(1))), ("r", GameTree.Leaf(R(0), R(1))))),
            ("R", GameTree.Leaf(R(1, 2), R(0)))));

    [Fact]
    public void BackwardInduction_TreeWithTies_HasEverySubgamePerfectEquilibrium()
    {
        var spe = BackwardInduction.Solve(TreeWithTies());

        spe.Should().HaveCount(2);
        spe[0].Strategy["root"].Should().Be("L");
        spe[0].Strategy["root/L"].Should().Be("l");
        spe[0].Path.Should().Equal("L", "l");
        spe[0].Payoffs.Should().Equal(R(1), R(1));
        spe[1].Strategy["root"].Should().Be("R");
        spe[1].Strategy["root/L"].Should().Be("r");
        spe[1].Path.Should().Equal("R");
        spe[1].Payoffs.Should().Equal(R(1, 2), R(0));
    }

    [Fact]
    public void BackwardInduction_UltimatumWithoutTies_IsUnique()
    {
        // P1 offers a fair or greedy split; P2 accepts or rejects (rejecting gives both 0).
        var tree = GameTree.Create(["P1", "P2"], GameTree.Decision(0,
            ("fair", GameTree.Decision(1, ("accept", GameTree.Leaf(R(5), R(5))), ("reject", GameTree.Leaf(R(0), R(0))))),
            ("greedy", GameTree.Decision(1, ("accept", GameTree.Leaf(R(8), R(2))), ("reject", GameTree.Leaf(R(0), R(0)))))));
        var spe = BackwardInduction.Solve(tree);
        spe.Should().HaveCount(1);
        spe[0].Path.Should().Equal("greedy", "accept");
    }

    [Fact]
    public void GameTree_LeafWithWrongPayoffCount_NamesTheNode()
    {
        var act = () => GameTree.Create(["P1", "P2"], GameTree.Decision(0, ("L", GameTree.Leaf(R(1)))));
        act.Should().Throw<ArgumentException>().WithMessage("root/L: the leaf has 1 payoffs, expected one for each of the 2 players.*");
    }

    [Fact]
    public void Allocations_ParetoAndEnvyFree_MatchTheirDefinitions()
    {
        var problem = AllocationProblem.Create(["book", "hat", "ball"], [3, 2, 1]);
        int[] mine = [1, 2, 3], theirs = [2, 1, 2];

        var pareto = AllocationAnalysis.ParetoOptimal(problem, mine, theirs);
        var envyFree = AllocationAnalysis.EnvyFree(problem, mine, theirs);

        var all = problem.All().ToList();
        all.Should().HaveCount(4 * 3 * 2);
        foreach (var a in all)
        {
            long va = AllocationProblem.Value(mine, a), vb = AllocationProblem.Value(theirs, problem.Complement(a));
            bool dominated = all.Any(b => AllocationProblem.Value(mine, b) >= va && AllocationProblem.Value(theirs, problem.Complement(b)) >= vb
                && (AllocationProblem.Value(mine, b) > va || AllocationProblem.Value(theirs, problem.Complement(b)) > vb));
            pareto.Any(p => p.SequenceEqual(a)).Should().Be(!dominated);
            bool fair = va >= AllocationProblem.Value(mine, problem.Complement(a)) && vb >= AllocationProblem.Value(theirs, a);
            envyFree.Any(p => p.SequenceEqual(a)).Should().Be(fair);
        }
        pareto.Should().NotBeEmpty();
    }

    [Fact]
    public void ConsistentValuations_ProposalsRuleOutValuations()
    {
        // 3 books, 2 hats, 1 ball, every valuation worth 10 in all. They offered us all books and kept the hats and the ball:
        // they do not envy that, so 2h + b ≥ 3k.
        var problem = AllocationProblem.Create(["book", "hat", "ball"], [3, 2, 1]);
        var valuations = AllocationAnalysis.ConsistentValuations(problem, [[3, 0, 0]], 10);

        valuations.Should().NotBeEmpty();
        valuations.Should().OnlyContain(v => (3 * v[0]) + (2 * v[1]) + v[2] == 10 && (2 * v[1]) + v[2] >= 3 * v[0]);
        valuations.Should().Contain(v => v.SequenceEqual(new[] { 0, 5, 0 })).And.NotContain(v => v.SequenceEqual(new[] { 3, 0, 1 }));
    }
}

using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Tests.Games;

public class ExactLinearProgrammingTests
{
    private static Rational R(long p, long q = 1) => new(p, q);

    [Fact]
    public void Rational_ParseAndFromDouble_AreExact()
    {
        Rational.TryParse("0.4", out var a).Should().BeTrue();
        a.Should().Be(R(2, 5));
        Rational.TryParse("-1.25e-3", out var b).Should().BeTrue();
        b.Should().Be(R(-1, 800));
        Rational.TryParse("3/-6", out var c).Should().BeTrue();
        c.Should().Be(R(-1, 2));
        Rational.FromDouble(0.1).Should().Be(new Rational(3602879701896397, 36028797018963968));
        Rational.FromDouble(0.1).ToDouble().Should().Be(0.1);
        R(1, 3).ToDouble().Should().Be(1.0 / 3);
        Rational.TryParse("abc", out _).Should().BeFalse();
    }

    [Fact]
    public void Simplex_TextbookProgram_IsOptimalWithCertificate()
    {
        // max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18: optimum (2, 6), value 36, duals (0, 3/2, 1).
        var lp = new LinearProgram(new[,] { { R(1), R(0) }, { R(0), R(2) }, { R(3), R(2) } }, [R(4), R(12), R(18)], [R(3), R(5)]);

        var solution = ExactSimplexSolver.Instance.Solve(lp);

        solution.Status.Should().Be(LinearProgramStatus.Optimal);
        solution.X.Should().Equal(R(2), R(6));
        solution.Y.Should().Equal(R(0), R(3, 2), R(1));
        solution.Value.Should().Be(R(36));
        solution.IsCertifiedFor(lp).Should().BeTrue();
    }

    [Fact]
    public void Simplex_Unbounded_IsReported()
    {
        var lp = new LinearProgram(new[,] { { R(1), R(-1) } }, [R(1)], [R(0), R(1)]);
        ExactSimplexSolver.Instance.Solve(lp).Status.Should().Be(LinearProgramStatus.Unbounded);
    }

    [Fact]
    public void ZeroSum_RockPaperScissors_IsUniformWithValueZero()
    {
        var payoff = new[,] { { R(0), R(-1), R(1) }, { R(1), R(0), R(-1) }, { R(-1), R(1), R(0) } };
        var solution = ZeroSumGame.Solve(payoff);
        solution.IsCertified.Should().BeTrue();
        solution.Value.Should().Be(Rational.Zero);
        solution.RowStrategy.Should().Equal(R(1, 3), R(1, 3), R(1, 3));
        solution.ColumnStrategy.Should().Equal(R(1, 3), R(1, 3), R(1, 3));
    }

    [Fact]
    public void ZeroSum_AsymmetricMatchingPennies_HasTheTextbookValue()
    {
        // [[3, −1], [−2, 1]]: row plays (3/7, 4/7), column (2/7, 5/7), value 1/7.
        var solution = ZeroSumGame.Solve(new[,] { { R(3), R(-1) }, { R(-2), R(1) } });
        solution.Value.Should().Be(R(1, 7));
        solution.RowStrategy.Should().Equal(R(3, 7), R(4, 7));
        solution.ColumnStrategy.Should().Equal(R(2, 7), R(5, 7));
        solution.IsCertified.Should().BeTrue();
    }

    [Fact]
    public void ZeroSum_RandomGames_AreVerified()
    {
        var rng = new Random(11);
        for (int trial = 0; trial < 20; trial++)
        {
            int m = 1 + rng.Next(8), n = 1 + rng.Next(8);
            var payoff = new Rational[m, n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    payoff[i, j] = R(rng.Next(-9, 10), 1 + rng.Next(4));
                }
            }
            ZeroSumGame.Solve(payoff).IsCertified.Should().BeTrue();
        }
    }
}

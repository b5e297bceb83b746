using ActiveAlignment.FiniteGames;
using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;
using CsCheck;

namespace ActiveAlignment.Tests.Games;

/// <summary>Gambit strategic-form (.nfg) files and lrsnash's input format, read exactly; every variant Gambit writes.</summary>
public class GambitNfgTests
{
    private static Rational R(long p, long q = 1) => new(p, q);

    // Battle of the sexes in each of Gambit's forms (written here; the layout follows Gambit's own files).
    private const string PayoffVersionWithNames = """
        NFG 1 R "Battle of the Sexes" { "Player 1" "Player 2" }

        { { "Top" "Bottom" }
        { "Left" "Right" }
        }
        "A comment that spans
        two lines and quotes \"itself\"."

        {
        { "" 3, 2 }
        { "" 0, 0 }
        { "" 0, 0 }
        { "" 2, 3 }
        }
        1 2 3 4
        """;

    private const string CountsVersion = """
        NFG 1 D "" { "Player 1" "Player 2" } { 2 2 }

        3.000000 2.000000 0.000000 0.000000 0.000000 0.000000 2.000000 3.000000
        """;

    [Fact]
    public void OutcomeAndPayoffVersions_ReadTheSameGame_WithTheFirstPlayerChangingFastest()
    {
        var named = GambitNfg.Read(PayoffVersionWithNames);
        var counted = GambitNfg.Read(CountsVersion);
        foreach (var g in new[] { named, counted })
        {
            g.RowPayoffs[0, 0].Should().Be(R(3));
            g.ColumnPayoffs[0, 0].Should().Be(R(2));
            g.RowPayoffs[1, 1].Should().Be(R(2));
            g.ColumnPayoffs[1, 1].Should().Be(R(3));
            g.RowPayoffs[1, 0].Should().Be(R(0));
        }
        named.RowActions.Should().Equal("Top", "Bottom");
        named.ColumnActions.Should().Equal("Left", "Right");
        named.Players.Should().Equal("Player 1", "Player 2");
        counted.RowActions.Should().Equal("1", "2");
        BimatrixSolver.Solve(named).Equilibria.Should().HaveCount(3);
    }

    [Fact]
    public void AsymmetricPayoffOrder_IsColumnMajorOverTheFirstPlayer()
    {
        // 3 × 2: profiles (1,1) (2,1) (3,1) (1,2) (2,2) (3,2); payoffs are (10·i + j, 100·i + j).
        var g = GambitNfg.Read("NFG 1 R \"\" { \"a\" \"b\" } { 3 2 }\n11 101 21 201 31 301 12 102 22 202 32 302\n");
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 2; j++)
            {
                g.RowPayoffs[i, j].Should().Be(R((10 * (i + 1)) + j + 1));
                g.ColumnPayoffs[i, j].Should().Be(R((100 * (i + 1)) + j + 1));
            }
        }
    }

    [Fact]
    public void RationalsDecimalsExponentsAndTheNullOutcome_AreExact()
    {
        var g = GambitNfg.Read("""
            NFG 1 R "t" { "P" "Q" }
            { { "x" "y" } { "u" } }
            ""
            { { "o1" 2/7, -1.25e-1 } }
            1 0
            """);
        g.RowPayoffs[0, 0].Should().Be(R(2, 7));
        g.ColumnPayoffs[0, 0].Should().Be(R(-1, 8));
        g.RowPayoffs[1, 0].Should().Be(R(0), "outcome 0 is the null outcome");
    }

    [Fact]
    public void EmptyAndRepeatedNames_GetUniqueNames_InTheFilesOrder()
    {
        var g = GambitNfg.Read("""
            NFG 1 R "" { "" "" }
            { { "" "A" "A" "" } { "s" "s" } }
            1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1
            """);
        g.Players.Should().Equal("Player 1", "Player 2");
        g.RowActions.Should().Equal("1", "A", "A#2", "4");
        g.ColumnActions.Should().Equal("s", "s#2");
    }

    [Theory]
    [InlineData("NFG 1 R \"\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n", "*3 players; only two-player games*")]
    [InlineData("NFG 2 R \"\" { \"1\" \"2\" } { 1 1 }\n1 1\n", "*version 2 is not supported*")]
    [InlineData("NFG 1 R \"\" { \"1\" \"2\" } { 2 2 }\n1 1 1 1 1 1 1\n", "*line 2: the file ends where the second player's payoff of profile 4 of 4 was expected*")]
    [InlineData("NFG 1 R \"\" { \"1\" \"2\" } { 1 1 }\n1 x\n", "*line 2: the second player's payoff of profile 1 of 1 \"x\" is not a number*")]
    [InlineData("NFG 1 R \"\" { \"1\" \"2\" } { 1 1 }\n1 1 7\n", "*unexpected text at the end*")]
    [InlineData("NFG 1 R \"\" { \"1\" \"2\" } { { \"a\" } { \"b\" } }\n{ { \"o\" 1, 1 } }\n2\n", "*outcome number \"2\" is not 0*")]
    [InlineData("NFG 1 R \"never closed { 1 1 }\n1 1\n", "*not closed*")]
    [InlineData("NFG 1 R \"\" { \"1\" \"2\" } { 0 1 }\n", "*strategy count \"0\"*")]
    public void InvalidFiles_AreRefused_NamingTheLineAndTheProblem(string text, string pattern)
    {
        var act = () => GambitNfg.Read(text, "bad.nfg");
        act.Should().Throw<FiniteGameFormatException>().Which.Message.Should().Match("bad.nfg: " + pattern);
    }

    [Fact]
    public void WriteThenRead_IsExact_AndSoIsJsonToNfgToJson()
    {
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Int[0, 1_000_000]).Sample((m, n, seed) =>
        {
            var rng = new Random(seed);
            var a = new Rational[m, n];
            var b = new Rational[m, n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    a[i, j] = new Rational(rng.Next(-50, 51), rng.Next(1, 9));
                    b[i, j] = new Rational(rng.Next(-50, 51), rng.Next(1, 9));
                }
            }
            var rows = Enumerable.Range(0, m).Select(i => $"r \"{i}\" \\").ToList();
            var columns = Enumerable.Range(0, n).Select(j => $"c{j}").ToList();
            var game = BimatrixGame.Create(rows, columns, a, b, ["Ann \"A\"", "Bob"]);
            var back = GambitNfg.Read(GambitNfg.Write(game, "title \"quoted\""));
            back.Players.Should().Equal(game.Players);
            back.RowActions.Should().Equal(game.RowActions);
            back.ColumnActions.Should().Equal(game.ColumnActions);
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    back.RowPayoffs[i, j].Should().Be(a[i, j]);
                    back.ColumnPayoffs[i, j].Should().Be(b[i, j]);
                }
            }
        }, iter: 100);
    }

    [Fact]
    public void JsonBimatrix_AcceptsExactRationalsAsStrings()
    {
        var file = TwoPlayerGameJson.Read("""{ "type": "bimatrix", "rowActions": ["a"], "columnActions": ["x", "y"], "payoffs": [[["2/7", 1], [0.1, "-3"]]] }""");
        file.Bimatrix!.RowPayoffs[0, 0].Should().Be(R(2, 7));
        file.Bimatrix.RowPayoffs[0, 1].Should().Be(R(1, 10));
        file.Bimatrix.ColumnPayoffs[0, 1].Should().Be(R(-3));
    }

    [Fact]
    public void LrsnashInput_ReadsTheTwoMatrices()
    {
        const string text = "3 2\n\n0 6\n2 5\n3 3\n\n1 0\n0 2\n4 3\n";
        GambitNfg.LooksLikeLrs(text).Should().BeTrue();
        GambitNfg.LooksLikeLrs("{ \"type\": \"bimatrix\" }").Should().BeFalse();
        GambitNfg.LooksLikeLrs(CountsVersion).Should().BeFalse();
        var g = GambitNfg.ReadLrs(text);
        g.RowActions.Should().Equal("1", "2", "3");
        g.RowPayoffs[1, 1].Should().Be(R(5));
        g.ColumnPayoffs[2, 0].Should().Be(R(4));
        var act = () => GambitNfg.ReadLrs("2 2\n1 2 3\n", "g.lrs");
        act.Should().Throw<FiniteGameFormatException>().WithMessage("g.lrs: line 2: the file ends where the row player's payoff [2][2] was expected.");
    }
}

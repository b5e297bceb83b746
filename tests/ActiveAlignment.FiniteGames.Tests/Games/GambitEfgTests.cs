using ActiveAlignment.FiniteGames;
using ActiveAlignment.Games;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Tests.Games;

/// <summary>Gambit extensive-form (.efg) files of perfect information, into the game-tree mode.</summary>
public class GambitEfgTests
{
    // An entry game, written the way Gambit writes trees (preorder, outcomes with their payoffs where first used).
    private const string Entry = """
        EFG 2 R "Entry" { "Entrant" "Incumbent" }
        "A comment
        over two lines."

        p "" 1 1 "" { "Out" "In" } 0
        t "" 1 "stay out" { 0, 2 }
        p "" 2 1 "" { "Fight" "Accommodate" } 0
        t "" 2 "fight" { -1, -1 }
        t "" 3 "share" { 1, 1 }
        """;

    private static Rational R(long p, long q = 1) => new(p, q);

    [Fact]
    public void EntryGame_HasTheUniqueSubgamePerfectEquilibrium()
    {
        var tree = GambitEfg.Read(Entry);
        tree.Players.Should().Equal("Entrant", "Incumbent");
        var spe = BackwardInduction.Solve(tree).Should().ContainSingle().Subject;
        spe.Path.Should().Equal("In", "Accommodate");
        spe.Payoffs.Should().Equal(R(1), R(1));
    }

    [Fact]
    public void OutcomesAtPersonalNodes_AddToEveryTerminalBelow_AndReusedOutcomesKeepTheirPayoffs()
    {
        var tree = GambitEfg.Read("""
            EFG 2 R "" { "A" "B" }
            p "" 1 1 "" { "l" "r" } 1 "entry fee" { -1/2, 0 }
            t "" 3 "win big" { 4, 1 }
            p "" 2 1 "" { "x" "y" } 0
            t "" 2 "win" { 3, 1 }
            t "" 0
            """);
        var spe = BackwardInduction.Solve(tree);
        spe.Should().HaveCount(1);
        spe[0].Path.Should().Equal("l");
        spe[0].Payoffs.Should().Equal(R(7, 2), R(1));
        // Under r, player B compares "win" (3 − 1/2, 1) with the null outcome (−1/2, 0) and picks x.
        spe[0].Strategy["root/r"].Should().Be("x");
    }

    [Fact]
    public void AnOutcomeUsedAgain_KeepsThePayoffsGivenWhereItFirstAppeared()
    {
        var tree = GambitEfg.Read("EFG 2 R \"\" { \"A\" \"B\" }\np \"\" 1 1 \"\" { \"\" \"\" } 0\nt \"\" 1 \"o\" { 1, 2 }\nt \"\" 1\n");
        var all = BackwardInduction.Solve(tree);
        all.Should().HaveCount(2, "both actions give the same outcome");
        all.Select(e => e.Path[0]).Should().Equal("1", "2");
        all.Should().OnlyContain(e => e.Payoffs[0] == R(1) && e.Payoffs[1] == R(2));
    }

    [Theory]
    [InlineData("EFG 2 R \"\" { \"A\" \"B\" }\nc \"nature\" 1 \"\" { \"h\" 1/2 \"t\" 1/2 } 0\nt \"\" 1 \"\" { 1, 1 }\nt \"\" 2 \"\" { 0, 0 }\n",
        "g.efg: line 2: the node at the root (\"nature\") is a chance node*")]
    [InlineData("EFG 2 R \"\" { \"A\" \"B\" }\np \"\" 1 1 \"\" { \"L\" \"R\" } 0\np \"\" 2 1 \"\" { \"l\" \"r\" } 0\nt \"\" 1 \"\" { 1, 1 }\nt \"\" 2 \"\" { 0, 0 }\np \"\" 2 1 \"\" { \"l\" \"r\" } 0\nt \"\" 3 \"\" { 2, 2 }\nt \"\" 4 \"\" { 3, 3 }\n",
        "g.efg: line 6: the node reached by R is a second node in information set 1 of player 2*")]
    [InlineData("EFG 2 R \"\" { \"A\" \"B\" }\np \"\" 3 1 \"\" { \"L\" } 0\nt \"\" 1 \"\" { 1, 1 }\n", "g.efg: line 2: *player \"3\" is not a number from 1 to 2*")]
    [InlineData("EFG 2 R \"\" { \"A\" \"B\" }\np \"\" 1 1 \"\" { \"L\" \"R\" } 0\nt \"\" 1 \"\" { 1, 1 }\n", "g.efg: line 3: the file ends where a node (p, c or t) was expected.")]
    [InlineData("EFG 2 R \"\" { \"A\" \"B\" }\nt \"\" 5\n", "g.efg: line 2: outcome 5 is used before its payoffs are given.")]
    public void TreesTheModeCannotSolve_AreRefused_NamingTheFirstSuchNode(string text, string pattern)
    {
        var act = () => GambitEfg.Read(text, "g.efg");
        act.Should().Throw<FiniteGameFormatException>().Which.Message.Should().Match(pattern);
    }
}

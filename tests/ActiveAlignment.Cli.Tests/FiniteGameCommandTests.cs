using ActiveAlignment.Testing;

namespace ActiveAlignment.Tests.Cli;

public class FiniteGameCommandTests
{
    private const string Chicken = """
        { "type": "bimatrix", "players": ["driver 1", "driver 2"],
          "rowActions": ["swerve", "straight"], "columnActions": ["swerve", "straight"],
          "payoffs": [ [[0, 0], [-1, 1]], [[1, -1], [-10, -10]] ] }
        """;

    private const string Ties = """
        { "type": "tree", "players": ["P1", "P2"],
          "root": { "player": "P1", "actions": { "L": { "player": "P2", "actions": { "l": { "payoffs": [1, 1] }, "r": { "payoffs": [0, 1] } } },
                                                 "R": { "payoffs": [0.5, 0] } } } }
        """;

    [Fact]
    public void Nash_ReadsGambitNfgAndLrsnashFiles_AndExportsNfg()
    {
        using var dir = new TempDir();
        // Chicken as Gambit writes it (outcome version), and as lrsnash reads it.
        string nfg = dir.File("chicken.nfg", "NFG 1 R \"Chicken\" { \"driver 1\" \"driver 2\" }\n\n{ { \"swerve\" \"straight\" }\n{ \"swerve\" \"straight\" }\n}\n\"\"\n\n" +
            "{\n{ \"\" 0, 0 }\n{ \"\" 1, -1 }\n{ \"\" -1, 1 }\n{ \"\" -10, -10 }\n}\n1 2 3 4\n");
        string lrs = dir.File("chicken.lrs", "2 2\n\n0 -1\n1 -10\n\n0 1\n-1 -10\n");
        string exported = dir.Combine("back.nfg");
        var fromJson = CliRun.WithStdin(Chicken, "nash", "-", "--json", "--export-nfg", exported);
        fromJson.ExitCode.Should().Be(0, fromJson.Error);
        foreach (string file in new[] { nfg, lrs, exported })
        {
            var json = CliRun.Of("nash", file, "--json").Json();
            json.GetProperty("count").GetInt32().Should().Be(3, file);
            var mixed = json.GetProperty("equilibria").EnumerateArray().Single(e => !e.GetProperty("pure").GetBoolean());
            mixed.EnumerateObject().ElementAt(1).Value.EnumerateObject().First().Value.GetString().Should().Be("9/10", file);
        }
        string three = dir.File("three.nfg", "NFG 1 R \"\" { \"1\" \"2\" \"3\" } { 1 1 1 }\n1 1 1\n");
        CliRun.Of("nash", three).ShouldFailWith(2, "*three.nfg: line 1: the game has 3 players; only two-player games are supported*");
    }

    [Fact]
    public void Nash_Bimatrix_Json_CountsThenValues()
    {
        var json = CliRun.WithStdin(Chicken, "nash", "-", "--json").Json();

        json.GetProperty("count").GetInt32().Should().Be(3);
        json.GetProperty("degenerate").GetBoolean().Should().BeFalse();
        var eqs = json.GetProperty("equilibria").EnumerateArray().ToList();
        eqs.Should().HaveCount(3);
        json.GetProperty("certified").GetBoolean().Should().BeTrue();
        json.GetProperty("components").GetArrayLength().Should().Be(3);
        eqs[2].GetProperty("driver 1").GetProperty("swerve").GetString().Should().Be("9/10");
        eqs[2].GetProperty("payoffs").GetProperty("driver 2").GetString().Should().Be("-1/10");
        json.TryGetProperty("zeroSum", out _).Should().BeFalse();
    }

    [Fact]
    public void Nash_ZeroSumBimatrix_ReportsTheValue()
    {
        const string pennies = """{ "type": "bimatrix", "rowActions": ["H", "T"], "columnActions": ["H", "T"], "payoffs": [ [[1, -1], [-1, 1]], [[-1, 1], [1, -1]] ] }""";
        var json = CliRun.WithStdin(pennies, "nash", "-", "--json").Json();
        json.GetProperty("zeroSum").GetProperty("value").GetString().Should().Be("0");
        json.GetProperty("zeroSum").GetProperty("row").GetProperty("H").GetString().Should().Be("1/2");
    }

    [Fact]
    public void Nash_Tree_ListsEverySubgamePerfectEquilibrium()
    {
        var json = CliRun.WithStdin(Ties, "nash", "-", "--json").Json();
        json.GetProperty("count").GetInt32().Should().Be(2);
        var second = json.GetProperty("equilibria")[1];
        second.GetProperty("strategy").GetProperty("root/L").GetString().Should().Be("r");
        second.GetProperty("payoffs").GetProperty("P1").GetString().Should().Be("1/2");
    }

    [Fact]
    public void Nash_DegenerateBimatrix_ListsExtremeEquilibriaAndComponents()
    {
        // Row T pays (1, 1) whatever the column; the column player is indifferent after T: a segment of equilibria.
        const string game = """{ "type": "bimatrix", "rowActions": ["U", "D"], "columnActions": ["L", "R"], "payoffs": [ [[1, 1], [1, 1]], [[0, 0], [2, 2]] ] }""";
        var json = CliRun.WithStdin(game, "nash", "-", "--json").Json();
        json.GetProperty("degenerate").GetBoolean().Should().BeTrue();
        var eqs = json.GetProperty("equilibria").EnumerateArray().ToList();
        eqs.Should().HaveCount(3);
        eqs.Should().Contain(e => e.GetProperty("row").GetProperty("U").GetString() == "1" && e.GetProperty("column").GetProperty("L").GetString() == "1/2");
        json.GetProperty("components").GetArrayLength().Should().Be(2);
        CliRun.WithStdin(game, "nash", "-").Out.Should().Contain("conv{(L); (L 1/2, R 1/2)}");
    }

    [Fact]
    public void Nash_BudgetExceeded_ExitsTwoSayingSo()
    {
        const string zero = """{ "type": "bimatrix", "rowActions": ["a", "b", "c"], "columnActions": ["x", "y", "z"], "payoffs": [ [[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, 0]] ] }""";
        CliRun.WithStdin(zero, "nash", "-", "--max-equilibria", "2").ShouldFailWith(2, "error: <stdin>: the enumeration of * exceeded the budget of 2*");
        CliRun.WithStdin(Ties, "nash", "-", "--max-equilibria", "1").ShouldFailWith(2, "error: <stdin>: more than 1 subgame-perfect equilibria*--max-equilibria*");
    }

    [Theory]
    [InlineData("100", "error: <stdin>: the exact arithmetic of the vertex enumeration exceeded the work bound of 100 word operations (payoffs of 2 digits); raise it (--max-work)*")]
    [InlineData("0", "error: --max-work 0: give a number of word operations in [1, 9.2e18]*")]
    [InlineData("1e19", "error: --max-work 1e19: give a number of word operations in [1, 9.2e18]*")]
    [InlineData("lots", "error: --max-work lots: give a number of word operations in [1, 9.2e18]*")]
    public void Nash_WorkBound_StopsWithExitTwoOrRefusesABadBound(string bound, string message)
        => CliRun.WithStdin(Chicken, "nash", "-", "--max-work", bound).ShouldFailWith(2, message);

    [Fact]
    public void Nash_HugeExponent_ExitsTwoAtOnceNamingTheField()
        => CliRun.WithStdin(Chicken.Replace("-10, -10", "-10, 1e-1000000000", StringComparison.Ordinal), "nash", "-")
            .ShouldFailWith(2, "error: <stdin>: payoffs[1][1][1] = 1e-1000000000 is refused: its exponent -1000000000 is outside ±2000.*");

    [Theory]
    [InlineData("{ \"type\": \"matrix\" }", "error: <stdin>: \"type\" must be \"bimatrix\" or \"tree\".*")]
    [InlineData("{ \"type\": \"bimatrix\", \"rowActions\": [\"a\"], \"columnActions\": [\"x\"], \"payoffs\": [[[1]]] }", "error: <stdin>: payoffs[0][0] must be a pair [row payoff, column payoff].*")]
    [InlineData("{ \"type\": \"tree\", \"players\": [\"P1\"], \"root\": { \"player\": \"P9\", \"actions\": { \"a\": { \"payoffs\": [1] } } } }", "error: <stdin>: root.player \"P9\" is not one of the players (P1).*")]
    public void Nash_InvalidFile_ExitsTwoNamingThePath(string json, string message)
        => CliRun.WithStdin(json, "nash", "-").ShouldFailWith(2, message);

    [Fact]
    public void Welfare_Json_HasTheIssueFields()
    {
        var json = CliRun.WithStdin(FiniteGameSamples.General, "welfare", "-", "--welfare", "sum", "--context", "DQ", "--price-range", "0:10", "--json").Json();

        json.GetProperty("expected").GetProperty("DA").GetProperty("user").GetDouble().Should().Be(3.5);
        json.GetProperty("pareto").EnumerateArray().Select(e => e.GetString()).Should().Equal("DA");
        json.GetProperty("decision").GetString().Should().Be("DA");
        json.GetProperty("welfare").GetProperty("CQ").GetDouble().Should().BeApproximately(4.1, 1e-15);
        var intervals = json.GetProperty("priceIntervals").EnumerateArray().ToList();
        intervals.Should().HaveCount(2);
        intervals[0].GetProperty("to").GetDouble().Should().BeApproximately(2.5 / 0.6, 1e-12);
        intervals[1].GetProperty("decision").GetString().Should().Be("CQ");
    }

    [Fact]
    public void Welfare_SixKeyBlock_Table()
    {
        var run = CliRun.WithStdin(FiniteGameSamples.SixKey, "welfare", "-", "--context", "VQ");
        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("decision: CQ");
    }

    [Theory]
    [InlineData("--welfare", "utilitarian", "error: --welfare 'utilitarian' is not a welfare function*")]
    [InlineData("--context", "XQ", "error: --context XQ: no such context; the contexts are DQ, VQ.*")]
    [InlineData("--price-range", "1:4", "error: --price-range 1:4: expected 0:P with P a number > 0.*")]
    public void Welfare_BadOption_IsAUsageError(string option, string value, string message)
        => CliRun.WithStdin(FiniteGameSamples.General, "welfare", "-", option, value).ShouldFailWith(2, message);

    [Fact]
    public void Welfare_PriceRangeWithoutCosts_IsAUsageError()
        => CliRun.WithStdin(FiniteGameSamples.SixKey, "welfare", "-", "--price-range", "0:3").ShouldFailWith(2, "error: --price-range: <stdin> gives no cost per action*");

    [Fact]
    public void Welfare_MissingSixKey_ExitsTwoNamingIt()
        => CliRun.WithStdin(FiniteGameSamples.SixKey.Replace(", \"VQ_AQ\": {\"LLM\": 2.5, \"user\": 3.4}", "", StringComparison.Ordinal), "welfare", "-")
            .ShouldFailWith(2, "error: <stdin>: missing key \"VQ_AQ\"*");

    private const string Allocation = """
        { "items": ["book", "hat", "ball"], "counts": [1, 2, 3],
          "valuations": { "first": [4, 1, 1], "second": [2, 2, 1] },
          "proposals": [[1, 0, 3], [0, 1, 3]], "secondTotal": 10 }
        """;

    [Fact]
    public void Allocate_Json_ListsParetoEnvyFreeAndConsistentValuations()
    {
        var json = CliRun.WithStdin(Allocation, "allocate", "-", "--json").Json();
        json.GetProperty("paretoOptimal").GetArrayLength().Should().Be(8);
        var envyFree = json.GetProperty("envyFree").EnumerateArray().ToList();
        envyFree.Should().HaveCount(3);
        envyFree.Should().OnlyContain(a => a.GetProperty("firstValue").GetInt32() >= 5 && a.GetProperty("secondValue").GetInt32() >= 5);
        var consistent = json.GetProperty("consistentValuations").EnumerateArray().ToList();
        consistent.Should().HaveCount(3);
        // Each consistent valuation gives the items total 10 and leaves the proposer unenvious of every offer.
        consistent.Should().OnlyContain(v => v.GetProperty("book").GetInt32() + (2 * v.GetProperty("hat").GetInt32()) + (3 * v.GetProperty("ball").GetInt32()) == 10);
    }

    [Theory]
    [InlineData("\"counts\": [1, 2, 3]", "\"counts\": [1, -2, 3]", "error: <stdin>: counts[1] must be an integer from 0 to 1000000, but is -2.*")]
    [InlineData("\"secondTotal\": 10", "\"secondTotal\": 1.5", "error: <stdin>: secondTotal must be an integer from 0 to 1000000, but is 1.5.*")]
    [InlineData("[1, 0, 3], [0, 1, 3]", "[1, 0, 4]", "error: <stdin>: proposals[0][2] = 4, but there are only 3 of ball.*")]
    public void Allocate_InvalidFile_ExitsTwoNamingTheField(string from, string to, string message)
        => CliRun.WithStdin(Allocation.Replace(from, to, StringComparison.Ordinal), "allocate", "-").ShouldFailWith(2, message);

    [Fact]
    public void Allocate_BudgetExceeded_ExitsTwo()
        => CliRun.WithStdin(Allocation, "allocate", "-", "--max-candidates", "3").ShouldFailWith(2, "error: <stdin>: the search for consistent valuations exceeded the budget of 3*");
}

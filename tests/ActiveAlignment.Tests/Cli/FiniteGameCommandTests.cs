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
    public void Nash_Bimatrix_Json_CountsThenValues()
    {
        var json = CliRun.WithStdin(Chicken, "nash", "-", "--json").Json();

        json.GetProperty("count").GetInt32().Should().Be(3);
        json.GetProperty("degenerate").GetBoolean().Should().BeFalse();
        var eqs = json.GetProperty("equilibria").EnumerateArray().ToList();
        eqs.Should().HaveCount(3);
        eqs.Should().OnlyContain(e => e.GetProperty("verified").GetBoolean());
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
}

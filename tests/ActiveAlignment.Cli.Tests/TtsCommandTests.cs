using ActiveAlignment.Testing;

namespace ActiveAlignment.Tests.Cli;

public class TtsCommandTests
{
    [Fact]
    public void Tts_Json_HasEveryRowAndTheBound()
    {
        var json = CliRun.WithStdin(FiniteGameSamples.Example, "tts", "-", "--k", "1,2,5", "--json").Json();

        json.GetProperty("responses").EnumerateArray().Select(e => e.GetString()).Should().Equal("concise", "detailed", "clarify");
        json.GetProperty("maximalLottery").GetProperty("detailed").GetDouble().Should().Be(1.0);
        json.GetProperty("maximalLotteryExact").GetProperty("detailed").GetString().Should().Be("1");
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("k").GetInt32()).Should().Equal(1, 2, 5);
        foreach (var row in rows)
        {
            int k = row.GetProperty("k").GetInt32();
            row.GetProperty("bound").GetDouble().Should().Be((double)k / (k + 1));
            row.GetProperty("equilibrium").GetDouble().Should().BeApproximately(row.GetProperty("bound").GetDouble() - row.GetProperty("exploitability").GetDouble(), 1e-15);
            row.GetProperty("exploitability").GetDouble().Should().BeLessThan(1e-10);
            row.GetProperty("nlhf").GetDouble().Should().Be(Math.Min((double)k / (k + 1), 0.6));
            row.GetProperty("policy").EnumerateObject().Sum(p => p.Value.GetDouble()).Should().BeApproximately(1.0, 1e-12);
        }
    }

    [Fact]
    public void Tts_Table_ShowsBoundAndBaseline()
    {
        var run = CliRun.WithStdin(FiniteGameSamples.Example, "tts", "-", "--k", "2");
        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("maximal lottery (NLHF): concise 0, detailed 1, clarify 0").And.Contain("0.6667");
    }

    [Theory]
    [InlineData("0", "error: --k: '0' is not an integer between 1 and 10000.*")]
    [InlineData("1,x", "error: --k: 'x' is not an integer between 1 and 10000.*")]
    [InlineData("1,,2", "error: --k 1,,2: an empty item; give comma-separated integers between 1 and 10000*")]
    [InlineData("", "error: --k : an empty item*")]
    public void Tts_BadK_IsAUsageError(string k, string message)
        => CliRun.WithStdin(FiniteGameSamples.Example, "tts", "-", "--k", k).ShouldFailWith(2, message);

    [Fact]
    public void Tts_InvalidPopulation_ExitsTwoNamingThePath()
        => CliRun.WithStdin(FiniteGameSamples.Example.Replace("0.4", "0.3", StringComparison.Ordinal), "tts", "-")
            .ShouldFailWith(2, "error: <stdin>: the user weights sum to 0.9; they must sum to 1 (within 1e-9).*");
}

using ActiveAlignment.Populations;

namespace ActiveAlignment.Tests.Cli;

public class PopulationCommandTests
{
    [Fact]
    public void Solve_Population_Json_AgreesWithTheLibrary()
    {
        var json = CliRun.WithStdin(PopulationSamples.ReasoningJson, "solve", "-", "--json").Json();

        var eq = PopulationSolver.Solve(PopulationSamples.ReasoningExample());
        json.GetProperty("status").GetString().Should().Be(SolveStatus(eq));
        var classes = json.GetProperty("classes").EnumerateArray().ToList();
        classes.Should().HaveCount(2);
        classes[0].GetProperty("name").GetString().Should().Be("reasoning");
        classes[0].GetProperty("count").GetInt32().Should().Be(3);
        classes[1].GetProperty("weights").GetProperty("center").GetDouble().Should().Be(eq.ClassWeights[1][1]);
        classes[1].GetProperty("multiplier").GetDouble().Should().Be(eq.Multipliers[1]);
        json.GetProperty("weights").GetProperty("left").GetDouble().Should().Be(eq.AverageWeights[0]);
        json.GetProperty("excluded").GetArrayLength().Should().Be(0);
        json.GetProperty("nashGap").GetDouble().Should().BeLessThanOrEqualTo(1e-10);
        json.GetProperty("uniqueEquilibrium").GetBoolean().Should().Be(eq.Uniqueness.UniqueEquilibrium);
    }

    private static string SolveStatus(PopulationEquilibrium eq) => char.ToLowerInvariant(eq.Status.ToString()[0]) + eq.Status.ToString()[1..];

    [Fact]
    public void Solve_Population_Table_ShowsEveryClass()
    {
        var run = CliRun.WithStdin(PopulationSamples.ReasoningJson, "solve", "-");
        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("reasoning (×3)").And.Contain("non-reasoning (×5)").And.Contain("population");
    }

    [Fact]
    public void Validate_Population_ListsClasses()
    {
        var json = CliRun.WithStdin(PopulationSamples.ReasoningJson, "validate", "-", "--json").Json();
        json.GetProperty("agents").GetInt32().Should().Be(8);
        json.GetProperty("classes").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Solve_PopulationWithBadClass_ExitsTwoNamingThePath()
        => CliRun.WithStdin(PopulationSamples.ReasoningJson.Replace("\"count\": 5", "\"count\": -1", StringComparison.Ordinal), "solve", "-")
            .ShouldFailWith(2, "error: <stdin>: agents[1].count = -1; it must be an integer >= 1.*");
}

using ActiveAlignment.Steering;
using ActiveAlignment.Tests.Serialization;

namespace ActiveAlignment.Tests.Cli;

public class SteerCommandTests
{
    [Fact]
    public void Steer_Json_AgreesWithTheLibrary()
    {
        var json = CliRun.WithStdin(GameSamples.Example, "steer", "-", "--threshold", "0.2", "--target", "left=0.4,center=0.3,right=0.3", "--json").Json();

        var report = SteeringReport.Analyze(TestGames.WorkedExample(), 0.2, [0.4, 0.3, 0.3]);
        json.GetProperty("status").GetString().Should().Be("interior");
        json.GetProperty("sensitivity").GetProperty("diversity").GetProperty("right").GetDouble().Should().Be(report.Sensitivity.Diversity![2]);
        json.GetProperty("sensitivity").GetProperty("attractiveness").GetProperty("left").GetDouble().Should().Be(report.Sensitivity.Attractiveness![0]);
        json.GetProperty("subsidyToFloor").GetProperty("right").GetDouble().Should().Be(report.SubsidyToFloor.Delta![2]);
        json.GetProperty("subsidyToTarget").GetProperty("right").GetDouble().Should().BeApproximately(0.17, 1e-12);
        json.GetProperty("minimumDiversity").GetDouble().Should().Be(report.MinimumDiversity.Value!.Value);
        json.GetProperty("minimumDiversityReason").GetString().Should().StartWith("raising diversity from 0.3 to 0.736396");
    }

    [Fact]
    public void Steer_NoTarget_HasNullSubsidyToTarget()
    {
        var json = CliRun.WithStdin(GameSamples.Example, "steer", "-", "--json").Json();
        json.GetProperty("subsidyToTarget").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("subsidyToFloor").GetProperty("left").GetDouble().Should().Be(0);
    }

    [Fact]
    public void Steer_BoundaryGame_SensitivityIsNullWithReason()
    {
        string game = GameSamples.Example.Replace("\"attractiveness\": 0.2 }", "\"attractiveness\": -2.0 }", StringComparison.Ordinal);
        var json = CliRun.WithStdin(game, "steer", "-", "--json").Json();
        json.GetProperty("status").GetString().Should().Be("boundary");
        json.GetProperty("sensitivity").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("sensitivityReason").GetString().Should().Contain("boundary");
        json.GetProperty("subsidyToFloorWeights").GetProperty("right").GetDouble().Should().BeApproximately(0.01, 1e-12);
    }

    [Fact]
    public void Steer_Table_ExplainsEachFigureInOneLine()
    {
        var run = CliRun.WithStdin(GameSamples.Example, "steer", "-", "--threshold", "0.2");
        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("minimum diversity: raising diversity from 0.3 to 0.736396 brings every group to at least 0.2");
        run.Out.Should().Contain("subsidy to floor: shifting attractiveness by the column above");
    }

    [Theory]
    [InlineData("--target", "left=0.5,center=0.5", "error: --target: give a weight for every group; right is missing.*")]
    [InlineData("--target", "left=0.5,centre=0.3,right=0.2", "error: --target: no group is called centre*")]
    [InlineData("--target", "left=0.5,center=0.4,right=0.4", "error: --target: the weights must sum to 1 within 1e-9; they sum to 1.3*")]
    [InlineData("--target", "left:0.5", "error: --target: 'left:0.5' is not NAME=W (no '=')*")]
    [InlineData("--max-diversity", "0.1", "error: --max-diversity 0.1: it must be a finite number at least the current diversity coefficient 0.3.*")]
    public void Steer_BadOption_IsAUsageError(string option, string value, string message)
        => CliRun.WithStdin(GameSamples.Example, "steer", "-", option, value).ShouldFailWith(2, message);
}

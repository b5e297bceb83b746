using System.Text.Json;

namespace ActiveAlignment.Tests.Cli;

/// <summary>The learning-agents surface of the tool: the JSON names of docs/model.md#names, exit codes, files.</summary>
public sealed class LearningCommandTests : IDisposable
{
    private static readonly string Samples = TestPaths.Samples;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Sample(string name) => Path.Combine(Samples, name);

    [Fact]
    public void Solve_Json_CarriesTheStability()
    {
        var stability = CliRun.Of("solve", Sample("specialising.json"), "--json").Json().GetProperty("stability");
        stability.GetProperty("label").GetString().Should().Be("unstable");
        stability.GetProperty("certified").GetBoolean().Should().BeTrue();
        stability.GetProperty("specialisationMargin").GetDouble().Should().BeNegative();
        stability.GetProperty("commonMargin").GetDouble().Should().BePositive();
        stability.GetProperty("slack").ValueKind.Should().Be(JsonValueKind.Null, "every group is in the support");
        stability.GetProperty("unstableMode").GetString().Should().Be("specialisation");
    }

    [Fact]
    public void Solve_Batch_LinesCarryTheStability()
    {
        string batch = _dir.File("b.jsonl", File.ReadAllText(Sample("ideological.json")).Replace("\n", " ", StringComparison.Ordinal) + "\n"
            + File.ReadAllText(Sample("specialising.json")).Replace("\n", " ", StringComparison.Ordinal) + "\n");
        var run = CliRun.Of("solve", "--batch", batch);
        run.ExitCode.Should().Be(0, run.Error);
        var labels = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("stability").GetProperty("label").GetString()).ToList();
        labels.Should().Equal("stable", "unstable");
    }

    [Fact]
    public void Validate_ReportsTheStabilityAndTheBoundaryLine()
    {
        var json = CliRun.Of("validate", Sample("ideological.json"), "--json").Json();
        json.GetProperty("stability").GetProperty("label").GetString().Should().Be("stable");
        (json.GetProperty("stabilityBoundarySlope").GetDouble() * 0.5).Should().BeApproximately(1.38146, 1e-5);
    }

    [Fact]
    public void Equilibria_Json_HasTheContractNames()
    {
        var json = CliRun.Of("equilibria", Sample("specialising.json"), "--json").Json();
        json.GetProperty("complete").GetBoolean().Should().BeTrue();
        json.GetProperty("supportsExamined").GetInt64().Should().Be(210);
        var all = json.GetProperty("equilibria").EnumerateArray().ToList();
        all.Should().HaveCount(6);
        all.Sum(e => e.GetProperty("multiplicity").GetInt64()).Should().Be(39);
        var stable = all.Where(e => e.GetProperty("stability").GetProperty("label").GetString() == "stable").Should().ContainSingle().Subject;
        stable.GetProperty("profile").GetArrayLength().Should().Be(4);
        stable.GetProperty("profile")[0].EnumerateObject().Select(p => p.Name).Should().Equal("left", "center", "right");
        stable.GetProperty("representation").GetProperty("right").GetDouble().Should().BeApproximately(0.09103, 1e-5);
        stable.GetProperty("potential").ValueKind.Should().Be(JsonValueKind.Number);
        stable.GetProperty("nashGap").GetDouble().Should().BeLessThan(1e-12);
        stable.GetProperty("certified").GetBoolean().Should().BeTrue();
        stable.GetProperty("continuum").ValueKind.Should().Be(JsonValueKind.Null);
        all.Single(e => e.GetProperty("homogeneous").GetBoolean()).GetProperty("stability").GetProperty("label").GetString().Should().Be("unstable");
    }

    [Fact]
    public void Equilibria_BeyondTheBound_ExitsTwoWithNothingOnStdout()
    {
        CliRun.Of("equilibria", Sample("specialising.json"), "--max-supports", "100")
            .ShouldFailWith(2, "*210 support profiles*more than the limit of 100*");
    }

    [Fact]
    public void Equilibria_RefusesAGameThatIsNotConcave()
    {
        string text = File.ReadAllText(Sample("ideological.json")).Replace("[[1.0, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]]",
            "[[-1.0, 0.2, 0.1], [0.2, -0.5, 0.2], [0.1, 0.2, -1.2]]", StringComparison.Ordinal);
        CliRun.Of("equilibria", _dir.File("bad-c.json", text)).ShouldFailWith(2, "*own concavity fails*");
    }

    [Fact]
    public void Dynamics_Json_HasTheContractNames_AndIsTheSameAtAnyThreadCount()
    {
        string[] args = ["dynamics", Sample("specialising.json"), "--rule", "replicator", "--starts", "20", "--seed", "4", "--json"];
        var one = CliRun.Of([.. args, "--threads", "1"]);
        var two = CliRun.Of([.. args, "--threads", "2"]);
        one.ExitCode.Should().Be(0, one.Error);
        Strip(one.Out).Should().Be(Strip(two.Out));
        var json = one.Json();
        json.GetProperty("rule").GetString().Should().Be("replicator");
        json.GetProperty("starts").GetInt32().Should().Be(20);
        json.GetProperty("seed").GetInt64().Should().Be(4);
        json.GetProperty("notConverged").GetInt32().Should().Be(0);
        var outcome = json.GetProperty("outcomes").EnumerateArray().Should().ContainSingle().Subject;
        outcome.GetProperty("count").GetInt32().Should().Be(20);
        outcome.GetProperty("share").GetDouble().Should().Be(1.0);
        outcome.GetProperty("interval").GetArrayLength().Should().Be(2);
        outcome.GetProperty("stability").GetProperty("label").GetString().Should().Be("stable");
        outcome.GetProperty("representation").GetProperty("right").GetDouble().Should().BeApproximately(0.09103, 1e-5);
        outcome.GetProperty("profile").GetArrayLength().Should().Be(4);

        // The provenance block names the command line (which differs in --threads); everything else is byte-identical.
        static string Strip(string json) => json[..json.IndexOf("\"provenance\"", StringComparison.Ordinal)];
    }

    [Fact]
    public void Dynamics_WritesTrajectoriesAndATernaryFigure()
    {
        string csv = _dir.Combine("paths.csv"), png = _dir.Combine("paths.png"), svg = _dir.Combine("paths.svg");
        var run = CliRun.Of("dynamics", Sample("specialising.json"), "--starts", "5", "--seed", "2", "--trajectories", csv, "--png", png, "--svg", svg);
        run.ExitCode.Should().Be(0, run.Error);
        var lines = File.ReadAllLines(csv);
        lines[0].Should().Be("start,iteration,agent,left,center,right");
        lines.Skip(1).Select(l => l.Split(',')[0]).Distinct().Should().Equal("0", "1", "2", "3", "4");
        lines.Skip(1).Should().OnlyContain(l => Math.Abs(l.Split(',').Skip(3).Sum(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)) - 1) < 1e-9);
        File.ReadAllBytes(png).Take(4).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G');
        File.ReadAllText(svg).Should().Contain("<svg").And.Contain("right");
    }

    [Fact]
    public void Dynamics_RejectsAnUnknownRuleAndABadStep()
    {
        CliRun.Of("dynamics", Sample("specialising.json"), "--rule", "fictitious").ExitCode.Should().Be(2);
        CliRun.Of("dynamics", Sample("specialising.json"), "--step", "2").ShouldFailWith(2, "*--step 2*(0, 1]*");
    }

    [Fact]
    public void Sweep_Json_CountsUnstablePointsAndStableExclusion()
    {
        var json = CliRun.Of("sweep", Sample("ideological.json"), "--x", "consistency=0.05:1:30", "--y", "diversity=0:3:30", "--threshold", "0.05", "--json").Json();
        json.GetProperty("interiorPoints").GetInt64().Should().Be(884);
        json.GetProperty("unstablePoints").GetInt64().Should().Be(463);
        json.GetProperty("groups").GetProperty("right").GetProperty("stableExcluded").GetInt64().Should().BeLessThanOrEqualTo(
            json.GetProperty("groups").GetProperty("right").GetProperty("excluded").GetInt64());
        json.GetProperty("anyGroup").GetProperty("stableExcluded").ValueKind.Should().Be(JsonValueKind.Number);
    }

    [Fact]
    public void RequireCertified_ExitsThree_WithTheOutputStillWritten()
    {
        string notConcave = _dir.File("nc.json", File.ReadAllText(Sample("ideological.json")).Replace("[[1.0, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]]",
            "[[-1.0, 0.2, 0.1], [0.2, -0.5, 0.2], [0.1, 0.2, -1.2]]", StringComparison.Ordinal));
        var run = CliRun.Of("solve", notConcave, "--json", "--require-certified");
        run.ExitCode.Should().Be(3);
        run.Out.Should().Contain("\"status\": \"notConcave\"", "the answer is still written for the pipeline to inspect");
        run.Error.Should().Contain("not certified: the equilibrium's status is notConcave");
        CliRun.Of("solve", notConcave).ExitCode.Should().Be(0, "without the option an uncertified answer is an answer");
        CliRun.Of("solve", Sample("ideological.json"), "--require-certified").ExitCode.Should().Be(0);
        CliRun.Of("steer", notConcave, "--require-certified").ExitCode.Should().Be(3);
        CliRun.Of("equilibria", Sample("specialising.json"), "--require-certified").ExitCode.Should().Be(0);
        CliRun.Of("dynamics", Sample("specialising.json"), "--starts", "3", "--require-certified").ExitCode.Should().Be(0);
        CliRun.Of("dynamics", Sample("specialising.json"), "--starts", "3", "--max-iterations", "1", "--require-certified").ExitCode.Should().Be(3);
        CliRun.Of("sweep", Sample("ideological.json"), "--x", "consistency=0.1:1:5", "--y", "diversity=0:1:5", "--require-certified")
            .ShouldFailWith(2, "*--require-certified needs --boundary*");
        CliRun.Of("sweep", Sample("ideological.json"), "--x", "consistency=0.01:1:5", "--y", "diversity=0:1:5", "--boundary", "--require-certified").ExitCode.Should().Be(0);
        string batch = _dir.File("b.jsonl", File.ReadAllText(Sample("ideological.json")).Replace("\n", " ", StringComparison.Ordinal) + "\n"
            + File.ReadAllText(notConcave).Replace("\n", " ", StringComparison.Ordinal) + "\n");
        var b = CliRun.Of("solve", "--batch", batch, "--require-certified");
        b.ExitCode.Should().Be(3);
        b.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2);
    }

    [Fact]
    public void Steer_Json_HasStabilityAndStableUpTo()
    {
        var json = CliRun.Of("steer", Sample("ideological.json"), "--threshold", "0.2", "--json").Json();
        json.GetProperty("stability").GetProperty("label").GetString().Should().Be("stable");
        json.GetProperty("stableUpTo").GetDouble().Should().BeApproximately(1.38146, 1e-5);
        json.GetProperty("minimumDiversityStable").GetBoolean().Should().BeTrue();

        var special = CliRun.Of("steer", Sample("specialising.json"), "--threshold", "0.1", "--json").Json();
        special.GetProperty("stability").GetProperty("label").GetString().Should().Be("unstable");
        special.GetProperty("stableUpTo").GetDouble().Should().Be(1.3, "unstable today: the interval of stability above today is empty");
    }
}

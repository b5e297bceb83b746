using ActiveAlignment.Serialization;
using ActiveAlignment.Sweeps;
using ActiveAlignment.Tests.Serialization;

namespace ActiveAlignment.Tests.Cli;

public sealed class SweepCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly string[] Axes = ["--x", "consistency=0.02:1:30", "--y", "diversity=0:1:20"];

    [Fact]
    public void Sweep_Json_AgreesWithTheLibrary()
    {
        var json = CliRun.WithStdin(GameSamples.Example, ["sweep", "-", .. Axes, "--threshold", "0.1", "--json"]).Json();

        var summary = ExclusionSweep.Run(GameJson.Read(GameSamples.Example), GridAxis.Parse(Axes[1]), GridAxis.Parse(Axes[3]),
            new SweepOptions { Threshold = 0.1 });
        json.GetProperty("points").GetInt64().Should().Be(600);
        json.GetProperty("interiorPoints").GetInt64().Should().Be(summary.InteriorPoints);
        json.GetProperty("singularPoints").GetInt64().Should().Be(summary.SingularPoints);
        json.GetProperty("threshold").GetDouble().Should().Be(0.1);
        var right = json.GetProperty("groups").GetProperty("right");
        right.GetProperty("excluded").GetInt64().Should().Be(summary["right"].Excluded).And.BeGreaterThan(0);
        right.GetProperty("exclusionArea").GetDouble().Should().Be(summary["right"].ExclusionArea);
        right.GetProperty("conditionalExclusion").GetDouble().Should().Be(summary["right"].ConditionalExclusion!.Value);
        json.GetProperty("anyGroup").GetProperty("excluded").GetInt64().Should().Be(summary.AnyGroup.Excluded);
        json.TryGetProperty("boundary", out _).Should().BeFalse();
    }

    [Fact]
    public void Sweep_Boundary_AddsBoundaryObject()
    {
        var json = CliRun.WithStdin(GameSamples.Example, ["sweep", "-", .. Axes, "--boundary", "--json"]).Json();

        var b = json.GetProperty("boundary");
        b.GetProperty("solvedPoints").GetInt64().Should().Be(json.GetProperty("noInteriorPoints").GetInt64() + json.GetProperty("singularPoints").GetInt64());
        b.GetProperty("groups").GetProperty("right").GetProperty("combinedExclusionArea").GetDouble().Should().BeGreaterThan(0);
    }

    [Fact]
    public void Sweep_CsvAndPng_WritesBothFiles()
    {
        string csv = _dir.Combine("points.csv"), png = _dir.Combine("map.png");
        var run = CliRun.WithStdin(GameSamples.Example, ["sweep", "-", .. Axes, "--csv", csv, "--png", png]);

        run.ExitCode.Should().Be(0, run.Error);
        var lines = File.ReadAllLines(csv);
        lines.Should().HaveCount(601);
        lines[0].Should().Be("consistency,diversity,status,left,center,right");
        var bytes = File.ReadAllBytes(png);
        bytes.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
        run.Out.Should().Contain("heatmap of right");
        Directory.GetFiles(_dir.Path, "*.tmp").Should().BeEmpty();
    }

    [Fact]
    public void Sweep_CsvIntoMissingDirectory_ExitsTwoAndWritesNothing()
    {
        string csv = Path.Combine(_dir.Path, "missing", "points.csv");
        CliRun.WithStdin(GameSamples.Example, ["sweep", "-", .. Axes, "--csv", csv]).ShouldFailWith(2, "error: --csv *: the directory * does not exist.*");
        Directory.GetFiles(_dir.Path, "*", SearchOption.AllDirectories).Should().BeEmpty();
    }

    [Fact]
    public void Sweep_InvalidGameWithCsv_LeavesNoFile()
    {
        string csv = _dir.Combine("points.csv");
        CliRun.WithStdin("{}", ["sweep", "-", .. Axes, "--csv", csv]).ShouldFailWith(2, "error: <stdin>: missing required property \"subpopulations\".*");
        File.Exists(csv).Should().BeFalse();
    }

    [Theory]
    [InlineData("--x", "reach=0:1:10", "error: --x 'reach' is not a coefficient*")]
    [InlineData("--x", "diversity=0:1:10", "error: --x and --y both name diversity*")]
    [InlineData("--x", "consistency=0:1:0", "error: --x 'consistency=0:1:0': count must be an integer >= 1*")]
    [InlineData("--x", "consistency=1:0:10", "error: --x 'consistency=1:0:10': stop (0) is before start (1)*")]
    [InlineData("--threshold", "1.5", "error: --threshold 1.5: the threshold must lie in the open interval (0, 1).*")]
    [InlineData("--focal", "centre", "error: --focal centre: no such group; the groups are left, center, right. Did you mean 'center'?*")]
    [InlineData("--x", "consistancy=0:1:5", "error: --x 'consistancy' is not a coefficient; use attractiveness, consistency or diversity. Did you mean 'consistency'?*")]
    public void Sweep_BadOption_IsAUsageError(string option, string value, string message)
    {
        var args = new List<string> { "sweep", "-", "--x", "consistency=0.02:1:30", "--y", "diversity=0:1:20" };
        int i = args.IndexOf(option);
        if (i >= 0)
        {
            args[i + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }
        CliRun.WithStdin(GameSamples.Example, [.. args]).ShouldFailWith(2, message);
    }

    [Fact]
    public void Sweep_MissingAxis_IsAUsageError()
        => CliRun.WithStdin(GameSamples.Example, "sweep", "-", "--x", "consistency=0:1:3").ShouldFailWith(2, "error: *--y*");

    [Fact]
    public void Demo_WritesTheHeatmapAndSaysWhere()
    {
        string dir = _dir.Combine("demo");
        var run = CliRun.Of("demo", "--out", dir);

        run.ExitCode.Should().Be(0, run.Error);
        string png = Path.Combine(dir, "ideological-exclusion.png");
        File.Exists(png).Should().BeTrue();
        run.Out.Should().Contain($"wrote {png}");
    }
}

public sealed class CompareCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Compare_TwoGames_WritesOneRowEachAndAgreesWithTheLibrary()
    {
        string a = _dir.File("model-a.json", GameSamples.Example);
        string b = _dir.File("model-b.json", GameSamples.Example.Replace("\"agents\": 4", "\"agents\": 2", StringComparison.Ordinal));
        string csv = _dir.Combine("table.csv"), md = _dir.Combine("table.md");

        var run = CliRun.Of("compare", a, b, "--x", "consistency=0.02:1:30", "--y", "diversity=0:1:20", "--threshold", "0.1", "--csv", csv, "--markdown", md, "--json");

        var json = run.Json();
        var expected = ExclusionSweep.Run(GameJson.Read(GameSamples.Example), GridAxis.Parse("consistency=0.02:1:30"), GridAxis.Parse("diversity=0:1:20"),
            new SweepOptions { Threshold = 0.1 });
        json.GetProperty("model-a").GetProperty("groups").GetProperty("right").GetProperty("excluded").GetInt64().Should().Be(expected["right"].Excluded);
        json.GetProperty("model-b").GetProperty("points").GetInt64().Should().Be(600);
        File.ReadAllLines(csv).Should().HaveCount(3);
        File.ReadAllText(md).Should().Contain("| model-a |").And.Contain("| model-b |");
    }

    [Fact]
    public void Compare_SameAxisTwice_IsAUsageError()
        => CliRun.Of("compare", "a.json", "--x", "diversity=0:1:3", "--y", "diversity=0:1:3").ShouldFailWith(2, "error: --x and --y both name diversity*");

    [Fact]
    public void Compare_NamedRows_TellApartFilesWithTheSameName()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.Combine("qwen"));
        Directory.CreateDirectory(dir.Combine("llama"));
        string game = File.ReadAllText(Path.Combine(TestPaths.Samples, "ideological.json"));
        string qwen = Path.Combine(dir.Combine("qwen"), "traits.json"), llama = Path.Combine(dir.Combine("llama"), "traits.json");
        File.WriteAllText(qwen, game);
        File.WriteAllText(llama, game);
        string[] grid = ["--x", "consistency=0.01:0.6:10", "--y", "diversity=0:1:10"];

        CliRun.Of(["compare", qwen, llama, .. grid]).ShouldFailWith(2, "error: *llama*traits.json: another game is already named traits; name the rows with NAME=FILE, e.g. llama=*");
        var run = CliRun.Of(["compare", $"qwen={qwen}", $"llama={llama}", .. grid]);
        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain("| qwen |").And.Contain("| llama |");
        CliRun.Of(["compare", qwen, .. grid]).ShouldFailWith(2, "error: compare needs at least two games, but got 1; to map one game, use sweep.*");
    }

    [Theory]
    [InlineData("sweep")]
    [InlineData("steer")]
    public void PopulationFile_WhereOneGameIsNeeded_IsRejectedInTheToolsTerms(string command)
    {
        string population = Path.Combine(TestPaths.Samples, "mixed-population.json");
        string[] args = command == "sweep" ? ["sweep", population, "--x", "consistency=0.01:0.6:5", "--y", "diversity=0:1:5"] : ["steer", population];
        CliRun.Of(args).ShouldFailWith(2, $"error: mixed-population.json: a population of 2 agent classes; {command} works on one homogeneous game. Use `active-alignment solve`*");
    }
}

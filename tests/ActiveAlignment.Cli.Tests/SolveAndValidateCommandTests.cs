using ActiveAlignment.Serialization;
using ActiveAlignment.Tests.Serialization;

namespace ActiveAlignment.Tests.Cli;

public sealed class SolveAndValidateCommandTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Solve_Json_AgreesWithTheLibrary()
    {
        string path = _dir.File("game.json", GameSamples.Example);

        var json = CliRun.Of("solve", path, "--json").Json();

        var eq = EquilibriumSolver.Solve(GameJson.Read(GameSamples.Example));
        json.GetProperty("status").GetString().Should().Be("interior");
        json.GetProperty("closedForm").GetString().Should().Be("interior");
        json.GetProperty("weights").EnumerateObject().Select(p => p.Name).Should().Equal("left", "center", "right");
        json.GetProperty("weights").GetProperty("right").GetDouble().Should().Be(eq.WeightOf("right"));
        json.GetProperty("multiplier").GetDouble().Should().Be(eq.Multiplier);
        json.GetProperty("support").EnumerateArray().Select(e => e.GetString()).Should().Equal("left", "center", "right");
        json.GetProperty("excluded").GetArrayLength().Should().Be(0);
        json.GetProperty("nashGap").GetDouble().Should().BeLessThanOrEqualTo(1e-10);
        json.GetProperty("kktResidual").GetDouble().Should().Be(eq.KktResidual);
        json.GetProperty("iterations").GetInt32().Should().Be(0);
        json.GetProperty("uniqueHomogeneous").GetBoolean().Should().BeTrue();
        json.GetProperty("uniqueEquilibrium").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public void Solve_FromStandardInputWithThreshold_ListsExcludedGroups()
    {
        var json = CliRun.WithStdin(GameSamples.Example, "solve", "-", "--threshold", "0.2", "--json").Json();

        json.GetProperty("excluded").EnumerateArray().Select(e => e.GetString()).Should().Equal("right");
    }

    [Fact]
    public void Solve_BoundaryGame_ReportsBoundaryAndSupport()
    {
        string game = GameSamples.Example.Replace("\"attractiveness\": 0.2 }", "\"attractiveness\": -2.0 }", StringComparison.Ordinal);
        var json = CliRun.WithStdin(game, "solve", "-", "--json").Json();

        json.GetProperty("status").GetString().Should().Be("boundary");
        json.GetProperty("closedForm").GetString().Should().Be("noInterior");
        json.GetProperty("weights").GetProperty("right").GetDouble().Should().Be(0);
        json.GetProperty("support").EnumerateArray().Select(e => e.GetString()).Should().Equal("left", "center");
        json.GetProperty("excluded").EnumerateArray().Select(e => e.GetString()).Should().Equal("right");
    }

    [Fact]
    public void Solve_Table_ShowsWeightsAndCertificate()
    {
        var run = CliRun.WithStdin(GameSamples.Example, "solve", "-");

        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain("interior").And.Contain("0.426174").And.Contain("Nash gap").And.Contain("certified");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public void Solve_AsymmetricMatrix_ExitsTwoNamingFileAndPath()
    {
        string path = _dir.File("game.json", GameSamples.Example.Replace("[0.1, 0.2, 1.2]", "[0.3, 0.2, 1.2]", StringComparison.Ordinal));

        CliRun.Of("solve", path).ShouldFailWith(2,
            "error: game.json: inconsistency[2][0] = 0.3 but inconsistency[0][2] = 0.1; the matrix must be symmetric*");
    }

    [Fact]
    public void Solve_MissingFile_ExitsTwo()
        => CliRun.Of("solve", _dir.Combine("nope.json")).ShouldFailWith(2, "error: *nope.json: no such file.*");

    [Fact]
    public void Solve_MalformedJson_ExitsTwo()
        => CliRun.WithStdin("{ \"agents\": ", "solve", "-").ShouldFailWith(2, "error: <stdin>: not valid JSON*");

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-0.5")]
    public void Solve_ThresholdOutsideUnitInterval_ExitsTwo(string threshold)
        => CliRun.WithStdin(GameSamples.Example, "solve", "-", "--threshold", threshold)
            .ShouldFailWith(2, "error: --threshold *: the threshold must lie in the open interval (0, 1).*");

    [Fact]
    public void Solve_ThresholdNotANumber_IsAUsageError()
        => CliRun.WithStdin(GameSamples.Example, "solve", "-", "--threshold", "abc").ShouldFailWith(2, "error: *abc*--help*");

    [Fact]
    public void UnknownCommand_IsAUsageError()
        => CliRun.Of("solv", "game.json").ShouldFailWith(2, "error: *");

    [Fact]
    public void Solve_MissingGameArgument_IsAUsageError()
        => CliRun.Of("solve").ShouldFailWith(2, "error: *");

    [Fact]
    public void Validate_Json_ReportsStructure()
    {
        var json = CliRun.WithStdin(GameSamples.Example, "validate", "-", "--json").Json();

        json.GetProperty("valid").GetBoolean().Should().BeTrue();
        json.GetProperty("subpopulations").GetInt32().Should().Be(3);
        json.GetProperty("agents").GetInt32().Should().Be(4);
        json.GetProperty("kappa").GetDouble().Should().BeApproximately(TestGames.WorkedExample().OwnConcavity.Kappa, 1e-15);
        json.GetProperty("ownConcave").GetBoolean().Should().BeTrue();
        json.GetProperty("uniqueEquilibrium").GetBoolean().Should().BeTrue();
        json.GetProperty("closedForm").GetString().Should().Be("interior");
    }

    [Fact]
    public void Validate_Table_SaysValid()
    {
        var run = CliRun.WithStdin(GameSamples.Example, "validate", "-");
        run.ExitCode.Should().Be(0);
        run.Out.Should().StartWith("-: valid game").And.Contain("κ = λ_min(ZᵀCZ)");
    }

    [Fact]
    public void Validate_UnknownProperty_ExitsTwo()
        => CliRun.WithStdin(GameSamples.Example.Replace("\"agents\"", "\"agnets\"", StringComparison.Ordinal), "validate", "-")
            .ShouldFailWith(2, "error: <stdin>: unknown property \"agnets\" (did you mean \"agents\"?)*");

    [Theory]
    [InlineData("solve")]
    [InlineData("validate")]
    [InlineData("sweep")]
    [InlineData("steer")]
    [InlineData("tts")]
    [InlineData("compare")]
    [InlineData("welfare")]
    [InlineData("nash")]
    [InlineData("demo")]
    public void Help_EveryCommand_ShowsAnExample(string command)
    {
        var run = CliRun.Of(command, "--help");
        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain("Example: active-alignment " + command);
    }

    [Fact]
    public void Version_PrintsAVersion()
    {
        var run = CliRun.Of("--version");
        run.ExitCode.Should().Be(0);
        run.Out.Should().MatchRegex(@"^\d+\.\d+\.\d+");
    }

    [Fact]
    public void Demo_PrintsBothGamesAndAnExclusion()
    {
        using var dir = new TempDir();
        var run = CliRun.Of("demo", "--out", dir.Combine("out"));

        run.ExitCode.Should().Be(0, run.Error);
        run.Out.Should().Contain("ILLUSTRATIVE").And.Contain("left").And.Contain("neuroticism").And.Contain("excluded (w < τ)    neuroticism");
    }

    private static string Game(string attractiveness, string inconsistency, string coefficients) => $$"""
        { "subpopulations": [ { "name": "x", "attractiveness": {{attractiveness}} }, { "name": "y", "attractiveness": 0.3 }, { "name": "z", "attractiveness": 0.2 } ],
          "inconsistency": {{inconsistency}}, "agents": 4, "coefficients": {{coefficients}} }
        """;

    [Theory]
    [InlineData("1e308", "[[1,0,0],[0,1,0],[0,0,1]]", "{\"attractiveness\": 1, \"consistency\": 0.5, \"diversity\": 0.3}", "*attractiveness*representable range is up to 1E+300*")]
    [InlineData("0.5", "[[1e308,0,0],[0,1,0],[0,0,1]]", "{\"attractiveness\": 1, \"consistency\": 0.5, \"diversity\": 0.3}", "*inconsistency has magnitude 1E+308*")]
    [InlineData("0.5", "[[1,0,0],[0,1,0],[0,0,1]]", "{\"attractiveness\": 1e-1000000000, \"consistency\": 0.5, \"diversity\": 0.3}", "*coefficients.attractiveness = 1e-1000000000 underflows to 0*")]
    [InlineData("0.5", "[[1,0,0],[0,1,0],[0,0,1]]", "{\"attractiveness\": 1, \"consistency\": 1e400, \"diversity\": 0.3}", "*coefficients.consistency = 1e400 is not representable*")]
    public void Solve_OverflowingInput_ExitsTwoNamingTheFieldAndRange(string a, string c, string lambda, string message)
        => CliRun.WithStdin(Game(a, c, lambda), "solve", "-").ShouldFailWith(2, message);

    [Theory]
    [InlineData("[[1e155,0.2,0.1],[0.2,0.5,0.2],[0.1,0.2,1.2]]", "{\"attractiveness\": 1, \"consistency\": 0.5, \"diversity\": 0.3}", true)]
    [InlineData("[[1e-12,3e-12,0],[3e-12,1e-12,0],[0,0,1e-12]]", "{\"attractiveness\": 1, \"consistency\": 1e12, \"diversity\": 0.3}", false)]
    public void Solve_HostileScaling_CertifiedOnlyWhenProved(string c, string lambda, bool certified)
    {
        var run = CliRun.WithStdin(Game("0.5", c, lambda), "solve", "-");
        run.ExitCode.Should().Be(0);
        run.Out.Contains("(certified;", StringComparison.Ordinal).Should().Be(certified);
        if (!certified)
        {
            run.Out.Should().Contain("NOT CERTIFIED").And.Contain("own concavity fails");
        }
        var json = CliRun.WithStdin(Game("0.5", c, lambda), "solve", "-", "--json").Json();
        json.GetProperty("certified").GetBoolean().Should().Be(certified);
        (json.GetProperty("nashGapBound").GetDouble() <= json.GetProperty("nashGapTolerance").GetDouble()).Should().Be(certified);
    }

    [Fact]
    public void NoArguments_PrintsTheUsageAndExitsTwo()
    {
        var run = CliRun.Of();
        run.ExitCode.Should().Be(2);
        run.Out.Should().BeEmpty();
        run.Error.Should().Contain("Usage:").And.Contain("solve").And.Contain("allocate");
    }

    [Fact]
    public void MistypedCommand_SuggestsTheNearestOne()
        => CliRun.Of("sovle", "x.json").ShouldFailWith(2, "*Did you mean 'solve'?*");
}

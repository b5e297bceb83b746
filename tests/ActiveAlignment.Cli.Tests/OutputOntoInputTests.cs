namespace ActiveAlignment.Tests.Cli;

/// <summary>An output path that is one of the command's inputs (by path, relative path or symbolic link) is refused, not overwritten.</summary>
public sealed class OutputOntoInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritingOntoTheGame_IsRefused_AndTheGameIsKept()
    {
        string original = File.ReadAllText(Path.Combine(TestPaths.Samples, "ideological.json"));
        string game = _dir.File("game.json", original);
        string link = _dir.Combine("link.json");
        File.CreateSymbolicLink(link, game);
        string[][] attempts =
        [
            ["sweep", game, "--x", "consistency=0.1:1:4", "--y", "diversity=0:1:4", "--csv", game],
            ["sweep", game, "--x", "consistency=0.1:1:4", "--y", "diversity=0:1:4", "--png", Path.Combine(_dir.Path, ".", "game.json")],
            ["report", game, "--out", link],
            ["dynamics", game, "--starts", "2", "--trajectories", game],
        ];
        foreach (var args in attempts)
        {
            CliRun.Of(args).ShouldFailWith(2, "*is this command's input*writing it would destroy it*");
            File.ReadAllText(game).Should().Be(original, string.Join(' ', args));
        }
    }

    [SkippableFact]
    public void A_hard_link_or_a_linked_directory_to_the_game_is_the_same_file_and_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "hard links and inode identity are tested on Unix");
        string original = File.ReadAllText(Path.Combine(TestPaths.Samples, "ideological.json"));
        string directory = Directory.CreateDirectory(_dir.Combine("real")).FullName;
        string game = Path.Combine(directory, "game.json");
        File.WriteAllText(game, original);
        string hard = _dir.Combine("hard.json");
        HardLink(game, hard);
        string linkedDirectory = _dir.Combine("alias");
        Directory.CreateSymbolicLink(linkedDirectory, directory);
        foreach (string output in new[] { hard, Path.Combine(linkedDirectory, "game.json") })
        {
            CliRun.Of("sweep", game, "--x", "consistency=0.1:1:4", "--y", "diversity=0:1:4", "--csv", output)
                .ShouldFailWith(2, "*is this command's input*(the same file under another name); writing it would destroy it*");
            File.ReadAllText(game).Should().Be(original, output);
        }
        // A different file is still written.
        CliRun.Of("sweep", game, "--x", "consistency=0.1:1:4", "--y", "diversity=0:1:4", "--csv", _dir.Combine("out.csv")).ExitCode.Should().Be(0);
    }

    private static void HardLink(string existing, string link)
    {
        using var ln = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ln", [existing, link]) { UseShellExecute = false })!;
        ln.WaitForExit();
        ln.ExitCode.Should().Be(0);
    }
}

/// <summary>Inputs whose meaning could silently change: a file named with '=', and a batch wrapper that repeats a key.</summary>
public sealed class AmbiguousInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AFileNamedWithEquals_IsReadAsItself_OrRefusedWhenAmbiguous()
    {
        string game = File.ReadAllText(Path.Combine(TestPaths.Samples, "ideological.json"));
        _dir.File("a=b.json", game);
        string[] args = ["compare", "a=b.json", "other=a=b.json", "--x", "consistency=0.1:1:3", "--y", "diversity=0:1:3"];
        var (code, output, _) = Run(args);
        code.Should().Be(0, "the file a=b.json exists, so it is read as itself");
        output.Should().Contain("| a=b |");
        _dir.File("b.json", game);
        var (code2, _, error) = Run(args);
        code2.Should().Be(2);
        error.Should().Contain("a=b.json: both a file of that name and NAME=FILE with FILE b.json exist");
    }

    /// <summary>The tool as a separate process in the scratch folder (relative paths are the point).</summary>
    private (int Code, string Out, string Error) Run(string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = _dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "active-alignment.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }

    [Fact]
    public void ABatchWrapperWithARepeatedKey_IsThatLinesError()
    {
        var run = CliRun.WithStdin("{\"id\": 1, \"game\": {}, \"game\": {}}\n", "solve", "--batch", "-");
        run.Out.Should().Contain("appears twice in the wrapper record");
        run.ExitCode.Should().Be(2);
    }
}

/// <summary>An ensemble whose replicates have another N or other coefficients than the point game would shift its intervals.</summary>
public sealed class TamperedEnsembleTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("agents", 7, "*replicates[3] has N = 7 agents but the point game has 6*")]
    [InlineData("diversity", 0.9, "*replicates[3] has coefficients (1, 0.5, 0.9) where the point game has (1, 0.5, 0.2)*")]
    public void AReplicateWithAnotherNOrCoefficients_IsRefused(string field, double value, string message)
    {
        var e = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Samples, "estimation", "traits-ensemble.json")))!;
        var replicate = e["replicates"]![3]!;
        if (field == "agents")
        {
            replicate["agents"] = (int)value;
        }
        else
        {
            replicate["coefficients"]![field] = value;
        }
        string path = _dir.File("tampered.json", e.ToJsonString());
        CliRun.Of("solve", "--ensemble", path).ShouldFailWith(2, message);
    }
}

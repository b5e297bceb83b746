using System.Diagnostics;

namespace ActiveAlignment.Tests.Cli;

/// <summary>
/// Output targets are never damaged nor left half-written: links stay links, pipes and devices are written through, a
/// directory is a usage error, write errors leave nothing behind, "-" is standard output, and SIGTERM cleans up. Every case
/// runs in a temporary directory (device nodes are made there with mknod, never the real /dev ones).
/// </summary>
public sealed class OutputSafetyTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly string Game = Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json");
    private static readonly string[] Grid = ["--x", "consistency=0.01:0.6:20", "--y", "diversity=0:1:20"];

    public void Dispose() => _dir.Dispose();


    private static CliRun Sweep(params string[] extra) => CliRun.Of(["sweep", Game, .. Grid, .. extra]);

    private string[] Leftovers() => Directory.GetFiles(_dir.Path, "*aa-tmp*"); // the compatible enumeration includes dot files

    private static void Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command) { UseShellExecute = false }.WithArguments(args))!;
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{command} {string.Join(' ', args)}");
    }

    private static string FileType(string path)
    {
        var start = new ProcessStartInfo("stat") { RedirectStandardOutput = true, UseShellExecute = false }.WithArguments(["-c", "%F", path]);
        using var process = Process.Start(start)!;
        string type = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return type;
    }

    [Fact]
    public void Csv_ThroughASymlink_ReplacesTheTargetAndKeepsTheLink()
    {
        string real = _dir.File("real.csv", "old\n");
        string link = _dir.Combine("link.csv");
        File.CreateSymbolicLink(link, real);

        Sweep("--csv", link).ExitCode.Should().Be(0);

        new FileInfo(link).LinkTarget.Should().NotBeNull("the link stays a link");
        File.ReadAllText(real).Should().StartWith("consistency,diversity,status");
        Leftovers().Should().BeEmpty();
    }

    [Fact]
    public async Task Csv_ToANamedPipe_IsWrittenThroughAndThePipeStays()
    {
        string pipe = _dir.Combine("pipe.csv");
        Run("mkfifo", pipe);
        var reader = Task.Run(() => File.ReadAllText(pipe));

        Sweep("--csv", pipe).ExitCode.Should().Be(0);

        string text = await reader.WaitAsync(TimeSpan.FromSeconds(30));
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(401);
        FileType(pipe).Should().Be("fifo", "the pipe is not replaced by a regular file");
        Leftovers().Should().BeEmpty();
    }

    [Fact]
    public void Csv_ToAFullDevice_ExitsTwoAndLeavesNothing()
    {
        string full = _dir.Combine("full");
        Run("mknod", full, "c", "1", "7"); // the "full" device: every write fails with ENOSPC

        Sweep("--csv", full).ShouldFailWith(2, "error: --csv *full: cannot write the file (No space left on device*nothing was left behind.*");
        FileType(full).Should().Be("character special file", "the device is not replaced by a regular file");
        Leftovers().Should().BeEmpty();
    }

    /// <summary>Two outputs commit together: when the second cannot be written, the first keeps its old content.</summary>
    [Fact]
    public void Estimate_WhenItsSecondOutputFails_LeavesTheFirstAsItWas()
    {
        string samples = Path.Combine(TestPaths.RepositoryRoot, "samples", "estimation");
        string game = _dir.File("game.json", "old content");
        string full = _dir.Combine("full");
        Run("mknod", full, "c", "1", "7");
        CliRun.Of("estimate", "--attractiveness", Path.Combine(samples, "attractiveness.csv"), "--inconsistency", Path.Combine(samples, "inconsistency.csv"),
                "--agents", "6", "--coefficients", "1,0.5,0.2", "--out", game, "--ensemble", full, "--bootstrap", "20")
            .ShouldFailWith(2, "*No space left on device*");
        File.ReadAllText(game).Should().Be("old content");
        Leftovers().Should().BeEmpty();

        string ensemble = _dir.Combine("ensemble.json");
        CliRun.Of("estimate", "--attractiveness", Path.Combine(samples, "attractiveness.csv"), "--inconsistency", Path.Combine(samples, "inconsistency.csv"),
                "--agents", "6", "--coefficients", "1,0.5,0.2", "--out", game, "--ensemble", ensemble, "--bootstrap", "20").ExitCode.Should().Be(0);
        File.ReadAllText(game).Should().StartWith("{");
        File.Exists(ensemble).Should().BeTrue();
        Leftovers().Should().BeEmpty();
    }

    [Fact]
    public void Csv_ToADirectory_IsAUsageError()
        => Sweep("--csv", _dir.Path).ShouldFailWith(2, "error: --csv *: is a directory; give the path of a file to write (or - for standard output).*");

    [Fact]
    public void Csv_ToStandardOutput_CarriesOnlyTheData()
    {
        var run = Sweep("--csv", "-");
        run.ExitCode.Should().Be(0);
        run.Out.Should().StartWith("consistency,diversity,status,left,center,right\n");
        run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(401);
        run.Error.Should().Contain("exclusion area", "the summary moves to standard error");
    }

    [Fact]
    public void Csv_AfterAKilledRun_StaleTemporaryFilesAreRemoved()
    {
        string stale = _dir.File(".points.csv.aa-tmp-999999-0123456789abcdef", "partial");
        string live = _dir.File($".points.csv.aa-tmp-{Environment.ProcessId}-fedcba9876543210", "being written");

        Sweep("--csv", _dir.Combine("points.csv")).ExitCode.Should().Be(0);

        File.Exists(stale).Should().BeFalse("its process is gone");
        File.Exists(live).Should().BeTrue("a running process's file is not touched");
    }

    [Fact]
    public void Png_FocalGroupNeverExcluded_RendersAValidImage()
    {
        string png = _dir.Combine("left.png");
        Sweep("--png", png, "--focal", "left").ExitCode.Should().Be(0);
        var bytes = File.ReadAllBytes(png);
        bytes.Take(8).Should().Equal(0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A);
    }

    [Fact]
    public async Task Sigterm_MidWrite_ExitsWith143AndLeavesNoTemporaryFile()
    {
        string csv = _dir.Combine("big.csv");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "active-alignment.dll"), "sweep", Game,
            "--x", "consistency=0.01:0.6:4000", "--y", "diversity=0:1:4000", "--csv", csv })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (Leftovers().Length == 0 && !process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Leftovers().Should().NotBeEmpty("the sweep must be mid-write when the signal arrives");
        Run("kill", "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(143);
        (await stderr).Should().Contain("cancelled");
        (await stdout).Should().BeEmpty();
        Leftovers().Should().BeEmpty();
        File.Exists(csv).Should().BeFalse();
    }
}

internal static class ProcessStartInfoExtensions
{
    public static ProcessStartInfo WithArguments(this ProcessStartInfo info, string[] args)
    {
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }
}

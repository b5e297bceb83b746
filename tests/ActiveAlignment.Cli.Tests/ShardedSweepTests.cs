using System.Diagnostics;
using System.Text.Json;

namespace ActiveAlignment.Tests.Cli;

public class ShardedSweepTests
{
    private static readonly string Game = Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json");

    private static string[] Sweep(params string[] extra) =>
        ["sweep", Game, "--x", "consistency=0.05:2:40", "--y", "diversity=0:3:23", "--threshold", "0.2", .. extra];

    [Theory]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(30, false)]
    public void Merged_shards_equal_the_unsharded_sweep_byte_for_byte(int shards, bool boundary)
    {
        using var dir = new TempDir();
        string[] b = boundary ? ["--boundary"] : [];
        var whole = CliRun.Of(Sweep([.. b, "--json", "--csv", dir.Combine("whole.csv")]));
        whole.ExitCode.Should().Be(0, whole.Error);
        var partials = new List<string>();
        foreach (int i in Enumerable.Range(0, shards).Reverse())
        {
            string partial = dir.Combine($"part-{i}.json");
            CliRun.Of(Sweep([.. b, "--shard", $"{i}/{shards}", "--partial", partial, "--csv", dir.Combine($"part-{i}.csv")])).ExitCode.Should().Be(0);
            partials.Add(partial);
        }
        var merged = CliRun.Of(["merge", .. partials, "--json", "--csv", dir.Combine("merged.csv")]);
        merged.ExitCode.Should().Be(0, merged.Error);
        merged.Out.Should().Be(whole.Out);
        File.ReadAllBytes(dir.Combine("merged.csv")).Should().Equal(File.ReadAllBytes(dir.Combine("whole.csv")));
        JsonDocument.Parse(merged.Out).RootElement.GetProperty("provenance").GetProperty("command").EnumerateArray()
            .Select(t => t.GetString()).Should().NotContain(["--shard", "--partial", "--csv", "--json"]);
    }

    [Fact]
    public void An_ensemble_sweep_sharded_by_replicate_merges_to_the_unsharded_answer()
    {
        using var dir = new TempDir();
        string ensemble = Path.Combine(TestPaths.RepositoryRoot, "samples", "estimation", "traits-ensemble.json");
        string[] sweep = ["sweep", "--ensemble", ensemble, "--x", "consistency=0.05:2:20", "--y", "diversity=0:3:20", "--threshold", "0.05", "--confidence", "0.9"];
        var whole = CliRun.Of([.. sweep, "--json"]);
        whole.ExitCode.Should().Be(0, whole.Error);
        for (int i = 0; i < 3; i++)
        {
            CliRun.Of([.. sweep, "--shard", $"{i}/3", "--partial", dir.Combine($"e{i}.json")]).ExitCode.Should().Be(0);
        }
        var merged = CliRun.Of("merge", dir.Combine("e1.json"), dir.Combine("e2.json"), dir.Combine("e0.json"), "--json");
        merged.ExitCode.Should().Be(0, merged.Error);
        merged.Out.Should().Be(whole.Out);
        CliRun.Of("merge", dir.Combine("e1.json"), dir.Combine("e2.json")).ShouldFailWith(2, "*shard 0/3 missing: replicates 0, 3, 6, … of the ensemble are not covered*");
    }

    [Fact]
    public void Missing_repeated_and_foreign_partials_are_named()
    {
        using var dir = new TempDir();
        for (int i = 0; i < 3; i++)
        {
            CliRun.Of(Sweep("--shard", $"{i}/3", "--partial", dir.Combine($"p{i}.json"))).ExitCode.Should().Be(0);
        }
        CliRun.Of("merge", dir.Combine("p0.json"), dir.Combine("p2.json")).ShouldFailWith(2, "*shard 1/3 missing: rows 1, 4, 7, … of the y axis are not covered*");
        CliRun.Of("merge", dir.Combine("p0.json"), dir.Combine("p1.json"), dir.Combine("p1.json"), dir.Combine("p2.json"))
            .ShouldFailWith(2, "*shard 1/3 given more than once*");
        string other = dir.File("other.json", File.ReadAllText(Game).Replace("0.5,", "0.55,"));
        CliRun.Of("sweep", other, "--x", "consistency=0.05:2:40", "--y", "diversity=0:3:23", "--threshold", "0.2", "--shard", "1/3", "--partial", dir.Combine("q1.json"))
            .ExitCode.Should().Be(0);
        CliRun.Of("merge", dir.Combine("p0.json"), dir.Combine("q1.json"), dir.Combine("p2.json")).ShouldFailWith(2, "*are sweeps of different games*");
        CliRun.Of("merge", Game).ShouldFailWith(2, "*not a partial sweep file*");
        CliRun.Of(Sweep("--shard", "3/3", "--partial", dir.Combine("x.json"))).ShouldFailWith(2, "*--shard 3/3: give I/N*");
        CliRun.Of(Sweep("--shard", "0/3")).ShouldFailWith(2, "*--shard needs --partial*");
        CliRun.Of("merge", dir.Combine("p0.json"), dir.Combine("p1.json"), dir.Combine("p2.json"), "--csv", dir.Combine("m.csv"))
            .ShouldFailWith(2, "*have no CSV*");
        File.Exists(dir.Combine("m.csv")).Should().BeFalse();
    }

    /// <summary>The documented GNU parallel recipe: four shards as four processes, then merge (installs `parallel` when missing).</summary>
    [Fact]
    public async Task A_four_shard_sweep_run_with_gnu_parallel_merges_to_the_unsharded_answer()
    {
        if (!await EnsureParallel())
        {
            Assert.Fail("GNU parallel is not installed: install the Debian package 'parallel' (.ci/run installs it; tests install nothing).");
        }
        using var dir = new TempDir();
        string tool = Path.Combine(AppContext.BaseDirectory, "active-alignment.dll");
        string sweep = $"dotnet {tool} sweep {Game} --x consistency=0.05:2:40 --y diversity=0:3:23 --threshold 0.2";
        var (code, _, error) = await Shell($"{sweep} --shard {{}}/4 --partial {dir.Path}/part-{{}}.json ::: 0 1 2 3", "parallel", "--halt", "now,fail=1");
        code.Should().Be(0, error);
        var whole = CliRun.Of(Sweep("--json"));
        var merged = CliRun.Of(["merge", .. Enumerable.Range(0, 4).Select(i => dir.Combine($"part-{i}.json")), "--json"]);
        merged.ExitCode.Should().Be(0, merged.Error);
        merged.Out.Should().Be(whole.Out);
    }

    /// <summary>docs/pipelines/slurm-sweep.sh, run as four array tasks would run it (with a small grid), then merged.</summary>
    [Fact]
    public async Task The_documented_slurm_array_script_shards_and_merges()
    {
        using var dir = new TempDir();
        string bin = Directory.CreateDirectory(dir.Combine("bin")).FullName;
        string wrapper = Path.Combine(bin, "active-alignment");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet {Path.Combine(AppContext.BaseDirectory, "active-alignment.dll")} \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        string script = Path.Combine(TestPaths.RepositoryRoot, "docs", "pipelines", "slurm-sweep.sh");
        for (int task = 0; task < 4; task++)
        {
            var start = new ProcessStartInfo("bash") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(Game);
            start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
            start.Environment["SLURM_ARRAY_TASK_COUNT"] = "4";
            start.Environment["SLURM_ARRAY_TASK_ID"] = task.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["SLURM_CPUS_PER_TASK"] = "1";
            start.Environment["AA_X"] = "consistency=0.05:2:30";
            start.Environment["AA_Y"] = "diversity=0:3:17";
            using var process = Process.Start(start)!;
            string error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.Should().Be(0, error);
        }
        var whole = CliRun.Of("sweep", Game, "--x", "consistency=0.05:2:30", "--y", "diversity=0:3:17", "--threshold", "0.05", "--boundary", "--json");
        var merged = CliRun.Of(["merge", .. Enumerable.Range(0, 4).Select(i => Path.Combine(dir.Path, "partials", $"part-{i}.json")), "--json"]);
        merged.ExitCode.Should().Be(0, merged.Error);
        merged.Out.Should().Be(whole.Out);
    }

    /// <summary>
    /// docs/pipelines/slurm-sweep.sh on a real single-node Slurm cluster (tests/slurm/real-cluster.sh: its own munge
    /// key, slurm.conf, ports and state directory; slurmctld and slurmd stopped by PID): the array, the dependent merge
    /// job, and the merged answer compared byte for byte with the unsharded sweep. Skipped only where Slurm cannot run
    /// (not Linux, or not root); missing packages fail, naming them (.ci/run installs them).
    /// </summary>
    [SkippableFact]
    public async Task The_documented_slurm_array_script_runs_on_a_real_slurm_cluster()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Slurm runs on Linux only");
        Skip.IfNot(Environment.UserName == "root", "a Slurm node daemon must run as root to launch jobs; run the tests as root (CI does)");
        string script = Path.Combine(TestPaths.RepositoryRoot, "tests", "slurm", "real-cluster.sh");
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string a in new[] { script, "dotnet", Path.Combine(AppContext.BaseDirectory, "active-alignment.dll") })
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            throw;
        }
        string message = await error;
        if (process.ExitCode == 77)
        {
            Assert.Fail(message.Trim() + " (.ci/run installs them; tests install nothing)");
        }
        process.ExitCode.Should().Be(0, message);
        (await output).Should().Contain("merged answer equals the unsharded sweep");
    }

    private static async Task<bool> EnsureParallel() => (await Shell("--version", "parallel")).Code == 0;

    private static async Task<(int Code, string Out, string Error)> Shell(string arguments, string program, params string[] before)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        if (program == "sh")
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(arguments[4..^1]);
        }
        else
        {
            foreach (string b in before)
            {
                start.ArgumentList.Add(b);
            }
            foreach (string a in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                start.ArgumentList.Add(a);
            }
        }
        try
        {
            using var process = Process.Start(start)!;
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output, await error);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (127, "", $"{program} not found");
        }
    }
}

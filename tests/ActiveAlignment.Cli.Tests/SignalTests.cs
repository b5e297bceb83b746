using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ActiveAlignment.Tests.Cli;

/// <summary>
/// Signals always work: a real process is signalled mid-computation, including inside computations that do not look at
/// the cancellation token (exact arithmetic on 2,000-digit payoffs, the report), and must exit 128 + the signal number
/// promptly, print nothing on standard output and leave no output file.
/// </summary>
public sealed class SignalTests : IDisposable
{
    private static readonly string[] Players = ["row", "column"];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>An 8×8 bimatrix game whose payoffs have ~1,990 digits: its exact enumeration runs for minutes.</summary>
    private string HugeBimatrix()
    {
        var random = new Random(7);
        string Big()
        {
            var digits = new char[1990];
            for (int i = 0; i < digits.Length; i++)
            {
                digits[i] = (char)('0' + random.Next(i == 0 ? 1 : 0, 10));
            }
            return (random.Next(2) == 0 ? "-" : "") + new string(digits);
        }
        const int n = 8;
        string json = JsonSerializer.Serialize(new
        {
            type = "bimatrix",
            players = Players,
            rowActions = Enumerable.Range(0, n).Select(i => $"r{i}").ToArray(),
            columnActions = Enumerable.Range(0, n).Select(i => $"c{i}").ToArray(),
            payoffs = Enumerable.Range(0, n).Select(_ => Enumerable.Range(0, n).Select(_ => new[] { Big(), Big() }).ToArray()).ToArray(),
        });
        return _dir.File("huge.json", json);
    }

    /// <summary>The processor time (user + system) a process has used so far, from /proc (clock ticks of 1/100 s).</summary>
    private static TimeSpan ProcessorTime(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // The fields after the command name's closing parenthesis start at field 3 (state); utime and stime are fields 14 and 15.
        string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        long ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>
    /// Starts the tool, waits until it has computed for <paramref name="cpu"/> of processor time (not wall time: on a loaded
    /// machine two seconds of wall time can still be start-up, before the signal handlers exist), then signals it.
    /// </summary>
    private static async Task<(int Code, string Out, string Error, TimeSpan Stop)> SignalMidway(string signal, TimeSpan cpu, params string[] args)
    {
        // Through env --default-signal: a test run under nohup (or started in the background) hands its children SIGHUP
        // (or SIGINT) ignored, and an ignored signal is never delivered, which is right for the tool but not what is tested.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("--default-signal=HUP,INT,TERM");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "active-alignment.dll"));
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var waited = Stopwatch.StartNew();
        while (!process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(120) && ProcessorTime(process.Id) < cpu)
        {
            await Task.Delay(50);
        }
        process.HasExited.Should().BeFalse("the computation must still be running when the signal arrives");
        var sent = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error, sent.Elapsed);
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    [InlineData("HUP", 129)]
    public async Task Exact_enumeration_that_never_checks_the_token_still_stops_at_once(string signal, int code)
    {
        string game = HugeBimatrix();
        string nfg = _dir.Combine("out.nfg");
        var (exit, output, error, stop) = await SignalMidway(signal, TimeSpan.FromSeconds(2), "nash", game, "--json", "--export-nfg", nfg);
        exit.Should().Be(code, error);
        stop.Should().BeLessThan(TimeSpan.FromSeconds(5), "the grace period is half a second");
        output.Should().BeEmpty();
        error.Should().Contain("cancelled");
        File.Exists(nfg).Should().BeFalse();
        Directory.GetFiles(_dir.Path, "*aa-tmp*").Should().BeEmpty();
    }

    [Fact]
    public async Task A_large_report_stops_and_writes_nothing()
    {
        string html = _dir.Combine("report.html");
        var (exit, output, error, _) = await SignalMidway("TERM", TimeSpan.FromSeconds(2), "report",
            Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json"), "--x", "consistency=0.05:2:3000", "--y", "diversity=0:3:3000", "--out", html);
        exit.Should().Be(143, error);
        output.Should().BeEmpty();
        File.Exists(html).Should().BeFalse();
        Directory.GetFiles(_dir.Path, "*aa-tmp*").Should().BeEmpty();
    }

    private static async Task<(int Code, string Out, string Error)> Shell(string script)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["AA"] = "dotnet " + Path.Combine(AppContext.BaseDirectory, "active-alignment.dll");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Standard streams as a pipeline leaves them: closed, full, or a reader that goes away.</summary>
    [Fact]
    public async Task Closed_full_and_abandoned_standard_streams_end_the_run_cleanly()
    {
        string game = Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json");
        var closedOut = await Shell($"$AA solve '{game}' >&-; echo \"rc=$?\" >&2");
        closedOut.Error.Should().Contain("standard output is closed").And.Contain("rc=2").And.NotContain("   at ");

        string full = _dir.Combine("full");
        using (var mknod = Process.Start("mknod", [full, "c", "1", "7"]))
        {
            await mknod.WaitForExitAsync();
        }
        var fullOut = await Shell($"$AA solve '{game}' > '{full}'; echo \"rc=$?\" >&2");
        fullOut.Error.Should().Contain("cannot write standard output (No space left on device)").And.Contain("rc=2").And.NotContain("   at ");

        var closedIn = await Shell("timeout 20 $AA solve - <&-; echo \"rc=$?\" >&2");
        closedIn.Error.Should().Contain("<stdin>").And.Contain("rc=2");

        // A batch whose reader stops after one answer stops too (quietly, 141), instead of solving every record.
        string batch = _dir.File("many.jsonl", string.Concat(Enumerable.Repeat(File.ReadAllText(game).ReplaceLineEndings(" ") + "\n", 400_000)));
        var piped = await Shell($"$AA solve --batch '{batch}' | head -c 10 > /dev/null; echo \"rc=${{PIPESTATUS[0]}}\" >&2");
        piped.Error.Should().Contain("rc=141").And.NotContain("   at ");
        piped.Error.Should().NotContain("400000 records", "the batch stops when its reader has gone");

        // --csv - streams (nothing is held back), so its reader sees rows at once and a reader that goes away stops it too.
        var csv = await Shell($"$AA sweep '{game}' --x consistency=0.05:2:2000 --y diversity=0:3:2000 --csv - 2>/dev/null | head -n 3; echo \"rc=${{PIPESTATUS[0]}}\" >&2");
        csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(3).And.Subject.First().Should().StartWith("consistency,diversity,status");
        csv.Error.Should().Contain("rc=141");
    }
}

using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace ActiveAlignment.Tests.Cli;

/// <summary>
/// The audit report in a real browser: headless Chromium (the Debian package, which .ci/run installs) driven over the DevTools
/// protocol with the network emulated offline and a dead proxy. The test fails on any console message of level warning or
/// error, any exception, any request other than the file itself and its data URIs, any image that does not decode, a
/// missing section or a heading out of order; it saves a full-page screenshot and prints the page to PDF.
/// </summary>
public class ReportBrowserTests(ITestOutputHelper output)
{
    private static readonly string Samples = Path.Combine(TestPaths.RepositoryRoot, "samples");

    public static TheoryData<string, string[], string[]> Reports() => new()
    {
        { "single", [Path.Combine(Samples, "ideological.json"), "--threshold", "0.2"], ["summary", "equilibrium", "uniqueness", "learning", "exclusion", "steering", "model", "provenance"] },
        { "ensemble", ["--ensemble", Path.Combine(Samples, "estimation", "traits-ensemble.json"), "--threshold", "0.05"],
            ["summary", "equilibrium", "uniqueness", "learning", "uncertainty", "exclusion", "steering", "model", "provenance"] },
        { "comparison", [$"estimated={Path.Combine(Samples, "estimation", "traits.json")}", $"truth={Path.Combine(Samples, "estimation", "truth.json")}", "--threshold", "0.05"],
            ["summary", "equilibrium", "uniqueness", "learning", "exclusion", "comparison", "steering", "model", "provenance"] },
        { "specialising", [Path.Combine(Samples, "specialising.json"), "--threshold", "0.1"],
            ["summary", "equilibrium", "uniqueness", "learning", "exclusion", "steering", "model", "provenance"] },
    };

    [Theory]
    [MemberData(nameof(Reports))]
    public async Task The_report_renders_offline_in_chromium_without_errors(string name, string[] input, string[] sections)
    {
        string chromium = Chromium.Find() ?? throw new InvalidOperationException("chromium is not installed: install the Debian package 'chromium' (.ci/run installs it; tests install nothing).");
        using var dir = new TempDir();
        string html = dir.Combine($"report-{name}.html");
        var run = CliRun.Of(["report", .. input, "--out", html]);
        run.ExitCode.Should().Be(0, run.Error);
        string text = File.ReadAllText(html);
        text.Should().NotContainAny(["<script", "http://", "https://fonts", "@import", "url("], "the report is self-contained");

        await using var browser = await Chromium.Start(chromium, dir.Combine("profile"));
        var page = await browser.OpenPage();
        await page.Navigate(new Uri(html).AbsoluteUri);
        var facts = await page.Evaluate("""
            JSON.stringify({
              sections: [...document.querySelectorAll('main > section')].map(s => s.id),
              headings: [...document.querySelectorAll('h1, h2, h3, h4')].map(h => +h.tagName[1]),
              images: [...document.images].map(i => i.complete && i.naturalWidth > 0),
              alts: [...document.images].map(i => (i.getAttribute('alt') || '').length),
              captions: [...document.querySelectorAll('table')].map(t => !!t.querySelector('caption')),
              height: document.documentElement.scrollHeight })
            """);
        var f = JsonNode.Parse(facts)!;
        f["sections"]!.AsArray().Select(s => s!.GetValue<string>()).Should().Equal(sections);
        var headings = f["headings"]!.AsArray().Select(h => h!.GetValue<int>()).ToList();
        headings[0].Should().Be(1);
        headings.Zip(headings.Skip(1)).Should().OnlyContain(p => p.Second <= p.First + 1, "headings never skip a level");
        f["images"]!.AsArray().Should().NotBeEmpty().And.OnlyContain(i => i!.GetValue<bool>(), "every figure decodes");
        f["alts"]!.AsArray().Should().OnlyContain(a => a!.GetValue<int>() > 20, "every figure has alt text");
        f["captions"]!.AsArray().Should().OnlyContain(c => c!.GetValue<bool>(), "every table has a caption");
        string screenshot = Path.Combine(Path.GetTempPath(), $"aa-report-{name}.png");
        await File.WriteAllBytesAsync(screenshot, await page.Screenshot(f["height"]!.GetValue<int>()));
        output.WriteLine($"screenshot: {screenshot}");
        (await page.PrintToPdf()).Length.Should().BeGreaterThan(10_000, "the report prints");
        await Task.Delay(300);
        page.Problems.Should().BeEmpty("the page loads offline with no console message, exception or request");
        page.Requests.Should().OnlyContain(u => u.StartsWith("file:", StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal));

        // Negative control: the same page with one external image must be caught, or the checks above prove nothing.
        string tampered = dir.Combine("tampered.html");
        File.WriteAllText(tampered, text.Replace("</main>", "<img src=\"https://example.com/pixel.png\" alt=\"external\"></main>", StringComparison.Ordinal));
        var control = await browser.OpenPage();
        await control.Navigate(new Uri(tampered).AbsoluteUri);
        await Task.Delay(300);
        control.Problems.Should().NotBeEmpty("an external request is reported");
    }

    /// <summary>A minimal DevTools-protocol client: just what the test needs.</summary>
    private sealed class Chromium : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ClientWebSocket _socket = new();
        private readonly Dictionary<int, TaskCompletionSource<JsonNode>> _pending = [];
        private readonly List<(string Method, string? Session, JsonNode Params)> _events = [];
        private readonly SemaphoreSlim _send = new(1, 1);
        private int _id;
        private Task? _reader;

        private Chromium(Process process) => _process = process;

        private static readonly string[] Executables = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

        public static string? Find() => Executables.FirstOrDefault(File.Exists);

        public static async Task<Chromium> Start(string executable, string profile)
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            foreach (string arg in new[]
            {
                "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", $"--user-data-dir={profile}",
                "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions", "about:blank",
            })
            {
                start.ArgumentList.Add(arg);
            }
            var process = Process.Start(start)!;
            var chromium = new Chromium(process);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? endpoint = null;
            while (endpoint is null)
            {
                string? line = await process.StandardError.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("chromium exited before listening");
                int at = line.IndexOf("ws://", StringComparison.Ordinal);
                if (line.Contains("DevTools listening on", StringComparison.Ordinal) && at >= 0)
                {
                    endpoint = line[at..].Trim();
                }
            }
            _ = process.StandardError.ReadToEndAsync();
            _ = process.StandardOutput.ReadToEndAsync();
            await chromium._socket.ConnectAsync(new Uri(endpoint), timeout.Token);
            chromium._reader = chromium.Read();
            return chromium;
        }

        public async Task<JsonNode> Send(string method, object? parameters = null, string? session = null)
        {
            int id = Interlocked.Increment(ref _id);
            var done = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_pending)
            {
                _pending[id] = done;
            }
            var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonSerializer.SerializeToNode(parameters ?? new { }) };
            if (session is not null)
            {
                message["sessionId"] = session;
            }
            await _send.WaitAsync();
            try
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                _send.Release();
            }
            var result = await done.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return result["error"] is { } error ? throw new InvalidOperationException($"{method}: {error.ToJsonString()}") : result["result"]!;
        }

        private async Task Read()
        {
            var buffer = new byte[1 << 20];
            var message = new MemoryStream();
            while (_socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult received;
                try
                {
                    received = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                }
                catch (WebSocketException)
                {
                    return;
                }
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }
                var node = JsonNode.Parse(message.ToArray())!;
                message.SetLength(0);
                if (node["id"] is { } idNode)
                {
                    TaskCompletionSource<JsonNode>? done;
                    lock (_pending)
                    {
                        _pending.Remove(idNode.GetValue<int>(), out done);
                    }
                    done?.TrySetResult(node);
                }
                else if (node["method"] is { } method)
                {
                    lock (_events)
                    {
                        _events.Add((method.GetValue<string>(), node["sessionId"]?.GetValue<string>(), node["params"] ?? new JsonObject()));
                    }
                }
            }
        }

        public List<(string Method, string? Session, JsonNode Params)> Events(string session)
        {
            lock (_events)
            {
                return _events.Where(e => e.Session == session).ToList();
            }
        }

        public async Task<Page> OpenPage()
        {
            string target = (await Send("Target.createTarget", new { url = "about:blank" }))["targetId"]!.GetValue<string>();
            string session = (await Send("Target.attachToTarget", new { targetId = target, flatten = true }))["sessionId"]!.GetValue<string>();
            foreach (string domain in new[] { "Page", "Runtime", "Log", "Network" })
            {
                await Send($"{domain}.enable", null, session);
            }
            await Send("Network.emulateNetworkConditions", new { offline = true, latency = 0, downloadThroughput = -1, uploadThroughput = -1 }, session);
            return new Page(this, session);
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Send("Browser.close").WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or WebSocketException)
            {
            }
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill(entireProcessTree: true);
            }
            _socket.Dispose();
            _process.Dispose();
        }
    }

    private sealed class Page(Chromium browser, string session)
    {
        public async Task Navigate(string url)
        {
            await browser.Send("Page.navigate", new { url }, session);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!browser.Events(session).Any(e => e.Method == "Page.loadEventFired"))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException("the report did not finish loading within 60 s");
                }
                await Task.Delay(50);
            }
        }

        public async Task<string> Evaluate(string expression) =>
            (await browser.Send("Runtime.evaluate", new { expression, returnByValue = true }, session))["result"]!["value"]!.GetValue<string>();

        public async Task<byte[]> Screenshot(int height)
        {
            await browser.Send("Emulation.setDeviceMetricsOverride", new { width = 1280, height = Math.Min(height, 16000), deviceScaleFactor = 1, mobile = false }, session);
            var shot = await browser.Send("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true }, session);
            return Convert.FromBase64String(shot["data"]!.GetValue<string>());
        }

        public async Task<byte[]> PrintToPdf() =>
            Convert.FromBase64String((await browser.Send("Page.printToPDF", new { printBackground = true }, session))["data"]!.GetValue<string>());

        public IReadOnlyList<string> Requests => browser.Events(session).Where(e => e.Method == "Network.requestWillBeSent")
            .Select(e => e.Params["request"]!["url"]!.GetValue<string>()).ToList();

        public IReadOnlyList<string> Problems => browser.Events(session).SelectMany(e => e.Method switch
        {
            "Runtime.consoleAPICalled" => [$"console.{e.Params["type"]}: {e.Params["args"]?.ToJsonString()}"],
            "Runtime.exceptionThrown" => [$"exception: {e.Params["exceptionDetails"]?.ToJsonString()}"],
            "Log.entryAdded" when e.Params["entry"]!["level"]!.GetValue<string>() is "error" or "warning" => [$"log: {e.Params["entry"]!.ToJsonString()}"],
            "Network.loadingFailed" => [$"failed request: {e.Params.ToJsonString()}"],
            _ => Array.Empty<string>(),
        }).ToList();
    }
}

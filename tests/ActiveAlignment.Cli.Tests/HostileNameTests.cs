using System.Text.Json.Nodes;

namespace ActiveAlignment.Tests.Cli;

/// <summary>Names that try to act on the reader: escape sequences and bidirectional overrides are shown, never obeyed.</summary>
public sealed class HostileNameTests : IDisposable
{
    private const string Hostile = "ri\u001b]0;pwned\u0007ght\u202Eevil";
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Game()
    {
        var g = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.Samples, "ideological.json")))!;
        g["subpopulations"]![2]!["name"] = Hostile;
        return _dir.File("hostile.json", g.ToJsonString());
    }

    [Fact]
    public void TextOutputAndErrors_ShowControlCharactersVisibly()
    {
        string path = Game();
        var run = CliRun.Of("solve", path, "--threshold", "0.2");
        run.ExitCode.Should().Be(0);
        run.Out.Should().NotContain("\u001b").And.NotContain("\u0007").And.NotContain("\u202E");
        run.Out.Should().Contain("ri\\u{001B}]0;pwned\\u{0007}ght\\u{202E}evil");
        var error = CliRun.Of("sweep", path, "--x", "consistency=0:1:3", "--y", "diversity=0:1:3", "--focal", "nope");
        error.Error.Should().NotContain("\u001b").And.Contain("\\u{001B}");
        // JSON keeps the name exactly (escaped by the JSON writer).
        CliRun.Of("solve", path, "--json").Json().GetProperty("weights").EnumerateObject().Select(p => p.Name).Should().Contain(Hostile);
    }

    [Fact]
    public void TheReport_IsolatesANameWithABidirectionalOverride()
    {
        string path = Game();
        string html = _dir.Combine("r.html");
        CliRun.Of("report", path, "--out", html).ExitCode.Should().Be(0);
        string text = File.ReadAllText(html);
        text.Should().Contain("\u2068ri");
        int at = text.IndexOf("\u2068ri", StringComparison.Ordinal);
        text.IndexOf('\u2069', at).Should().BeGreaterThan(at, "every isolate is closed, so the override stops at the name");
    }
}

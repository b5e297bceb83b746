using System.Text.Json;
using ActiveAlignment.Cli;

namespace ActiveAlignment.Tests.Cli;

/// <summary>Runs the tool in-process and captures what it printed.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun WithStdin(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = CliApp.Run(args, new CliConsole(new StringReader(stdin), output, error, stderrIsTerminal: false));
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static CliRun Of(params string[] args) => WithStdin("", args);

    public JsonElement Json()
    {
        ExitCode.Should().Be(0, Error);
        using var doc = JsonDocument.Parse(Out);
        return doc.RootElement.Clone();
    }

    public void ShouldFailWith(int code, string messagePattern)
    {
        ExitCode.Should().Be(code);
        Out.Should().BeEmpty("nothing reaches stdout when a command fails");
        Error.Should().Match(messagePattern);
        Error.Should().NotContain("   at ", "no stack traces without --verbose");
        Error.Should().NotContain("Exception", "no exception type names without --verbose");
    }
}

/// <summary>A temporary directory with sample game files, deleted afterwards.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aa-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string content)
    {
        string path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

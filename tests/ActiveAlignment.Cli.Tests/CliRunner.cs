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


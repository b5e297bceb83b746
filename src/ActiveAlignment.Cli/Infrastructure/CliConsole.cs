namespace ActiveAlignment.Cli;

/// <summary>The streams a command runs against (the process console, or strings in tests).</summary>
/// <param name="In">Standard input (read when GAME is "-").</param>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="stderrIsTerminal">True when standard error is an interactive terminal (progress bars are drawn only then).</param>
public sealed class CliConsole(TextReader In, TextWriter Out, TextWriter Error, bool stderrIsTerminal)
{
    /// <summary>Standard input.</summary>
    public TextReader In { get; } = In;

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; } = Out;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = Error;

    /// <summary>True when standard error is an interactive terminal.</summary>
    public bool StderrIsTerminal { get; } = stderrIsTerminal;

    /// <summary>Standard output as a byte stream, for binary data written to "-" (null: data is written to <see cref="Out"/> as UTF-8).</summary>
    public Stream? Binary { get; init; }

    /// <summary>Standard input as bytes (for streaming batches), when the process has one; else read <see cref="In"/>.</summary>
    public Stream? BinaryIn { get; init; }

    /// <summary>The exit code of a cancelled run: 130 for SIGINT (Ctrl-C), 143 for SIGTERM, 129 for SIGHUP.</summary>
    public int CancelledExitCode { get; set; } = 130;

    /// <summary>Every input read in this run (path as given, SHA-256 of its bytes), for the provenance of JSON outputs.</summary>
    public IO.InputFiles Inputs { get; } = new(In);
}

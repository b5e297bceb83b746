namespace ActiveAlignment.Cli;

/// <summary>Invalid input or usage: reported as one line on stderr with exit code 2, never with a stack trace.</summary>
/// <param name="message">What is wrong, naming the file, option or JSON path and the valid range.</param>
public sealed class CliException(string message) : Exception(message);

namespace ActiveAlignment.IO;

/// <summary>
/// An output file that cannot be written (<see cref="OutputFiles"/>): an empty path, a directory, a missing directory, one of
/// the step's own inputs, or a failed write or rename. The message starts with the field that gave the path and says what to
/// do instead; nothing partial is left behind.
/// </summary>
public sealed class OutputFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The option or field that gave the path (e.g. <c>--csv</c>); empty when several outputs are concerned.</param>
    /// <param name="path">The path as given; empty when several outputs are concerned.</param>
    /// <param name="message">The whole message.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public OutputFileException(string field, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Field = field;
        Path = path;
    }

    /// <summary>The option or field that gave the path.</summary>
    public string Field { get; }

    /// <summary>The path as given.</summary>
    public string Path { get; }
}

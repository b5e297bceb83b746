namespace ActiveAlignment.IO;

/// <summary>An input file that cannot be read (<see cref="InputFiles"/>). The message starts with the path and says why.</summary>
public sealed class InputFileException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The path as given.</param>
    /// <param name="message">The whole message.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public InputFileException(string path, string message, Exception? inner = null)
        : base(message, inner) => Path = path;

    /// <summary>The path as given.</summary>
    public string Path { get; }
}

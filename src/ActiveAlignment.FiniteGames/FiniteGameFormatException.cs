namespace ActiveAlignment.FiniteGames;

/// <summary>
/// A finite-game file (payoffs, two-player game, population, allocation) that cannot be read: the message names the source,
/// the JSON path of the offending field and what is wrong with it.
/// </summary>
public sealed class FiniteGameFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name (or "-" for standard input).</param>
    /// <param name="path">The JSON path of the offending field.</param>
    /// <param name="detail">What is wrong, with the valid range.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public FiniteGameFormatException(string source, string path, string detail, Exception? inner = null)
        : base($"{source}: {detail}", inner)
    {
        Source = source;
        JsonPath = path;
        Detail = detail;
    }

    /// <summary>The file name (or "-").</summary>
    public new string Source { get; }

    /// <summary>The JSON path of the offending field.</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong.</summary>
    public string Detail { get; }
}

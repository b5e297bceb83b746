namespace ActiveAlignment.FiniteGames;

/// <summary>
/// A finite-game file (payoffs, two-player game, population, allocation) that cannot be read: the message names the source,
/// the JSON path of the offending field and what is wrong with it.
/// </summary>
public sealed class FiniteGameFormatException : InputFormatException, ActiveAlignment.Serialization.IInputFormatExceptionFactory<FiniteGameFormatException>
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name (or "-" for standard input).</param>
    /// <param name="path">The JSON path of the offending field.</param>
    /// <param name="detail">What is wrong, with the valid range.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public FiniteGameFormatException(string source, string path, string detail, Exception? inner = null)
        : base(source, path, detail, $"{source}: {detail}", inner)
    {
    }

    /// <summary>The JSON path of the offending element ("$" for the document).</summary>
    public string JsonPath => Location;

    static FiniteGameFormatException ActiveAlignment.Serialization.IInputFormatExceptionFactory<FiniteGameFormatException>.Create(string source, string path, string detail, Exception? inner)
        => new(source, path, detail, inner);
}

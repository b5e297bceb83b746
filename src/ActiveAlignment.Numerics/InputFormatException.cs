namespace ActiveAlignment;

/// <summary>
/// An input that cannot be read: malformed JSON or text, a missing, unknown or malformed field, or a value outside its valid
/// range. The message starts with the source (a file name, or <c>-</c> for standard input) and its location, and says what
/// is wrong with the valid range. The packages throw it as <c>ActiveAlignment.Serialization.GameFormatException</c> (games,
/// populations, ensembles), <c>ActiveAlignment.Estimation.MeasurementFormatException</c> (measurement tables) and
/// <c>ActiveAlignment.FiniteGames.FiniteGameFormatException</c> (finite-game files); catch this type for any of them.
/// </summary>
public abstract class InputFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name or other label of the input.</param>
    /// <param name="location">Where in the input: a JSON path ("$" for the document), or a line and column of a table.</param>
    /// <param name="detail">What is wrong, with the valid range.</param>
    /// <param name="message">The whole message, starting with the source.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    protected InputFormatException(string source, string location, string detail, string message, Exception? inner = null)
        : base(message, inner)
    {
        Source = source;
        Location = location;
        Detail = detail;
    }

    /// <summary>The file name or label of the input.</summary>
    public new string Source { get; }

    /// <summary>Where in the input: a JSON path, or a table's line and column.</summary>
    public string Location { get; }

    /// <summary>The message without the source and location prefix.</summary>
    public string Detail { get; }
}

namespace ActiveAlignment.Serialization;

/// <summary>
/// A game file that cannot be read: malformed JSON, a missing, unknown or malformed property, or a value that breaks a
/// rule of docs/model.md#objects. The message starts with the source name and names the JSON path, e.g.
/// <c>game.json: inconsistency[2][0] = 0.3 but inconsistency[0][2] = 0.1; the matrix must be symmetric</c>.
/// </summary>
public sealed class GameFormatException : InputFormatException, IInputFormatExceptionFactory<GameFormatException>
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name or other label of the input.</param>
    /// <param name="path">The JSON path of the offending element ("$" for the document).</param>
    /// <param name="detail">What is wrong, with the valid range.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public GameFormatException(string source, string path, string detail, Exception? inner = null)
        : base(source, path, detail, $"{source}: {detail}", inner)
    {
    }

    /// <summary>The JSON path of the offending element ("$" for the document).</summary>
    public string JsonPath => Location;

    static GameFormatException IInputFormatExceptionFactory<GameFormatException>.Create(string source, string path, string detail, Exception? inner)
        => new(source, path, detail, inner);
}

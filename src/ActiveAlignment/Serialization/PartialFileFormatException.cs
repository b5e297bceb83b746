namespace ActiveAlignment.Serialization;

/// <summary>
/// A partial file of a sharded sweep that cannot be read or merged: not a partial file, damaged or edited, or shards that do
/// not belong together. The message starts with the file's name, e.g. <c>shard-2.json: its provenance contradicts its sweep:
/// ...; the partial was edited or damaged.</c>
/// </summary>
public sealed class PartialFileFormatException : InputFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name or other label of the partial file.</param>
    /// <param name="detail">What is wrong.</param>
    /// <param name="inner">The underlying exception, if any.</param>
    public PartialFileFormatException(string source, string detail, Exception? inner = null)
        : base(source, "$", detail, $"{source}: {detail}", inner)
    {
    }

    /// <summary>An error about several partial files at once, whose message names them all.</summary>
    internal PartialFileFormatException(string source, string detail, string message, Exception? inner)
        : base(source, "$", detail, message, inner)
    {
    }
}

namespace ActiveAlignment.Estimation;

/// <summary>
/// A measurement table that cannot be read (docs/estimation.md#tables): a missing column, an empty or non-finite cell, an
/// unknown group, or a pair with no rows. The message starts with <c>FILE:LINE: column 'NAME': …</c> where the line is the
/// 1-based file line on which the offending record starts (the header is line 1).
/// </summary>
public sealed class MeasurementFormatException : InputFormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name or label.</param>
    /// <param name="line">The 1-based line of the record (0 when the error is about the whole table).</param>
    /// <param name="column">The column name, or null.</param>
    /// <param name="detail">What is wrong and what is expected.</param>
    public MeasurementFormatException(string source, long line, string? column, string detail)
        : base(source, Where(line, column), detail, Compose(source, line, column, detail))
    {
        Line = line;
        Column = column;
    }

    /// <summary>The 1-based file line where the offending record starts; 0 for an error about the whole table.</summary>
    public long Line { get; }

    /// <summary>The offending column's name, or null.</summary>
    public string? Column { get; }

    private static string Where(long line, string? column)
        => line > 0 ? (column is null ? $"line {line}" : $"line {line}, column '{column}'") : column is null ? "" : $"column '{column}'";

    private static string Compose(string source, long line, string? column, string detail)
    {
        string where = line > 0 ? $"{source}:{line}" : source;
        return column is null ? $"{where}: {detail}" : $"{where}: column '{column}': {detail}";
    }
}

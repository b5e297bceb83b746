namespace ActiveAlignment.Estimation;

/// <summary>
/// A measurement table that cannot be read (docs/estimation.md#tables): a missing column, an empty or non-finite cell, an
/// unknown group, or a pair with no rows. The message starts with <c>FILE:LINE: column 'NAME': …</c> where the line is the
/// 1-based file line on which the offending record starts (the header is line 1).
/// </summary>
public sealed class MeasurementFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file name or label.</param>
    /// <param name="line">The 1-based line of the record (0 when the error is about the whole table).</param>
    /// <param name="column">The column name, or null.</param>
    /// <param name="detail">What is wrong and what is expected.</param>
    public MeasurementFormatException(string source, long line, string? column, string detail)
        : base(Compose(source, line, column, detail))
    {
        Source = source;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>The file name or label of the table.</summary>
    public new string Source { get; }

    /// <summary>The 1-based file line where the offending record starts; 0 for an error about the whole table.</summary>
    public long Line { get; }

    /// <summary>The offending column's name, or null.</summary>
    public string? Column { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Detail { get; }

    private static string Compose(string source, long line, string? column, string detail)
    {
        string where = line > 0 ? $"{source}:{line}" : source;
        return column is null ? $"{where}: {detail}" : $"{where}: column '{column}': {detail}";
    }
}

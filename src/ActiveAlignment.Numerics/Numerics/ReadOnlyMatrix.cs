using System.Globalization;
using System.Text;

namespace ActiveAlignment.Numerics;

/// <summary>
/// An immutable rows × columns matrix: the library's answers and games expose their matrices as this, never as an array a
/// caller could change. It indexes like a two-dimensional array (<c>m[i, j]</c>, <see cref="GetLength(int)"/>), enumerates
/// its entries row by row (<see cref="Entries"/>), and <see cref="ToArray"/> gives a copy to work on.
/// </summary>
/// <typeparam name="T">The entry type.</typeparam>
public sealed class ReadOnlyMatrix<T>
{
    private readonly T[,] _values;

    /// <summary>Copies an array.</summary>
    /// <param name="values">The entries; copied, so later changes to the array do not show.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public ReadOnlyMatrix(T[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = (T[,])values.Clone();
    }

    private ReadOnlyMatrix(T[,] values, bool owned)
    {
        _ = owned;
        _values = values;
    }

    /// <summary>Copies an array, so that an array can be passed wherever a matrix is expected.</summary>
    /// <param name="values">The entries; null gives null.</param>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(values))]
    public static implicit operator ReadOnlyMatrix<T>?(T[,]? values) => values is null ? null : new(values);

    /// <summary>Wraps an array the caller gives up (no copy): for the library's own freshly built results.</summary>
    internal static ReadOnlyMatrix<T> Own(T[,] values) => new(values, owned: true);

    /// <summary>The number of rows.</summary>
    public int Rows => _values.GetLength(0);

    /// <summary>The number of columns.</summary>
    public int Columns => _values.GetLength(1);

    /// <summary>Rows × columns.</summary>
    public int Count => _values.Length;

    /// <summary>The entry at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    /// <param name="row">The row, 0-based.</param>
    /// <param name="column">The column, 0-based.</param>
    /// <exception cref="IndexOutOfRangeException">An index is outside the matrix (as for an array).</exception>
    public T this[int row, int column] => _values[row, column];

    /// <summary>The length along a dimension, as <see cref="Array.GetLength(int)"/>: 0 for rows, 1 for columns.</summary>
    /// <param name="dimension">0 or 1.</param>
    /// <returns>The length.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is not 0 or 1.</exception>
    public int GetLength(int dimension) => dimension is 0 or 1 ? _values.GetLength(dimension)
        : throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "a matrix has dimensions 0 (rows) and 1 (columns)");

    /// <summary>A copy of the entries as a new array.</summary>
    /// <returns>The copy.</returns>
    public T[,] ToArray() => (T[,])_values.Clone();

    /// <summary>The entries row by row.</summary>
    public IEnumerable<T> Entries => _values.Cast<T>();

    /// <summary>The matrix in one line, rows separated by semicolons, e.g. <c>ReadOnlyMatrix(2 × 2: [1, 0; 0, 1])</c> (at most 8 × 8 entries shown).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder().Append(CultureInfo.InvariantCulture, $"ReadOnlyMatrix({Rows} × {Columns}: [");
        for (int i = 0; i < Math.Min(Rows, 8); i++)
        {
            if (i > 0)
            {
                sb.Append("; ");
            }
            for (int j = 0; j < Math.Min(Columns, 8); j++)
            {
                if (j > 0)
                {
                    sb.Append(", ");
                }
                sb.Append(string.Format(CultureInfo.InvariantCulture, "{0}", _values[i, j]));
            }
            if (Columns > 8)
            {
                sb.Append(", …");
            }
        }
        if (Rows > 8)
        {
            sb.Append("; …");
        }
        return sb.Append("])").ToString();
    }
}

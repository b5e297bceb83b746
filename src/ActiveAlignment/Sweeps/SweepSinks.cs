using ActiveAlignment.Numerics;
using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Sweeps;

/// <summary>One row of a sweep (fixed y, every x), handed to an <see cref="ISweepSink"/> in grid order.</summary>
public readonly ref struct SweepRow
{
    internal SweepRow(int yIndex, double y, ReadOnlySpan<double> x, ReadOnlySpan<ClosedFormStatus> statuses, ReadOnlySpan<double> weights, int groups)
    {
        YIndex = yIndex;
        Y = y;
        X = x;
        Statuses = statuses;
        Weights = weights;
        Groups = groups;
    }

    /// <summary>The index of the row on the y axis.</summary>
    public int YIndex { get; }

    /// <summary>The y value.</summary>
    public double Y { get; }

    /// <summary>The x values.</summary>
    public ReadOnlySpan<double> X { get; }

    /// <summary>The closed-form status at each x.</summary>
    public ReadOnlySpan<ClosedFormStatus> Statuses { get; }

    /// <summary>All weights, point by point: weights of point i are [i·K, (i+1)·K). Unspecified at singular points.</summary>
    public ReadOnlySpan<double> Weights { get; }

    /// <summary>K, the number of subpopulations.</summary>
    public int Groups { get; }
}

/// <summary>Receives the rows of a sweep, one at a time and in grid order (y ascending), whatever the thread count.</summary>
public interface ISweepSink
{
    /// <summary>Called once per row, in order.</summary>
    /// <param name="row">The row; its spans are valid only during the call.</param>
    void WriteRow(in SweepRow row);
}

/// <summary>
/// Streams a sweep as CSV, row by row: columns x axis name, y axis name, status, then one weight column per subpopulation
/// (empty at singular points). Numbers in shortest round-trip form.
/// </summary>
public sealed class CsvSweepSink : ISweepSink
{
    private readonly TextWriter _writer;

    /// <summary>Creates the sink and writes the header line.</summary>
    /// <param name="writer">Where the CSV goes.</param>
    /// <param name="game">The game swept (for the group names).</param>
    /// <param name="x">The x axis.</param>
    /// <param name="y">The y axis.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CsvSweepSink(TextWriter writer, AlignmentGame game, GridAxis x, GridAxis y)
    {
        _writer = Preconditions.CheckNotNull(writer);
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
        _writer.Write(Header(game.Names.ToArray(), x, y));
    }

    /// <summary>The header line (with its line feed): x and y axis names, status, then one column per group.</summary>
    /// <param name="groups">The group names.</param>
    /// <param name="x">The x axis.</param>
    /// <param name="y">The y axis.</param>
    public static string Header(IReadOnlyList<string> groups, GridAxis x, GridAxis y)
    {
        Preconditions.CheckNotNull(groups);
        var sb = new System.Text.StringBuilder($"{x.Name},{y.Name},status");
        foreach (string name in groups)
        {
            sb.Append(',').Append(Quote(name));
        }
        return sb.Append('\n').ToString();
    }

    /// <inheritdoc/>
    public void WriteRow(in SweepRow row)
    {
        string y = row.Y.ToString("R", CultureInfo.InvariantCulture);
        for (int i = 0; i < row.X.Length; i++)
        {
            var status = row.Statuses[i];
            _writer.Write(row.X[i].ToString("R", CultureInfo.InvariantCulture));
            _writer.Write(',');
            _writer.Write(y);
            _writer.Write(',');
            _writer.Write(StatusName(status));
            for (int k = 0; k < row.Groups; k++)
            {
                _writer.Write(',');
                if (status != ClosedFormStatus.Singular)
                {
                    _writer.Write(row.Weights[(i * row.Groups) + k].ToString("R", CultureInfo.InvariantCulture));
                }
            }
            _writer.Write('\n');
        }
    }

    /// <summary>The camelCase name of a status, as in JSON and CSV output.</summary>
    /// <param name="status">The status.</param>
    public static string StatusName(ClosedFormStatus status) => status switch
    {
        ClosedFormStatus.Interior => "interior",
        ClosedFormStatus.NoInterior => "noInterior",
        ClosedFormStatus.Singular => "singular",
        _ => "notConcave",
    };

    private static string Quote(string name)
        => name.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : name;
}

/// <summary>Keeps one group's weight and the status at every point: what a heatmap needs (ny × nx doubles, not ny × nx × K).</summary>
public sealed class FocalGridSink : ISweepSink
{
    /// <summary>Creates the sink.</summary>
    /// <param name="game">The game swept.</param>
    /// <param name="focal">The focal subpopulation's name.</param>
    /// <param name="x">The x axis.</param>
    /// <param name="y">The y axis.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No subpopulation is called <paramref name="focal"/>.</exception>
    public FocalGridSink(AlignmentGame game, string focal, GridAxis x, GridAxis y)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
        FocalIndex = game.IndexOf(focal);
        FocalName = focal;
        Game = game;
        X = x;
        Y = y;
        _weights = new double[y.Count, x.Count];
        _statuses = new ClosedFormStatus[y.Count, x.Count];
        Weights = ReadOnlyMatrix<double>.Own(_weights);
        Statuses = ReadOnlyMatrix<ClosedFormStatus>.Own(_statuses);
    }

    /// <summary>The game swept (its third coefficient is the one held fixed).</summary>
    public AlignmentGame Game { get; }

    /// <summary>The focal group's index.</summary>
    public int FocalIndex { get; }

    /// <summary>The focal group's name.</summary>
    public string FocalName { get; }

    /// <summary>The x axis.</summary>
    public GridAxis X { get; }

    /// <summary>The y axis.</summary>
    public GridAxis Y { get; }

    private readonly double[,] _weights;
    private readonly ClosedFormStatus[,] _statuses;

    /// <summary>The focal weight at [yIndex, xIndex] (NaN at singular points): a read-only view the sweep fills.</summary>
    public ReadOnlyMatrix<double> Weights { get; }

    /// <summary>The closed-form status at [yIndex, xIndex]: a read-only view the sweep fills.</summary>
    public ReadOnlyMatrix<ClosedFormStatus> Statuses { get; }

    /// <inheritdoc/>
    public void WriteRow(in SweepRow row)
    {
        for (int i = 0; i < row.X.Length; i++)
        {
            _statuses[row.YIndex, i] = row.Statuses[i];
            _weights[row.YIndex, i] = row.Statuses[i] == ClosedFormStatus.Singular ? double.NaN : row.Weights[(i * row.Groups) + FocalIndex];
        }
    }
}

/// <summary>Forwards every row to several sinks, in order.</summary>
/// <param name="sinks">The sinks.</param>
public sealed class CompositeSweepSink(params ISweepSink[] sinks) : ISweepSink
{
    /// <inheritdoc/>
    public void WriteRow(in SweepRow row)
    {
        foreach (var sink in sinks)
        {
            sink.WriteRow(row);
        }
    }
}

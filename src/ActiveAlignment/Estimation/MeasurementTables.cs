using System.Text;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Estimation;

/// <summary>Which estimator a measurement table feeds.</summary>
public enum TableKind
{
    /// <summary>The attractiveness table: a (docs/estimation.md#tables).</summary>
    Attractiveness,

    /// <summary>The inconsistency table: C.</summary>
    Inconsistency,

    /// <summary>The similarity table: S.</summary>
    Similarity,
}

/// <summary>
/// The attractiveness table (docs/estimation.md#tables): columns <c>group</c> (required), <c>value</c> and <c>unit</c>
/// (optional). With <c>value</c>, a_k is the mean value over the rows of group k; without it, a_k = n_k / n (prevalence).
/// Rows with the same <c>unit</c> are resampled together; without it, or where its cell is empty, a row is its own unit. Groups are ordered by first
/// appearance. Read in one streaming pass; memory grows with the number of (unit, group) pairs, not with the rows.
/// </summary>
public sealed class AttractivenessTable
{
    private AttractivenessTable(string source, IReadOnlyList<string> groups, bool hasValue, bool hasUnit, ClusterData data)
    {
        Source = source;
        Groups = groups;
        HasValue = hasValue;
        HasUnit = hasUnit;
        Data = data;
    }

    /// <summary>The file name or label used in messages.</summary>
    public string Source { get; }

    /// <summary>The groups, in order of first appearance.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>True when the table has a <c>value</c> column (a_k is a mean); false for prevalence (a_k = n_k / n).</summary>
    public bool HasValue { get; }

    /// <summary>True when the table has a <c>unit</c> column.</summary>
    public bool HasUnit { get; }

    /// <summary>Data rows read.</summary>
    public long Rows => Data.Rows;

    /// <summary>Sampling clusters (distinct units, or rows when there is no <c>unit</c> column).</summary>
    public int Clusters => Data.Clusters;

    internal ClusterData Data { get; }

    /// <summary>
    /// The most groups a table may name: 1,000. The pair tables then need up to 500,500 measured pairs, and every bootstrap
    /// replicate holds a K × K matrix (8 MB at K = 1,000).
    /// </summary>
    public const int MaxGroups = 1000;

    /// <summary>Reads the table from a file.</summary>
    /// <param name="path">The CSV file; its name labels messages.</param>
    /// <returns>The table.</returns>
    /// <exception cref="MeasurementFormatException">A rule of docs/estimation.md#tables is broken; the message names the file,
    /// line and column.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AttractivenessTable ReadFile(string path)
    {
        Preconditions.CheckNotNull(path);
        using var reader = new StreamReader(path, CsvRecordReader.StrictUtf8, true, 1 << 16);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Reads the table from text.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="source">A label for messages.</param>
    /// <returns>The table.</returns>
    /// <exception cref="MeasurementFormatException">A rule of docs/estimation.md#tables is broken.</exception>
    public static AttractivenessTable Read(TextReader reader, string source = "attractiveness")
    {
        Preconditions.CheckNotNull(reader);
        Preconditions.CheckNotNull(source);
        var csv = new CsvRecordReader(reader, source);
        var header = TableHeader.Read(csv, source, ["group"], ["value", "unit"]);
        int group = header["group"], value = header.Optional("value"), unit = header.Optional("unit");
        var groups = new SpanStringTable();
        var units = new SpanStringTable();
        // Cells are groups; the number of groups is unknown until the end, so key entries by a generous stride.
        var builder = new ClusterData.Builder(1 << 20);
        while (csv.Read())
        {
            header.CheckWidth(csv);
            var name = TableHeader.Required(csv, group, "group", source);
            int g = groups.GetOrAdd(name);
            if (g >= MaxGroups)
            {
                throw new MeasurementFormatException(source, csv.RecordLine, "group",
                    $"more than {MaxGroups:N0} distinct groups; an estimated game needs every pair of groups measured (K² cells per replicate), so K is at most {MaxGroups:N0}.");
            }
            double v = value >= 0 ? csv.Number(value, "value") : 0.0;
            if (unit >= 0)
            {
                // An empty unit cell: the row is its own unit (a key no CSV cell can hold, so it never meets a named unit).
                var unitName = csv[unit].Trim();
                builder.Add(units.GetOrAdd(unitName.IsEmpty ? $"\0row {csv.RecordLine}" : unitName), g, v);
            }
            else
            {
                builder.AddSingleton(g, v);
            }
        }
        if (groups.Count < 2)
        {
            throw new MeasurementFormatException(source, 0, "group",
                $"the table names {groups.Count} group{(groups.Count == 1 ? "" : "s")}; at least 2 are needed.");
        }
        var data = builder.Build();
        return new AttractivenessTable(source, groups.Keys.ToArray(), value >= 0, unit >= 0, Remap(data, groups.Count));
    }

    private static ClusterData Remap(ClusterData data, int cells) => data.WithCells(cells);
    /// <summary>A one-line summary: the source, its groups, rows and clusters.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"AttractivenessTable({Source}: {Groups.Count} groups, {Rows} rows, {Clusters} clusters)";
}

/// <summary>
/// An inconsistency or similarity table (docs/estimation.md#tables): columns <c>prompt</c>, <c>group_a</c>,
/// <c>group_b</c>, <c>score</c>. The pair is unordered: entry (a, b) = (b, a) is the mean score over rows whose
/// {group_a, group_b} = {a, b}; the diagonal comes from rows with group_a = group_b. Clusters are prompts.
/// </summary>
public sealed class PairTable
{
    private PairTable(string source, TableKind kind, IReadOnlyList<string> groups, ClusterData data)
    {
        Source = source;
        Kind = kind;
        Groups = groups;
        Data = data;
    }

    /// <summary>The file name or label used in messages.</summary>
    public string Source { get; }

    /// <summary>Inconsistency or similarity.</summary>
    public TableKind Kind { get; }

    /// <summary>The groups (those of the attractiveness table, in its order).</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>Data rows read.</summary>
    public long Rows => Data.Rows;

    /// <summary>Sampling clusters (distinct prompts).</summary>
    public int Clusters => Data.Clusters;

    internal ClusterData Data { get; }

    /// <summary>Reads a pair table from a file.</summary>
    /// <param name="path">The CSV file; its name labels messages.</param>
    /// <param name="groups">The groups of the attractiveness table; any other group is an error.</param>
    /// <param name="kind">Inconsistency or similarity (names the matrix in messages).</param>
    /// <returns>The table.</returns>
    /// <exception cref="MeasurementFormatException">A rule of docs/estimation.md#tables is broken, including a pair with no
    /// row (all missing pairs are listed).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static PairTable ReadFile(string path, IReadOnlyList<string> groups, TableKind kind = TableKind.Inconsistency)
    {
        Preconditions.CheckNotNull(path);
        using var reader = new StreamReader(path, CsvRecordReader.StrictUtf8, true, 1 << 16);
        return Read(reader, groups, kind, Path.GetFileName(path));
    }

    /// <summary>Reads a pair table from text.</summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="groups">The groups of the attractiveness table.</param>
    /// <param name="kind">Inconsistency or similarity.</param>
    /// <param name="source">A label for messages.</param>
    /// <returns>The table.</returns>
    /// <exception cref="MeasurementFormatException">A rule of docs/estimation.md#tables is broken.</exception>
    public static PairTable Read(TextReader reader, IReadOnlyList<string> groups, TableKind kind = TableKind.Inconsistency, string? source = null)
    {
        Preconditions.CheckNotNull(reader);
        Preconditions.CheckNotNull(groups);
        if (kind == TableKind.Attractiveness)
        {
            Preconditions.ThrowArgument(nameof(kind), "kind must be Inconsistency or Similarity for a pair table.");
        }
        source ??= kind == TableKind.Similarity ? "similarity" : "inconsistency";
        var known = new SpanStringTable();
        foreach (var g in groups)
        {
            known.GetOrAdd(g);
        }
        int k = known.Count;
        var csv = new CsvRecordReader(reader, source);
        var header = TableHeader.Read(csv, source, ["prompt", "group_a", "group_b", "score"], []);
        int prompt = header["prompt"], ga = header["group_a"], gb = header["group_b"], score = header["score"];
        var prompts = new SpanStringTable();
        var builder = new ClusterData.Builder(k * k);
        while (csv.Read())
        {
            header.CheckWidth(csv);
            int cluster = prompts.GetOrAdd(TableHeader.Required(csv, prompt, "prompt", source));
            int i = Group(csv, ga, "group_a", known, source), j = Group(csv, gb, "group_b", known, source);
            double s = csv.Number(score, "score");
            builder.Add(cluster, Math.Min(i, j) * k + Math.Max(i, j), s);
        }
        var data = builder.Build();
        var counts = new long[k * k];
        data.Totals(new double[k * k], counts);
        var missing = new List<string>();
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                if (counts[(i * k) + j] == 0)
                {
                    missing.Add($"({groups[i]}, {groups[j]})");
                }
            }
        }
        if (missing.Count > 0)
        {
            throw new MeasurementFormatException(source, 0, null,
                $"{missing.Count} pair{(missing.Count == 1 ? " has" : "s have")} no row, so the {(kind == TableKind.Similarity ? "similarity" : "inconsistency")} " +
                $"entry cannot be estimated: {string.Join(", ", missing.Take(20))}{(missing.Count > 20 ? ", ..." : "")}. " +
                "Every pair of groups, the diagonal (a, a) included, needs at least one row.");
        }
        return new PairTable(source, kind, groups.ToArray(), data);
    }

    private static int Group(CsvRecordReader csv, int column, string name, SpanStringTable known, string source)
    {
        var text = TableHeader.Required(csv, column, name, source);
        int g = known.Find(text);
        if (g < 0)
        {
            throw new MeasurementFormatException(source, csv.RecordLine, name,
                $"unknown group '{CsvRecordReader.Abbreviate(text)}'; the groups are those of the attractiveness table: " +
                $"{string.Join(", ", known.Keys.Take(20))}{(known.Count > 20 ? ", ..." : "")}.");
        }
        return g;
    }
    /// <summary>A one-line summary: the source, its kind, groups, rows and clusters.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"PairTable({Source}, {Kind}: {Groups.Count} groups, {Rows} rows, {Clusters} clusters)";
}

/// <summary>Column positions by name, and the checks shared by every table.</summary>
internal sealed class TableHeader
{
    private readonly Dictionary<string, int> _columns;
    private readonly string _source;
    private readonly int _width;

    private TableHeader(Dictionary<string, int> columns, string source, int width)
    {
        _columns = columns;
        _source = source;
        _width = width;
    }

    public int this[string name] => _columns[name];

    public int Optional(string name) => _columns.TryGetValue(name, out int i) ? i : -1;

    public static TableHeader Read(CsvRecordReader csv, string source, string[] required, string[] optional)
    {
        if (!csv.Read())
        {
            throw new MeasurementFormatException(source, 0, null,
                $"the table is empty; the first line must be a header naming the columns {string.Join(", ", required)}.");
        }
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < csv.FieldCount; i++)
        {
            string name = new(csv[i].Trim());
            if (required.Contains(name) || optional.Contains(name))
            {
                if (!columns.TryAdd(name, i))
                {
                    throw new MeasurementFormatException(source, csv.RecordLine, name, $"the header names column '{name}' twice.");
                }
            }
        }
        foreach (var name in required)
        {
            if (!columns.ContainsKey(name))
            {
                var present = Enumerable.Range(0, csv.FieldCount).Select(i => new string(csv[i].Trim())).ToList();
                string? close = present.Where(p => p.Length > 0).OrderBy(p => EditDistance.Between(p, name)).FirstOrDefault();
                string hint = close is not null && EditDistance.Between(close, name) <= 2 ? $" (is '{close}' a misspelling?)" : "";
                throw new MeasurementFormatException(source, csv.RecordLine, name,
                    $"required column '{name}' is missing from the header{hint}; the required columns are {string.Join(", ", required)}.");
            }
        }
        return new TableHeader(columns, source, csv.FieldCount);
    }

    public void CheckWidth(CsvRecordReader csv)
    {
        if (csv.FieldCount != _width)
        {
            throw new MeasurementFormatException(_source, csv.RecordLine, null,
                $"the record has {csv.FieldCount} field{(csv.FieldCount == 1 ? "" : "s")} but the header has {_width}; quote fields that contain commas.");
        }
    }

    public static ReadOnlySpan<char> Required(CsvRecordReader csv, int column, string name, string source)
    {
        var text = csv[column].Trim();
        if (text.IsEmpty)
        {
            throw new MeasurementFormatException(source, csv.RecordLine, name, "the cell is empty; this column is required.");
        }
        return text;
    }
}

using System.Globalization;
using System.Text;
using ActiveAlignment.Estimation;
using ActiveAlignment.Numerics;
using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Serialization;

/// <summary>The text and JSON answers of estimating a game from measurement tables (<c>active-alignment estimate</c>): the estimates with their standard errors and sources. Written by the library; the tool only prints them.</summary>
internal static class EstimateAnswer
{
    internal sealed record Sources(AttractivenessTable A, PairTable C, PairTable? S);

    internal static string Json(GameEstimate e, Sources src, string outPath, string? ensemblePath) => Format.Json(w =>
    {
        var groups = e.Groups;
        var info = e.Ensemble.Bootstrap;
        w.WriteStartObject();
        w.StringArray("groups", groups);
        w.WriteStartObject("attractiveness");
        for (int k = 0; k < groups.Count; k++)
        {
            w.WriteStartObject(groups[k]);
            w.WriteNumber("estimate", e.Attractiveness[k]);
            w.NumberOrNull("standardError", e.AttractivenessStandardError[k]);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        Matrix(w, "inconsistency", e.Inconsistency, e.InconsistencyStandardError);
        if (e.Similarity is { } sm)
        {
            Matrix(w, "similarity", sm, e.SimilarityStandardError!);
        }
        else
        {
            w.WriteNull("similarity");
        }
        w.WriteStartObject("tables");
        Table(w, "attractiveness", src.A.Source, src.A.Rows, src.A.Clusters);
        Table(w, "inconsistency", src.C.Source, src.C.Rows, src.C.Clusters);
        if (src.S is { } s)
        {
            Table(w, "similarity", s.Source, s.Rows, s.Clusters);
        }
        w.WriteEndObject();
        w.WriteStartObject("bootstrap");
        w.WriteNumber("replicates", info.Replicates);
        w.WriteNumber("seed", info.Seed);
        w.WriteNumber("redrawn", info.Redrawn);
        w.WriteEndObject();
        w.WriteString("out", outPath);
        if (ensemblePath is null)
        {
            w.WriteNull("ensemble");
        }
        else
        {
            w.WriteString("ensemble", ensemblePath);
        }
        w.WriteEndObject();
    });

    internal static string MatrixTable(IReadOnlyList<string> groups, ReadOnlyMatrix<double> m, ReadOnlyMatrix<double> se) =>
        Format.Table(["", .. groups], groups.Select((g, i) => (IReadOnlyList<string>)[g, .. groups.Select((_, j) =>
            $"{Format.Number(m[i, j], 4)} ({Se(se[i, j])})")]));

    internal static string Se(double se) => double.IsNaN(se) ? "n/a" : Format.Number(se, 3);

    internal static string Table(GameEstimate e, Sources src, string outPath, string? ensemblePath)
    {
        var sb = new StringBuilder();
        var info = e.Ensemble.Bootstrap;
        var groups = e.Groups;
        sb.Append(CultureInfo.InvariantCulture, $"Estimated game over {groups.Count} groups from\n");
        sb.Append(CultureInfo.InvariantCulture, $"  {src.A.Source}: {src.A.Rows:N0} rows, {src.A.Clusters:N0} clusters ({(src.A.HasUnit ? "units" : "rows")}), a = {(src.A.HasValue ? "mean value" : "share of rows")}\n");
        sb.Append(CultureInfo.InvariantCulture, $"  {src.C.Source}: {src.C.Rows:N0} rows, {src.C.Clusters:N0} clusters (prompts)\n");
        if (src.S is { } s)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  {s.Source}: {s.Rows:N0} rows, {s.Clusters:N0} clusters (prompts)\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"Bootstrap: {info.Replicates} replicates, seed {info.Seed}, {info.Redrawn} draws redrawn; standard errors are their standard deviations.\n\n");
        sb.Append(Format.Table(["group", "a", "se(a)", "C diagonal", "se"],
            groups.Select((g, k) => (IReadOnlyList<string>)[g, Format.Number(e.Attractiveness[k]), Se(e.AttractivenessStandardError[k]),
                Format.Number(e.Inconsistency[k, k]), Se(e.InconsistencyStandardError[k, k])])));
        sb.Append("\nInconsistency C (standard error):\n");
        sb.Append(MatrixTable(groups, e.Inconsistency, e.InconsistencyStandardError));
        if (e.Similarity is { } sm)
        {
            sb.Append("\nSimilarity S (standard error):\n");
            sb.Append(MatrixTable(groups, sm, e.SimilarityStandardError!));
        }
        sb.Append(CultureInfo.InvariantCulture, $"\nWrote {outPath} (the point estimate)");
        sb.Append(ensemblePath is null ? ".\n" : $" and {ensemblePath} ({info.Replicates} replicates).\n");
        return sb.ToString();
    }

    internal static void Matrix(System.Text.Json.Utf8JsonWriter w, string name, ReadOnlyMatrix<double> m, ReadOnlyMatrix<double> se)
    {
        w.WriteStartObject(name);
        foreach (var (property, values) in new[] { ("estimate", m), ("standardError", se) })
        {
            w.WriteStartArray(property);
            for (int i = 0; i < values.GetLength(0); i++)
            {
                w.WriteStartArray();
                for (int j = 0; j < values.GetLength(1); j++)
                {
                    if (double.IsNaN(values[i, j]))
                    {
                        w.WriteNullValue();
                    }
                    else
                    {
                        w.WriteNumberValue(values[i, j]);
                    }
                }
                w.WriteEndArray();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    internal static void Table(System.Text.Json.Utf8JsonWriter w, string name, string source, long rows, int clusters)
    {
        w.WriteStartObject(name);
        w.WriteString("file", source);
        w.WriteNumber("rows", rows);
        w.WriteNumber("clusters", clusters);
        w.WriteEndObject();
    }
}

using System.Text;
using System.Text.Json;
using ActiveAlignment.Internal;
using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Estimation;

/// <summary>How an ensemble was drawn (docs/estimation.md#ensemble).</summary>
/// <param name="Replicates">B.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Redrawn">Cluster draws discarded because they left a group or pair without a row.</param>
/// <param name="AttractivenessClusters">Clusters (units) of the attractiveness table.</param>
/// <param name="InconsistencyClusters">Clusters (prompts) of the inconsistency table.</param>
/// <param name="SimilarityClusters">Clusters of the similarity table; null when there was none.</param>
public sealed record BootstrapInfo(int Replicates, ulong Seed, long Redrawn, int AttractivenessClusters, int InconsistencyClusters, int? SimilarityClusters);

/// <summary>
/// A point game and its bootstrap replicates (docs/estimation.md#ensemble): every answer computed on the point game can be
/// computed on each replicate to give an interval. Replicates share the point game's groups, N and coefficients.
/// </summary>
public sealed class Ensemble
{
    /// <summary>Creates an ensemble.</summary>
    /// <param name="point">The estimate on the full data.</param>
    /// <param name="replicates">The bootstrap replicates (same groups as the point game).</param>
    /// <param name="bootstrap">How they were drawn.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A replicate's groups differ from the point game's.</exception>
    public Ensemble(PopulationGame point, IReadOnlyList<PopulationGame> replicates, BootstrapInfo bootstrap)
    {
        Point = Preconditions.CheckNotNull(point);
        Replicates = Preconditions.CheckNotNull(replicates);
        Bootstrap = Preconditions.CheckNotNull(bootstrap);
        var names = point.Names.ToArray();
        for (int r = 0; r < replicates.Count; r++)
        {
            if (replicates[r] is null || !replicates[r].Names.SequenceEqual(names))
            {
                Preconditions.ThrowArgument(nameof(replicates), $"replicates[{r}] has groups other than the point game's ({string.Join(", ", names)}).");
            }
        }
    }

    /// <summary>The estimate on the full data.</summary>
    public PopulationGame Point { get; }

    /// <summary>How a replicate differs from the point game in what estimation does not change (N, classes, coefficients), or null.</summary>
    internal static string? Mismatch(PopulationGame point, PopulationGame replicate)
    {
        if (replicate.Agents != point.Agents)
        {
            return $"has N = {replicate.Agents} agents but the point game has {point.Agents}";
        }
        if (replicate.Classes.Count != point.Classes.Count)
        {
            return $"has {replicate.Classes.Count} agent classes but the point game has {point.Classes.Count}";
        }
        for (int c = 0; c < point.Classes.Count; c++)
        {
            var (p, q) = (point.Classes[c], replicate.Classes[c]);
            if (p.Name != q.Name || p.Count != q.Count)
            {
                return $"has class {q.Name} of {q.Count} agents where the point game has {p.Name} of {p.Count}";
            }
            if (!p.Coefficients.Equals(q.Coefficients))
            {
                static string F(IncentiveCoefficients x) =>
                    $"({Preconditions.Format(x.Attractiveness)}, {Preconditions.Format(x.Consistency)}, {Preconditions.Format(x.Diversity)})";
                return $"has coefficients {F(q.Coefficients)} where the point game has {F(p.Coefficients)}";
            }
        }
        return null;
    }

    /// <summary>The replicates.</summary>
    public IReadOnlyList<PopulationGame> Replicates { get; }

    /// <summary>How the replicates were drawn.</summary>
    public BootstrapInfo Bootstrap { get; }

    /// <summary>True when the point game and every replicate are plain games (one class, no overrides).</summary>
    public bool IsHomogeneous => Point.HomogeneousGame is not null && Replicates.All(r => r.HomogeneousGame is not null);

    /// <summary>The point game as a plain game.</summary>
    /// <exception cref="InvalidOperationException">The ensemble holds populations of several agent classes.</exception>
    public AlignmentGame PointGame => Point.HomogeneousGame ?? throw NotHomogeneous();

    /// <summary>The replicates as plain games.</summary>
    /// <exception cref="InvalidOperationException">The ensemble holds populations of several agent classes.</exception>
    public IReadOnlyList<AlignmentGame> ReplicateGames => IsHomogeneous ? Replicates.Select(r => r.HomogeneousGame!).ToArray() : throw NotHomogeneous();

    private static InvalidOperationException NotHomogeneous() =>
        new("this ensemble holds populations of several agent classes; this answer is defined for plain games (one class).");

    /// <summary>A one-line description.</summary>
    public override string ToString() =>
        $"ensemble of {Replicates.Count} replicates over {Point.Count} groups (seed {Bootstrap.Seed}, {Bootstrap.Redrawn} draws redrawn)";
}

/// <summary>Reads and writes the ensemble file format <c>active-alignment-ensemble/1</c> (docs/estimation.md#ensemble).</summary>
public static class EnsembleJson
{
    /// <summary>The value of the <c>format</c> property.</summary>
    public const string Format = "active-alignment-ensemble/1";

    private static readonly string[] TopLevel = ["format", "point", "replicates", "bootstrap"];
    private static readonly string[] BootstrapProperties = ["replicates", "seed", "redrawn", "clusters"];
    private static readonly string[] ClusterProperties = ["attractiveness", "inconsistency", "similarity"];

    /// <summary>Writes an ensemble: the point game and each replicate in the game format, one replicate per line.</summary>
    /// <param name="ensemble">The ensemble.</param>
    /// <returns>The JSON text (deterministic: the same ensemble gives the same bytes).</returns>
    public static string Write(Ensemble ensemble)
    {
        Preconditions.CheckNotNull(ensemble);
        var sb = new StringBuilder();
        sb.Append("{\n  \"format\": \"").Append(Format).Append("\",\n  \"point\": ").Append(Compact(ensemble.Point)).Append(",\n  \"replicates\": [");
        for (int r = 0; r < ensemble.Replicates.Count; r++)
        {
            sb.Append(r == 0 ? "\n    " : ",\n    ").Append(Compact(ensemble.Replicates[r]));
        }
        sb.Append(ensemble.Replicates.Count == 0 ? "],\n" : "\n  ],\n");
        var b = ensemble.Bootstrap;
        sb.Append("  \"bootstrap\": ").Append(Serialize(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("replicates", b.Replicates);
            w.WriteNumber("seed", b.Seed);
            w.WriteNumber("redrawn", b.Redrawn);
            w.WriteStartObject("clusters");
            w.WriteNumber("attractiveness", b.AttractivenessClusters);
            w.WriteNumber("inconsistency", b.InconsistencyClusters);
            if (b.SimilarityClusters is { } s)
            {
                w.WriteNumber("similarity", s);
            }
            else
            {
                w.WriteNull("similarity");
            }
            w.WriteEndObject();
            w.WriteEndObject();
        })).Append("\n}\n");
        return sb.ToString();
    }

    private static string Compact(PopulationGame game)
    {
        string text = game.HomogeneousGame is { } g ? GameJson.Write(g) : GameJson.WritePopulation(game);
        using var document = JsonDocument.Parse(text);
        return Serialize(w => document.RootElement.WriteTo(w));
    }

    private static string Serialize(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads an ensemble file.</summary>
    /// <param name="path">The file; its name labels messages.</param>
    /// <returns>The ensemble.</returns>
    /// <exception cref="GameFormatException">Not a valid ensemble; the message names the JSON path.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static Ensemble ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Whether a document is an ensemble file: a JSON object with a <c>"format"</c> property (malformed text is not).</summary>
    /// <param name="json">The document's text.</param>
    /// <returns>True for an ensemble file; false for a game, a population or text that is not JSON.</returns>
    public static bool IsEnsemble(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Reads an ensemble from JSON text.</summary>
    /// <param name="json">The text.</param>
    /// <param name="source">A label for messages.</param>
    /// <returns>The ensemble.</returns>
    /// <exception cref="GameFormatException">Not a valid ensemble; the message names the JSON path.</exception>
    public static Ensemble Read(string json, string source = "ensemble")
    {
        Preconditions.CheckNotNull(json);
        using var document = JsonReading.Parse(json, source);
        var r = new JsonReading(source);
        var obj = r.Object(document.RootElement, "$", TopLevel);
        var format = r.Required(obj, "$", "format");
        if (format.ValueKind != JsonValueKind.String || format.GetString() != Format)
        {
            throw r.Error("format", $"format must be \"{Format}\" (an ensemble written by 'active-alignment estimate'), but was {format.GetRawText()}.");
        }
        var point = Game(r.Required(obj, "$", "point"), "point", source);
        var list = r.Array(r.Required(obj, "$", "replicates"), "replicates");
        var replicates = new List<PopulationGame>(list.GetArrayLength());
        int index = 0;
        foreach (var element in list.EnumerateArray())
        {
            var game = Game(element, $"replicates[{index}]", source);
            if (!game.Names.SequenceEqual(point.Names))
            {
                throw r.Error($"replicates[{index}]", $"replicates[{index}] has groups {string.Join(", ", game.Names)}; they must be the point game's ({string.Join(", ", point.Names)}), in the same order.");
            }
            if (Ensemble.Mismatch(point, game) is { } difference)
            {
                throw r.Error($"replicates[{index}]", $"replicates[{index}] {difference}; a replicate differs from the point game only in the estimated a, C and S.");
            }
            replicates.Add(game);
            index++;
        }
        var bootstrap = r.Object(r.Required(obj, "$", "bootstrap"), "bootstrap", BootstrapProperties);
        int b = r.Integer(r.Required(bootstrap, "bootstrap", "replicates"), "bootstrap.replicates", minimum: 0);
        if (b != replicates.Count)
        {
            throw r.Error("bootstrap.replicates", $"bootstrap.replicates = {b} but the file holds {replicates.Count} replicates.");
        }
        var seedElement = r.Required(bootstrap, "bootstrap", "seed");
        if (seedElement.ValueKind != JsonValueKind.Number || !seedElement.TryGetUInt64(out ulong seed))
        {
            throw r.Error("bootstrap.seed", $"bootstrap.seed must be an integer in [0, {ulong.MaxValue}], but was {seedElement.GetRawText()}.");
        }
        var redrawnElement = r.Required(bootstrap, "bootstrap", "redrawn");
        if (redrawnElement.ValueKind != JsonValueKind.Number || !redrawnElement.TryGetInt64(out long redrawn) || redrawn < 0)
        {
            throw r.Error("bootstrap.redrawn", $"bootstrap.redrawn must be an integer >= 0, but was {redrawnElement.GetRawText()}.");
        }
        var clusters = r.Object(r.Required(bootstrap, "bootstrap", "clusters"), "bootstrap.clusters", ClusterProperties);
        int na = r.Integer(r.Required(clusters, "bootstrap.clusters", "attractiveness"), "bootstrap.clusters.attractiveness", minimum: 1);
        int nc = r.Integer(r.Required(clusters, "bootstrap.clusters", "inconsistency"), "bootstrap.clusters.inconsistency", minimum: 1);
        int? ns = clusters.TryGetValue("similarity", out var se) && se.ValueKind != JsonValueKind.Null
            ? r.Integer(se, "bootstrap.clusters.similarity", minimum: 1) : null;
        return new Ensemble(point, replicates, new BootstrapInfo(b, seed, redrawn, na, nc, ns));
    }

    private static PopulationGame Game(JsonElement element, string path, string source)
    {
        try
        {
            return GameJson.ReadPopulation(element.GetRawText(), source);
        }
        catch (GameFormatException e)
        {
            string detail = $"in {path}: {e.Detail}";
            throw new GameFormatException(source, e.JsonPath == "$" ? path : $"{path}.{e.JsonPath}", detail, e);
        }
    }
}

using System.Text;
using System.Text.Json;
using ActiveAlignment.Internal;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Reads and writes the JSON game format:
/// <code>
/// { "subpopulations": [ { "name": "left", "attractiveness": 0.5 }, ... ],
///   "inconsistency": [[...], ...], "similarity": null,
///   "agents": 4,
///   "coefficients": { "attractiveness": 1.0, "consistency": 0.5, "diversity": 0.3 } }
/// </code>
/// <c>similarity</c> is optional (absent or null: the identity). Unknown properties are errors. Numbers are written in
/// shortest round-trip form, so <see cref="Write"/> then <see cref="Read"/> reproduces the game exactly.
/// </summary>
public static class GameJson
{
    /// <summary>
    /// Whether a document declares agent classes (an object whose <c>"agents"</c> is a list: read it with
    /// <see cref="ReadPopulation(string, string)"/>); false for a plain game and for malformed text, which the readers then report.
    /// </summary>
    /// <param name="json">The document's text.</param>
    /// <returns>True for a population of agent classes.</returns>
    public static bool DeclaresAgentClasses(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("agents", out var agents) && agents.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static readonly string[] TopLevel = ["subpopulations", "inconsistency", "similarity", "agents", "coefficients"];
    private static readonly string[] SubpopulationProperties = ["name", "attractiveness"];
    private static readonly string[] CoefficientProperties = ["attractiveness", "consistency", "diversity"];
    private static readonly string[] SubpopulationPaths = Enumerable.Range(0, 64).Select(i => $"subpopulations[{i}]").ToArray();

    /// <summary>Parses a game from JSON text.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A label for error messages, usually the file name.</param>
    /// <returns>The validated game.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="GameFormatException">The text is not a valid game; the message names the JSON path and the rule.</exception>
    public static AlignmentGame Read(string json, string source = "game")
    {
        Preconditions.CheckNotNull(json);
        using var document = JsonReading.Parse(json, source);
        return ReadElement(document.RootElement, new JsonReading(source));
    }

    /// <summary>Reads a game from a file.</summary>
    /// <param name="path">The file path; its file name labels error messages.</param>
    /// <returns>The validated game.</returns>
    /// <exception cref="GameFormatException">The file is not a valid game.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AlignmentGame ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    internal static AlignmentGame ReadElement(JsonElement root, JsonReading r)
    {
        var obj = r.Object(root, "$", TopLevel);
        var subpopulations = ReadSubpopulations(r, obj);
        int k = subpopulations.Count;
        var (inconsistency, similarity) = ReadMatrices(r, obj, k);
        int agents = ReadAgents(r, r.Required(obj, "$", "agents"), "agents");
        var coefficients = ReadCoefficients(r, r.Required(obj, "$", "coefficients"), "coefficients");
        try
        {
            return AlignmentGame.Create(subpopulations, inconsistency, agents, coefficients, similarity);
        }
        catch (ArgumentException e)
        {
            throw r.Error("$", e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    private static (SymmetricMatrix Inconsistency, SymmetricMatrix? Similarity) ReadMatrices(JsonReading r, Dictionary<string, JsonElement> obj, int k)
    {
        var inconsistency = Matrix(r, r.Required(obj, "$", "inconsistency"), "inconsistency", k);
        bool given = obj.TryGetValue("similarity", out var s) && s.ValueKind != JsonValueKind.Null;
        return (inconsistency, given ? Matrix(r, s, "similarity", k) : null);
    }

    private static List<Subpopulation> ReadSubpopulations(JsonReading r, Dictionary<string, JsonElement> obj)
    {
        var subsElement = r.Array(r.Required(obj, "$", "subpopulations"), "subpopulations", minimumLength: 2);
        var subpopulations = new List<Subpopulation>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var element in subsElement.EnumerateArray())
        {
            string path = index < SubpopulationPaths.Length ? SubpopulationPaths[index] : $"subpopulations[{index}]";
            var sub = r.Object(element, path, SubpopulationProperties);
            var nameElement = r.Required(sub, path, "name");
            string name = nameElement.ValueKind == JsonValueKind.String && nameElement.GetString() is { } fastName && !string.IsNullOrWhiteSpace(fastName)
                ? fastName : r.String(nameElement, path + ".name");
            if (!seen.TryAdd(name, index))
            {
                throw r.Error(path + ".name", $"{path}.name \"{name}\" repeats subpopulations[{seen[name]}].name; names must be unique.");
            }
            var attractivenessElement = r.Required(sub, path, "attractiveness");
            double attractiveness = JsonReading.TryFastNumber(attractivenessElement, out double fastA) ? fastA : r.Number(attractivenessElement, path + ".attractiveness");
            subpopulations.Add(new Subpopulation(name, attractiveness));
            index++;
        }
        return subpopulations;
    }

    /// <summary>The agents property of a homogeneous game: an integer N ≥ 1.</summary>
    private static int ReadAgents(JsonReading r, JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            throw r.Error(path, $"{path} is a list of agent classes: read this file as a population (GameJson.ReadPopulation).");
        }
        return r.Integer(element, path, minimum: 1);
    }

    private static readonly string[] ClassProperties = ["name", "count", "coefficients", "attractiveness", "inconsistency"];

    /// <summary>
    /// Reads a population: the game format in which <c>agents</c> is either an integer (one homogeneous class) or a list of
    /// classes <c>[{"name": ..., "count": n, "coefficients": {...}, "attractiveness": [...], "inconsistency": [[...]]}, ...]</c>;
    /// <c>coefficients</c> may be omitted in a class when the top-level one is given (and the top-level one may then be omitted
    /// when every class has its own); <c>attractiveness</c> and <c>inconsistency</c> are optional overrides of the right sizes.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A label for error messages, usually the file name.</param>
    /// <returns>The validated population.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="GameFormatException">The text is not a valid population; the message names the JSON path.</exception>
    public static PopulationGame ReadPopulation(string json, string source = "game")
    {
        Preconditions.CheckNotNull(json);
        using var document = JsonReading.Parse(json, source);
        return ReadPopulation(document.RootElement, source);
    }

    /// <summary>Reads a game or population from an already parsed JSON element (e.g. one record of a JSON Lines batch).</summary>
    /// <param name="root">The element holding the game object.</param>
    /// <param name="source">A label for error messages.</param>
    /// <returns>The validated population (one class for a plain game).</returns>
    /// <exception cref="GameFormatException">The element is not a valid game or population; the message names the JSON path.</exception>
    public static PopulationGame ReadPopulation(JsonElement root, string source = "game")
    {
        var r = new JsonReading(source);
        var obj = r.Object(root, "$", TopLevel);
        if (r.Required(obj, "$", "agents").ValueKind != JsonValueKind.Array)
        {
            return PopulationGame.FromGame(ReadElement(root, r));
        }
        var subpopulations = ReadSubpopulations(r, obj);
        int k = subpopulations.Count;
        var (inconsistency, similarity) = ReadMatrices(r, obj, k);
        IncentiveCoefficients? defaults = obj.TryGetValue("coefficients", out var top) ? ReadCoefficients(r, top, "coefficients") : null;
        var list = r.Array(obj["agents"], "agents", minimumLength: 1);
        var classes = new List<Populations.AgentClassDefinition>();
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var element in list.EnumerateArray())
        {
            string path = $"agents[{index}]";
            var cls = r.Object(element, path, ClassProperties);
            string name = r.String(r.Required(cls, path, "name"), path + ".name");
            if (!names.TryAdd(name, index))
            {
                throw r.Error(path + ".name", $"{path}.name \"{name}\" repeats agents[{names[name]}].name; class names must be unique.");
            }
            int count = r.Integer(r.Required(cls, path, "count"), path + ".count", minimum: 1);
            IncentiveCoefficients? lambda = cls.TryGetValue("coefficients", out var c) ? ReadCoefficients(r, c, path + ".coefficients") : null;
            if (lambda is null && defaults is null)
            {
                throw r.Error(path + ".coefficients", $"{path} has no \"coefficients\" and the file has no top-level \"coefficients\" to fall back on.");
            }
            double[]? a = null;
            if (cls.TryGetValue("attractiveness", out var ae))
            {
                r.Array(ae, path + ".attractiveness");
                if (ae.GetArrayLength() != k)
                {
                    throw r.Error(path + ".attractiveness", $"{path}.attractiveness has {ae.GetArrayLength()} entries, expected {k} for {k} subpopulations.");
                }
                a = ae.EnumerateArray().Select((e, j) => r.Number(e, $"{path}.attractiveness[{j}]")).ToArray();
            }
            double[,]? ci = null;
            if (cls.TryGetValue("inconsistency", out var ce))
            {
                ci = Matrix(r, ce, path + ".inconsistency", k).ToArray();
            }
            classes.Add(new Populations.AgentClassDefinition(name, count, lambda, a, ci));
            index++;
        }
        try
        {
            return PopulationGame.Create(subpopulations, inconsistency, classes, defaults, similarity);
        }
        catch (ArgumentException e)
        {
            throw r.Error("agents", e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    /// <summary>Writes a population (agents as a list of classes; overrides only where a class has them).</summary>
    /// <param name="population">The population.</param>
    /// <returns>The JSON text; <see cref="ReadPopulation(string, string)"/> reproduces the population exactly.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="population"/> is null.</exception>
    public static string WritePopulation(PopulationGame population)
    {
        Preconditions.CheckNotNull(population);
        return WriteDocument(population.Template, population.DefaultCoefficients, writer =>
        {
            writer.WriteStartArray("agents");
            foreach (var cls in population.Classes)
            {
                writer.WriteStartObject();
                writer.WriteString("name", cls.Name);
                writer.WriteNumber("count", cls.Count);
                if (cls.HasOwnCoefficients || population.DefaultCoefficients is null)
                {
                    WriteCoefficients(writer, "coefficients", cls.Coefficients);
                }
                if (cls.HasOwnAttractiveness)
                {
                    writer.WriteStartArray("attractiveness");
                    foreach (double v in cls.Attractiveness)
                    {
                        writer.WriteNumberValue(v);
                    }
                    writer.WriteEndArray();
                }
                if (cls.HasOwnInconsistency)
                {
                    writer.WritePropertyName("inconsistency");
                    WriteMatrix(writer, cls.Inconsistency);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    internal static IncentiveCoefficients ReadCoefficients(JsonReading r, JsonElement element, string path)
    {
        var obj = r.Object(element, path, CoefficientProperties);
        return new IncentiveCoefficients(
            r.NonNegative(r.Required(obj, path, "attractiveness"), path + ".attractiveness"),
            r.NonNegative(r.Required(obj, path, "consistency"), path + ".consistency"),
            r.NonNegative(r.Required(obj, path, "diversity"), path + ".diversity"));
    }

    private static SymmetricMatrix Matrix(JsonReading r, JsonElement element, string path, int k)
    {
        var values = r.Matrix(element, path, k);
        try
        {
            return SymmetricMatrix.Create(values, path);
        }
        catch (ArgumentException e)
        {
            throw r.Error(path, e.Message.Split(" (Parameter", 2)[0], e);
        }
    }

    /// <summary>Writes a game as indented JSON (numbers in shortest round-trip form).</summary>
    /// <param name="game">The game.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static string Write(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        return WriteDocument(game, game.Coefficients, writer => writer.WriteNumber("agents", game.Agents));
    }

    private static string WriteDocument(AlignmentGame template, IncentiveCoefficients? coefficients, Action<Utf8JsonWriter> writeAgents)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("subpopulations");
            foreach (var sub in template.Subpopulations)
            {
                writer.WriteStartObject();
                writer.WriteString("name", sub.Name);
                writer.WriteNumber("attractiveness", sub.Attractiveness);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WritePropertyName("inconsistency");
            WriteMatrix(writer, template.Inconsistency);
            writer.WritePropertyName("similarity");
            if (template.SimilarityGiven)
            {
                WriteMatrix(writer, template.Similarity);
            }
            else
            {
                writer.WriteNullValue();
            }
            writeAgents(writer);
            if (coefficients is { } c)
            {
                WriteCoefficients(writer, "coefficients", c);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteCoefficients(Utf8JsonWriter writer, string name, IncentiveCoefficients c)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("attractiveness", c.Attractiveness);
        writer.WriteNumber("consistency", c.Consistency);
        writer.WriteNumber("diversity", c.Diversity);
        writer.WriteEndObject();
    }

    private static void WriteMatrix(Utf8JsonWriter writer, SymmetricMatrix matrix)
    {
        writer.WriteStartArray();
        for (int i = 0; i < matrix.Dimension; i++)
        {
            writer.WriteStartArray();
            foreach (double v in matrix.Row(i))
            {
                writer.WriteNumberValue(v);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}

using System.Text;
using System.Text.Json;
using ActiveAlignment.Internal;

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
    private static readonly string[] TopLevel = ["subpopulations", "inconsistency", "similarity", "agents", "coefficients"];
    private static readonly string[] SubpopulationProperties = ["name", "attractiveness"];
    private static readonly string[] CoefficientProperties = ["attractiveness", "consistency", "diversity"];

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
        var subsElement = r.Array(r.Required(obj, "$", "subpopulations"), "subpopulations", minimumLength: 2);
        var subpopulations = new List<Subpopulation>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var element in subsElement.EnumerateArray())
        {
            string path = $"subpopulations[{index}]";
            var sub = r.Object(element, path, SubpopulationProperties);
            string name = r.String(r.Required(sub, path, "name"), path + ".name");
            if (!seen.TryAdd(name, index))
            {
                throw r.Error(path + ".name", $"{path}.name \"{name}\" repeats subpopulations[{seen[name]}].name; names must be unique.");
            }
            double attractiveness = r.Number(r.Required(sub, path, "attractiveness"), path + ".attractiveness");
            subpopulations.Add(new Subpopulation(name, attractiveness));
            index++;
        }
        int k = subpopulations.Count;
        var inconsistency = Matrix(r, r.Required(obj, "$", "inconsistency"), "inconsistency", k);
        SymmetricMatrix? similarity = null;
        if (obj.TryGetValue("similarity", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            similarity = Matrix(r, s, "similarity", k);
        }
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

    /// <summary>The agents property: today an integer N ≥ 1 (a later format adds agent classes here).</summary>
    private static int ReadAgents(JsonReading r, JsonElement element, string path) => r.Integer(element, path, minimum: 1);

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
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("subpopulations");
            foreach (var sub in game.Subpopulations)
            {
                writer.WriteStartObject();
                writer.WriteString("name", sub.Name);
                writer.WriteNumber("attractiveness", sub.Attractiveness);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WritePropertyName("inconsistency");
            WriteMatrix(writer, game.Inconsistency);
            writer.WritePropertyName("similarity");
            if (game.SimilarityGiven)
            {
                WriteMatrix(writer, game.Similarity);
            }
            else
            {
                writer.WriteNullValue();
            }
            writer.WriteNumber("agents", game.Agents);
            writer.WriteStartObject("coefficients");
            writer.WriteNumber("attractiveness", game.Coefficients.Attractiveness);
            writer.WriteNumber("consistency", game.Coefficients.Consistency);
            writer.WriteNumber("diversity", game.Coefficients.Diversity);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
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

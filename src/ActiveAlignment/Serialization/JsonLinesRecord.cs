using System.Text;
using System.Text.Json;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Reads the common shape of a JSON Lines record straight from its UTF-8 bytes, without building a document: a plain game,
/// or a wrapper <c>{"id": ..., "game": {...}}</c> with a string or number id. It answers only what it is sure of: anything
/// else (a population, a comment, a duplicate or unknown property, an escaped or unusual id, a value out of range, any
/// invalid input) returns false, and the caller reads the record with <see cref="GameJson.ReadPopulation(JsonElement, string)"/>,
/// which gives the same game or the error message with its JSON path. A game it returns is built by the same constructors
/// and checks as <see cref="GameJson"/>'s, so the two readers never disagree on a valid record. It is what
/// <c>solve --batch</c> reads with first (docs/pipelines.md).
/// </summary>
public static class JsonLinesRecord
{
    /// <summary>Reads a record, or returns false when the general reader must.</summary>
    /// <param name="line">The record's bytes (one JSON Lines line, UTF-8).</param>
    /// <param name="game">The game read, when the method returns true.</param>
    /// <param name="id">The wrapper's id, if any.</param>
    /// <returns>True when the record is a valid game of the common shape; false sends it to the general reader.</returns>
    public static bool TryReadGame(ReadOnlySpan<byte> line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AlignmentGame? game, out JsonLinesRecordId id)
    {
        game = null;
        id = default;
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 8 });
            var parts = new Parts();
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
            bool wrapper = false, plain = false, sawId = false, sawGame = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("id"u8))
                {
                    if (sawId || plain || !reader.Read() || !TryReadId(ref reader, out id))
                    {
                        return false;
                    }
                    sawId = wrapper = true;
                }
                else if (reader.ValueTextEquals("game"u8))
                {
                    if (sawGame || plain || !reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadGameObject(ref reader, parts))
                    {
                        return false;
                    }
                    sawGame = wrapper = true;
                }
                else
                {
                    if (wrapper || !ReadGameProperty(ref reader, parts))
                    {
                        return false;
                    }
                    plain = true;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || (wrapper && !sawGame))
            {
                return false;
            }
            game = parts.Build();
            return game is not null;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException or FormatException)
        {
            game = null;
            return false;
        }
    }

    private static bool TryReadId(ref Utf8JsonReader reader, out JsonLinesRecordId id)
    {
        id = default;
        if (reader.TokenType == JsonTokenType.Number)
        {
            id = new JsonLinesRecordId(Encoding.UTF8.GetString(reader.ValueSpan), true);
            return true;
        }
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }
        foreach (byte b in reader.ValueSpan)
        {
            // Only characters every JSON writer leaves as they are, so the id is written back byte for byte.
            if (!(b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)'_' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }
        id = new JsonLinesRecordId(Encoding.UTF8.GetString(reader.ValueSpan), false);
        return true;
    }

    private static bool ReadGameObject(ref Utf8JsonReader reader, Parts parts)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!ReadGameProperty(ref reader, parts))
            {
                return false;
            }
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static bool ReadGameProperty(ref Utf8JsonReader reader, Parts parts)
    {
        if (reader.ValueTextEquals("subpopulations"u8))
        {
            return parts.Subpopulations is null && reader.Read() && ReadSubpopulations(ref reader, parts.Subpopulations = []);
        }
        if (reader.ValueTextEquals("inconsistency"u8))
        {
            return parts.Inconsistency is null && reader.Read() && ReadMatrix(ref reader, parts.Inconsistency = []);
        }
        if (reader.ValueTextEquals("similarity"u8))
        {
            if (parts.SawSimilarity || !reader.Read())
            {
                return false;
            }
            parts.SawSimilarity = true;
            return reader.TokenType == JsonTokenType.Null || ReadMatrix(ref reader, parts.Similarity = []);
        }
        if (reader.ValueTextEquals("agents"u8))
        {
            if (parts.Agents != 0 || !reader.Read() || !TryNumber(ref reader, out double n) || n != Math.Floor(n) || n < 1 || n > int.MaxValue)
            {
                return false;
            }
            parts.Agents = (int)n;
            return true;
        }
        if (reader.ValueTextEquals("coefficients"u8))
        {
            return parts.Coefficients is null && reader.Read() && ReadCoefficients(ref reader, parts);
        }
        return false;
    }

    private static bool ReadSubpopulations(ref Utf8JsonReader reader, List<Subpopulation> list)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            string? name = null;
            double a = double.NaN;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    if (name is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }
                    name = reader.GetString();
                }
                else if (reader.ValueTextEquals("attractiveness"u8))
                {
                    if (!double.IsNaN(a) || !reader.Read() || !TryNumber(ref reader, out a))
                    {
                        return false;
                    }
                }
                else
                {
                    return false;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || string.IsNullOrWhiteSpace(name) || double.IsNaN(a))
            {
                return false;
            }
            list.Add(new Subpopulation(name, a));
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadMatrix(ref Utf8JsonReader reader, List<double[]> rows)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }
        var row = new List<double>();
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            row.Clear();
            while (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                if (!TryNumber(ref reader, out double x))
                {
                    return false;
                }
                row.Add(x);
            }
            if (reader.TokenType != JsonTokenType.EndArray)
            {
                return false;
            }
            rows.Add([.. row]);
        }
        return reader.TokenType == JsonTokenType.EndArray;
    }

    private static bool ReadCoefficients(ref Utf8JsonReader reader, Parts parts)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        double a = double.NaN, c = double.NaN, d = double.NaN;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref double target = ref a;
            if (reader.ValueTextEquals("consistency"u8))
            {
                target = ref c;
            }
            else if (reader.ValueTextEquals("diversity"u8))
            {
                target = ref d;
            }
            else if (!reader.ValueTextEquals("attractiveness"u8))
            {
                return false;
            }
            if (!double.IsNaN(target) || !reader.Read() || !TryNumber(ref reader, out target) || target < 0)
            {
                return false;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || double.IsNaN(a) || double.IsNaN(c) || double.IsNaN(d))
        {
            return false;
        }
        parts.Coefficients = new IncentiveCoefficients(a, c, d);
        return true;
    }

    /// <summary>A finite number that keeps its meaning (a non-zero literal read as 0 is left to the general reader's error).</summary>
    private static bool TryNumber(ref Utf8JsonReader reader, out double value)
    {
        value = double.NaN;
        if (reader.TokenType != JsonTokenType.Number || reader.HasValueSequence)
        {
            return false;
        }
        if (FastDecimal.TryParse(reader.ValueSpan, out double fast))
        {
            value = fast; // at most 15 digits and a small exponent: finite, and zero only when every digit is
            return true;
        }
        if (!reader.TryGetDouble(out double x) || !double.IsFinite(x))
        {
            return false;
        }
        if (x == 0)
        {
            foreach (byte b in reader.ValueSpan)
            {
                if (b is (byte)'e' or (byte)'E')
                {
                    break;
                }
                if (b is >= (byte)'1' and <= (byte)'9')
                {
                    return false;
                }
            }
        }
        value = x;
        return true;
    }

    private sealed class Parts
    {
        public List<Subpopulation>? Subpopulations;
        public List<double[]>? Inconsistency;
        public List<double[]>? Similarity;
        public bool SawSimilarity;
        public int Agents;
        public IncentiveCoefficients? Coefficients;

        /// <summary>The game, by the constructors <see cref="GameJson"/> uses; null when a part is missing or misshapen.</summary>
        public AlignmentGame? Build()
        {
            if (Subpopulations is not { Count: >= 2 } subs || Inconsistency is null || Agents == 0 || Coefficients is null)
            {
                return null;
            }
            int k = subs.Count;
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var s in subs)
            {
                if (!names.Add(s.Name))
                {
                    return null;
                }
            }
            if (ToArray(Inconsistency, k) is not { } c || (Similarity is not null && ToArray(Similarity, k) is null))
            {
                return null;
            }
            var inconsistency = SymmetricMatrix.Create(c, "inconsistency");
            var similarity = Similarity is null ? null : SymmetricMatrix.Create(ToArray(Similarity, k)!, "similarity");
            return AlignmentGame.Create(subs, inconsistency, Agents, Coefficients.Value, similarity);
        }

        private static double[,]? ToArray(List<double[]> rows, int k)
        {
            if (rows.Count != k)
            {
                return null;
            }
            var m = new double[k, k];
            for (int i = 0; i < k; i++)
            {
                if (rows[i].Length != k)
                {
                    return null;
                }
                for (int j = 0; j < k; j++)
                {
                    m[i, j] = rows[i][j];
                }
            }
            return m;
        }
    }
}

/// <summary>A JSON Lines record's id, as it is to be written back into the answer.</summary>
public readonly record struct JsonLinesRecordId
{
    /// <summary>Creates an id.</summary>
    /// <param name="text">Null when the record has none; else a JSON number's text, or a plain string.</param>
    /// <param name="isNumber">True when <paramref name="text"/> is a JSON number.</param>
    public JsonLinesRecordId(string? text, bool isNumber)
    {
        Text = text;
        IsNumber = isNumber;
    }

    /// <summary>Null when the record has none; else a JSON number's text, or a string of letters, digits, '_', '-' and '.'.</summary>
    public string? Text { get; }

    /// <summary>True when <see cref="Text"/> is a JSON number, written back as is.</summary>
    public bool IsNumber { get; }

    /// <summary>The id as JSON: <c>null</c>, the number, or the quoted string.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Text is null ? "null" : IsNumber ? Text : $"\"{Text}\"";
}

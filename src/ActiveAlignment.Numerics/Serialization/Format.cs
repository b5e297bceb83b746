using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Number formatting and small table and JSON helpers for the answers' text and JSON forms (invariant culture throughout):
/// shared by the libraries' wire formats and the command-line tool's tables.
/// </summary>
internal static class Format
{
    public static string Number(double value, int digits = 6) => value.ToString("G" + digits, CultureInfo.InvariantCulture);

    public static string Fixed(double value, int decimals = 6) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads an invariant-culture decimal that is finite as a double and keeps its meaning: false for NaN, for a literal
    /// beyond ±1.8e308, and for a non-zero literal that rounds to 0 (1e-1000000000).
    /// </summary>
    public static bool TryReadFinite(string text, out double value)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            return false;
        }
        return !Underflows(text, value);
    }

    /// <summary>True when a literal with a non-zero digit before its exponent was read as 0.</summary>
    public static bool Underflows(string text, double value) => ActiveAlignment.Internal.NumberText.Underflows(text, value);


    /// <summary>A left-aligned text table with a header row and a rule.</summary>
    /// <summary>
    /// Text for a terminal with every control character shown instead of obeyed: C0 controls other than line feed and tab, DEL,
    /// C1 controls and the bidirectional formatting characters (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) become
    /// <c>\u{XXXX}</c>, so a name cannot retitle the terminal, clear the screen or reverse the rest of a line.
    /// </summary>
    public static string Visible(string text)
    {
        static bool Hidden(char c) => (c < 0x20 && c is not ('\n' or '\t')) || (c >= 0x7F && c <= 0x9F)
            || c is '\u200E' or '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
        if (!text.Any(Hidden))
        {
            return text;
        }
        var sb = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (Hidden(c))
            {
                sb.Append("\\u{").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('}');
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string indent = "  ")
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var row in all)
        {
            for (int i = 0; i < row.Count; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> row)
        {
            int start = sb.Length;
            sb.Append(indent);
            for (int i = 0; i < row.Count; i++)
            {
                bool numeric = i > 0 && double.TryParse(row[i], NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                sb.Append(numeric ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
                if (i < row.Count - 1)
                {
                    sb.Append("  ");
                }
            }
            while (sb.Length > start && sb[^1] == ' ')
            {
                sb.Length--;
            }
            sb.Append('\n');
        }
        Line(header);
        sb.Append(indent).Append(new string('-', widths.Sum() + (2 * (widths.Length - 1)))).Append('\n');
        foreach (var row in all.Skip(1))
        {
            Line(row);
        }
        return sb.ToString();
    }

    /// <summary>Writes one indented JSON object produced by <paramref name="body"/>, followed by a newline.</summary>
    public static string Json(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            body(writer);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>The JSON object <paramref name="json"/> with one more property appended (same formatting).</summary>
    public static string WithProperty(string json, string name, Action<Utf8JsonWriter> value) => Json(w =>
    {
        using var document = JsonDocument.Parse(json);
        w.WriteStartObject();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            property.WriteTo(w);
        }
        w.WritePropertyName(name);
        value(w);
        w.WriteEndObject();
    });

    public static void NullableNumber(this Utf8JsonWriter writer, string name, double? value)
        => writer.NullableNumber(JsonEncodedText.Encode(name), value);

    /// <inheritdoc cref="NullableNumber(Utf8JsonWriter, string, double?)"/>
    public static void NullableNumber(this Utf8JsonWriter writer, JsonEncodedText name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            writer.WriteFiniteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <inheritdoc cref="NumberOrNull(Utf8JsonWriter, string, double)"/>
    public static void NumberOrNull(this Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteFiniteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <inheritdoc cref="StringArray(Utf8JsonWriter, string, IEnumerable{string})"/>
    public static void StringArray(this Utf8JsonWriter writer, JsonEncodedText property, IEnumerable<string> values)
    {
        writer.WriteStartArray(property);
        foreach (string v in values)
        {
            writer.WriteStringValue(v);
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes a number, or null for NaN and infinities (which JSON cannot hold).</summary>
    public static void NumberOrNull(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteFiniteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes {"name": value, ...} for a named vector.</summary>
    public static void NamedVector(this Utf8JsonWriter writer, string property, IReadOnlyList<string> names, IReadOnlyList<double> values)
    {
        writer.WriteStartObject(property);
        for (int i = 0; i < names.Count; i++)
        {
            writer.NumberOrNull(names[i], values[i]);
        }
        writer.WriteEndObject();
    }

    public static void StringArray(this Utf8JsonWriter writer, string property, IEnumerable<string> values)
        => writer.StringArray(JsonEncodedText.Encode(property), values);
}

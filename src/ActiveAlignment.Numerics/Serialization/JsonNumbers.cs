using System.Text.Json;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Writes a finite double into JSON as <see cref="Utf8JsonWriter.WriteNumber(JsonEncodedText, double)"/> does, byte for
/// byte, through <see cref="ShortestDouble"/> (a batch answer writes about twenty doubles; the runtime's formatter was a
/// seventh of its time).
/// </summary>
internal static class JsonNumbers
{
    /// <summary>Writes <c>"name": value</c>; the value must be finite.</summary>
    public static void WriteFiniteNumber(this Utf8JsonWriter writer, JsonEncodedText name, double value)
    {
        Span<byte> text = stackalloc byte[ShortestDouble.MaxLength];
        if (!ShortestDouble.TryFormat(value, text, out int written))
        {
            writer.WriteNumber(name, value); // not finite: the writer's own error
            return;
        }
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..written], skipInputValidation: true);
    }

    /// <inheritdoc cref="WriteFiniteNumber(Utf8JsonWriter, JsonEncodedText, double)"/>
    public static void WriteFiniteNumber(this Utf8JsonWriter writer, string name, double value)
    {
        Span<byte> text = stackalloc byte[ShortestDouble.MaxLength];
        if (!ShortestDouble.TryFormat(value, text, out int written))
        {
            writer.WriteNumber(name, value);
            return;
        }
        writer.WritePropertyName(name);
        writer.WriteRawValue(text[..written], skipInputValidation: true);
    }

    /// <summary>Writes a finite array element or value.</summary>
    public static void WriteFiniteNumberValue(this Utf8JsonWriter writer, double value)
    {
        Span<byte> text = stackalloc byte[ShortestDouble.MaxLength];
        if (!ShortestDouble.TryFormat(value, text, out int written))
        {
            writer.WriteNumberValue(value);
            return;
        }
        writer.WriteRawValue(text[..written], skipInputValidation: true);
    }
}

using System.Text.Json;
using ActiveAlignment.Estimation;

namespace ActiveAlignment.Serialization;

/// <summary>The JSON members and the text of a bootstrap interval, as every answer that carries one writes them.</summary>
internal static class IntervalFormat
{
    /// <summary>{"point": p, "lower": l, "upper": u} (null members when absent; +∞ as null).</summary>
    public static void Interval(this Utf8JsonWriter writer, double? point, ConfidenceInterval? interval)
    {
        writer.NullableNumber("point", point);
        writer.NullableNumber("lower", interval?.Lower);
        writer.NullableNumber("upper", interval?.Upper);
    }

    /// <summary>"[0.41, 0.44]" or "n/a".</summary>
    public static string Text(ConfidenceInterval? interval, int digits = 4) => interval is { } i
        ? $"[{(double.IsPositiveInfinity(i.Lower) ? "∞" : Format.Number(i.Lower, digits))}, {(double.IsPositiveInfinity(i.Upper) ? "∞" : Format.Number(i.Upper, digits))}]"
        : "n/a";
}

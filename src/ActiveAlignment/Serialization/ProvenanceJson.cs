using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace ActiveAlignment.Serialization;

/// <summary>
/// The <c>provenance</c> object of every JSON answer as a record: the command, the SHA-256 of every input and the options that
/// affect the answer; written, read back from partial files, and checked against the sweep a partial file describes.
/// </summary>
internal static class ProvenanceJson
{
    /// <summary>The version every answer's provenance names (the packages and the tool share one version).</summary>
    public static string Version { get; } = typeof(ProvenanceJson).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>
    /// The first way a stored provenance contradicts the sweep it describes (a partial's axes, threshold, boundary option and,
    /// for an ensemble, confidence), or null: the options must hold the same values, and the command must give exactly the
    /// options it records as given.
    /// </summary>
    internal static string? Contradiction(Record record, Sweeps.GridAxis x, Sweeps.GridAxis y, double threshold, bool boundary, double? confidence)
    {
        if (record.Command.Count < 2 || record.Command[0] != "active-alignment" || record.Command[1] != "sweep")
        {
            return "its command is not an 'active-alignment sweep'";
        }
        var options = new Dictionary<string, object?>();
        foreach (var (name, value) in record.Options)
        {
            if (!options.TryAdd(name, value))
            {
                return $"option {name} is recorded twice";
            }
        }
        string? Check(string name, Func<string, bool> matches, string expected)
        {
            if (!options.TryGetValue(name, out object? value))
            {
                return $"it records no {name}";
            }
            var positions = Enumerable.Range(2, Math.Max(0, record.Command.Count - 2)).Where(i => record.Command[i] == "--" + name).ToList();
            if (positions.Count > 1)
            {
                return $"its command gives --{name} {positions.Count} times";
            }
            string? given = positions.Count == 0 ? null : positions[0] + 1 < record.Command.Count ? record.Command[positions[0] + 1] : "";
            string? text = value switch
            {
                string str => str,
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => null,
            };
            if (text is null || !matches(text))
            {
                return $"its {name} is {Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"}, the sweep's {expected}";
            }
            if (given is not null && (value is not string || given != text))
            {
                return $"its command gives --{name} {given}, its options {text}";
            }
            return null;
        }
        static bool Same(string text, double value) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d.Equals(value);
        static bool SameAxis(string text, Sweeps.GridAxis axis)
        {
            try
            {
                return Sweeps.GridAxis.Parse(text) == axis;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                return false;
            }
        }
        string? error = Check("x", t => SameAxis(t, x), x.ToString()) ?? Check("y", t => SameAxis(t, y), y.ToString())
            ?? Check("threshold", t => Same(t, threshold), threshold.ToString("R", CultureInfo.InvariantCulture))
            ?? (confidence is double c ? Check("confidence", t => Same(t, c), c.ToString("R", CultureInfo.InvariantCulture)) : null);
        if (error is not null)
        {
            return error;
        }
        bool recordedBoundary = options.TryGetValue("boundary", out object? b) && b is true;
        bool givenBoundary = record.Command.Skip(2).Contains("--boundary");
        return recordedBoundary != boundary || givenBoundary != boundary
            ? $"its boundary option ({(givenBoundary ? "given" : "not given")}, recorded {recordedBoundary.ToString().ToLowerInvariant()}) is not the sweep's ({boundary.ToString().ToLowerInvariant()})"
            : null;
    }

    /// <summary>
    /// Whether two records describe the same answer: the same options and the same input contents (SHA-256), whatever the
    /// paths (shards on other nodes may see the game under another mount point).
    /// </summary>
    internal static bool SameAnswer(Record a, Record b) =>
        a.Inputs.Select(i => i.Value).SequenceEqual(b.Inputs.Select(i => i.Value))
        && Format.Json(w => Write(w, a with { Command = [], Inputs = [] })) == Format.Json(w => Write(w, b with { Command = [], Inputs = [] }));

    /// <summary>Reads a provenance object back (from a partial sweep file).</summary>
    internal static Record Read(JsonElement element)
    {
        var command = element.GetProperty("command").EnumerateArray().Select(e => e.GetString()!).ToList();
        var inputs = element.GetProperty("inputs").EnumerateArray()
            .Select(e => new KeyValuePair<string, string>(e.GetProperty("path").GetString()!, e.GetProperty("sha256").GetString()!)).ToList();
        var options = element.GetProperty("options").EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => p.Value.GetDouble(),
            JsonValueKind.Array => p.Value.EnumerateArray().Select(i => i.GetString()!).ToArray(),
            _ => p.Value.GetString(),
        })).ToList();
        return new Record(command, inputs, options);
    }

    public sealed record Record(IReadOnlyList<string> Command, IReadOnlyList<KeyValuePair<string, string>> Inputs, IReadOnlyList<KeyValuePair<string, object?>> Options);

    internal static void Write(Utf8JsonWriter w, Record record)
    {
        w.WriteStartObject();
        w.WriteString("tool", "active-alignment");
        w.WriteString("version", Version);
        w.WriteStartArray("command");
        foreach (string token in record.Command)
        {
            w.WriteStringValue(token);
        }
        w.WriteEndArray();
        w.WriteStartArray("inputs");
        foreach (var (path, sha256) in record.Inputs)
        {
            w.WriteStartObject();
            w.WriteString("path", path);
            w.WriteString("sha256", sha256);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("options");
        foreach (var (name, value) in record.Options)
        {
            switch (value)
            {
                case null:
                    w.WriteNull(name);
                    break;
                case bool b:
                    w.WriteBoolean(name, b);
                    break;
                case double d when double.IsFinite(d):
                    w.WriteNumber(name, d);
                    break;
                case int i:
                    w.WriteNumber(name, i);
                    break;
                case string[] list:
                    w.WriteStartArray(name);
                    foreach (string item in list)
                    {
                        w.WriteStringValue(item);
                    }
                    w.WriteEndArray();
                    break;
                default:
                    w.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
        w.WriteEndObject();
        w.WriteEndObject();
    }
}

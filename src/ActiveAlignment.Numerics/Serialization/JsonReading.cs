using ActiveAlignment.Internal;
using System.Globalization;
using System.Text.Json;

namespace ActiveAlignment.Serialization;

/// <summary>How a package creates its own <see cref="InputFormatException"/> for <see cref="JsonReading{TException}"/>.</summary>
/// <typeparam name="TSelf">The package's exception type.</typeparam>
internal interface IInputFormatExceptionFactory<TSelf>
    where TSelf : InputFormatException
{
    /// <summary>The exception for <paramref name="source"/> at <paramref name="path"/>.</summary>
    static abstract TSelf Create(string source, string path, string detail, Exception? inner);
}

/// <summary>
/// Strict helpers over <see cref="JsonElement"/> that report errors by JSON path; shared by every file format. Each package
/// reads with its own exception type (a global alias <c>JsonReading</c> names its closed type).
/// </summary>
/// <typeparam name="TException">The exception thrown for a malformed input.</typeparam>
internal sealed class JsonReading<TException>
    where TException : InputFormatException, IInputFormatExceptionFactory<TException>
{
    public JsonReading(string source) => Source = source;

    public string Source { get; }

    public TException Error(string path, string detail, Exception? inner = null) => TException.Create(Source, path, detail, inner);

    public static JsonDocument Parse(string json, string source)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is long line ? $" at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw TException.Create(source, "$", $"not valid JSON{where}: {FirstSentence(e.Message)}", e);
        }
    }

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends its own location ("Path: $ | LineNumber: …") and advice meant for programmers
        // ("Change the reader options."); the location is given once, 1-based, by the caller.
        foreach (string cut in new[] { " Path:", " LineNumber:", " Change the reader options" })
        {
            int i = message.IndexOf(cut, StringComparison.Ordinal);
            if (i > 0)
            {
                message = message[..i];
            }
        }
        return message.TrimEnd();
    }

    /// <summary>Checks an object's property names against the allowed set (unknown and repeated names are errors).</summary>
    public Dictionary<string, JsonElement> Object(JsonElement element, string path, IReadOnlyCollection<string> allowed)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"{Describe(path)} must be a JSON object, but is {Kind(element)}.");
        }
        var result = new Dictionary<string, JsonElement>(allowed.Count, StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            // Match against the allowed names without materialising the property's name (no allocation per property).
            string? known = null;
            foreach (string name in allowed)
            {
                if (property.NameEquals(name))
                {
                    known = name;
                    break;
                }
            }
            if (known is not null)
            {
                if (!result.TryAdd(known, property.Value))
                {
                    string twice = Child(path, known);
                    throw Error(twice, $"property \"{twice}\" appears twice.");
                }
                continue;
            }
            if (!allowed.Contains(property.Name))
            {
                string child = Child(path, Abbreviate(property.Name));
                string? near = allowed.FirstOrDefault(a => string.Equals(a, property.Name, StringComparison.OrdinalIgnoreCase) || EditDistance.Between(a, property.Name) <= 2);
                string hint = near is null ? "" : $" (did you mean \"{near}\"?)";
                throw Error(child, $"unknown property \"{child}\"{hint}; allowed here: {string.Join(", ", allowed)}.");
            }
            if (!result.TryAdd(property.Name, property.Value))
            {
                string child = Child(path, property.Name);
                throw Error(child, $"property \"{child}\" appears twice.");
            }
        }
        return result;
    }

    public JsonElement Required(Dictionary<string, JsonElement> obj, string path, string name)
    {
        if (!obj.TryGetValue(name, out var value))
        {
            throw Error(Child(path, name), $"missing required property \"{Child(path, name)}\".");
        }
        return value;
    }

    /// <summary>A finite non-zero number read without building its path; false when the slow, checking path is needed.</summary>
    public static bool TryFastNumber(JsonElement element, out double value) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out value) && double.IsFinite(value) && value != 0 || Fail(out value);

    private static bool Fail(out double value)
    {
        value = 0;
        return false;
    }

    public double Number(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double value) || !double.IsFinite(value))
        {
            throw Error(path, element.ValueKind == JsonValueKind.Number
                ? $"{path} = {Abbreviate(element.GetRawText())} is not representable: a number's magnitude must be at most 1.7976931348623157E+308."
                : $"{path} must be a finite number, but is {Kind(element)}.");
        }
        if (NumberText.Underflows(element.GetRawText(), value))
        {
            throw Error(path, $"{path} = {Abbreviate(element.GetRawText())} underflows to 0: a non-zero number's magnitude must be at least 4.9E-324 (write 0 for zero).");
        }
        return value;
    }

    /// <summary>The literal text of a JSON number, for exact readers (no conversion to double).</summary>
    public string RawNumber(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Number)
        {
            throw Error(path, $"{path} must be a finite number, but is {Kind(element)}.");
        }
        return element.GetRawText();
    }

    internal static string Abbreviated(string raw) => Abbreviate(raw);

    private static string Abbreviate(string raw) => raw.Length <= 40 ? raw : string.Concat(raw.AsSpan(0, 20), "…", raw.AsSpan(raw.Length - 12));

    public double NonNegative(JsonElement element, string path)
    {
        double value = Number(element, path);
        if (value < 0)
        {
            throw Error(path, $"{path} = {Format(value)}; it must be a finite number >= 0.");
        }
        return value;
    }

    public int Integer(JsonElement element, string path, int minimum)
    {
        double value = Number(element, path);
        if (value != Math.Floor(value) || value < minimum || value > int.MaxValue)
        {
            throw Error(path, $"{path} = {Format(value)}; it must be an integer >= {minimum}.");
        }
        return (int)value;
    }

    public string String(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"{path} must be a string, but is {Kind(element)}.");
        }
        string value = element.GetString()!;
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Error(path, $"{path} is empty; it must be a non-empty string.");
        }
        return value;
    }

    public JsonElement Array(JsonElement element, string path, int? minimumLength = null)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"{path} must be a JSON array, but is {Kind(element)}.");
        }
        if (minimumLength is int min && element.GetArrayLength() < min)
        {
            throw Error(path, $"{path} has {element.GetArrayLength()} entries; it needs at least {min}.");
        }
        return element;
    }

    /// <summary>A k×k matrix of finite numbers (symmetry is checked by the caller's domain type).</summary>
    public double[,] Matrix(JsonElement element, string path, int k)
    {
        Array(element, path);
        int rows = element.GetArrayLength();
        if (rows != k)
        {
            throw Error(path, $"{path} has {rows} rows, expected {k}x{k} for {k} subpopulations.");
        }
        var result = new double[k, k];
        int i = 0;
        foreach (var row in element.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() != k)
            {
                string rowPath = $"{path}[{i}]";
                Array(row, rowPath);
                throw Error(rowPath, $"{rowPath} has {row.GetArrayLength()} entries, expected {k}: {path} must be {k}x{k} for {k} subpopulations.");
            }
            int j = 0;
            foreach (var entry in row.EnumerateArray())
            {
                result[i, j] = TryFastNumber(entry, out double fast) ? fast : Number(entry, $"{path}[{i}][{j}]");
                j++;
            }
            i++;
        }
        return result;
    }

    public static string Child(string path, string name) => path == "$" ? name : $"{path}.{name}";

    private static string Describe(string path) => path == "$" ? "the document" : path;

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace ActiveAlignment.Cli;

/// <summary>
/// The <c>provenance</c> object of every JSON answer: the tool and its version, the command (its arguments and the options
/// that affect the answer, as given, in the command's declaration order), the SHA-256 of every input file's bytes, and the
/// value (given or default) of every option that affects the answer. Output-only options (where to write, how to print,
/// how many threads, which shard) are left out, so a sharded sweep merged has the same provenance as the unsharded one.
/// No timestamps: the same inputs and command give the same bytes.
/// </summary>
internal static class Provenance
{
    /// <summary>Options that change only where or how the answer is written, never the answer.</summary>
    private static readonly HashSet<string> OutputOnly = ["--json", "--csv", "--png", "--svg", "--markdown", "--out", "--partial", "--shard",
        "--threads", "--verbose", "--focal", "--help", "-h", "-?", "--version"];

    public static string Version { get; } = typeof(Provenance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        .Split('+')[0] ?? "unknown";

    /// <summary>The JSON object <paramref name="json"/> with the provenance appended.</summary>
    public static string Append(string json, ParseResult parse, CliConsole console, params string[] alsoOutputOnly) =>
        Format.WithProperty(json, "provenance", w => Write(w, Describe(parse, console, alsoOutputOnly)));

    /// <summary>The provenance as a detached record (e.g. to store in a partial sweep file).</summary>
    public static Record Describe(ParseResult parse, CliConsole console, params string[] alsoOutputOnly)
    {
        var command = parse.CommandResult.Command;
        var tokens = new List<string> { "active-alignment", command.Name };
        foreach (var argument in command.Arguments)
        {
            if (parse.GetResult(argument) is { } result)
            {
                tokens.AddRange(result.Tokens.Select(t => t.Value));
            }
        }
        var options = new List<KeyValuePair<string, object?>>();
        foreach (var option in command.Options)
        {
            if (OutputOnly.Contains(option.Name) || alsoOutputOnly.Contains(option.Name) || option.Name.StartsWith("--help", StringComparison.Ordinal))
            {
                continue;
            }
            var result = parse.GetResult(option);
            if (result is { Implicit: false })
            {
                tokens.Add(option.Name);
                tokens.AddRange(result.Tokens.Select(t => t.Value));
            }
            object? value = result is null ? null : result.Implicit ? DefaultOf(result) : result.Tokens.Count == 0 ? true : string.Join(" ", result.Tokens.Select(t => t.Value));
            options.Add(new(option.Name.TrimStart('-'), value));
        }
        return new Record(tokens, console.Inputs.ToList(), options);
    }

    private static object? DefaultOf(OptionResult result)
    {
        try
        {
            return result.GetValueOrDefault<object?>();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public sealed record Record(IReadOnlyList<string> Command, IReadOnlyList<KeyValuePair<string, string>> Inputs, IReadOnlyList<KeyValuePair<string, object?>> Options);

    public static void Write(Utf8JsonWriter w, Record record)
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

    /// <summary>Reads a provenance object back (from a partial sweep file).</summary>
    public static Record Read(JsonElement element)
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
}

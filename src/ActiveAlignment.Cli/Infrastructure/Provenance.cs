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

    public static string Version => ProvenanceJson.Version;

    /// <summary>The JSON object <paramref name="json"/> with the provenance appended.</summary>
    public static string Append(string json, ParseResult parse, CliConsole console, params string[] alsoOutputOnly) =>
        Format.WithProperty(json, "provenance", w => ProvenanceJson.Write(w, Describe(parse, console, alsoOutputOnly)));

    /// <summary>The provenance as a detached record (e.g. to store in a partial sweep file).</summary>
    public static ProvenanceJson.Record Describe(ParseResult parse, CliConsole console, params string[] alsoOutputOnly)
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
        return new ProvenanceJson.Record(tokens, console.Inputs.Files, options);
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
}

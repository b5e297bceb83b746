using ActiveAlignment.Serialization;

namespace ActiveAlignment.Cli;

/// <summary>Reads GAME arguments: a path, or "-" for standard input.</summary>
internal static class GameInput
{
    /// <summary>What standard input is called in every message, label and row name.</summary>
    public const string StdinLabel = "<stdin>";

    /// <summary>The label of an input: its file name, or <see cref="StdinLabel"/> for "-".</summary>
    public static string Label(string path) => path == "-" ? StdinLabel : Path.GetFileName(path);

    /// <summary>
    /// NAME=FILE names a game (so qwen/traits.json and llama/traits.json can be told apart); a plain FILE is named after the
    /// file, without its extension. An '=' inside a directory name is part of the path, and so is one in the name of a file that
    /// exists (with an error when FILE after the '=' exists too).
    /// </summary>
    public static (string Name, string Path) ParseNamed(string input)
    {
        int equals = input.IndexOf('=', StringComparison.Ordinal);
        bool explicitName = equals > 0 && input.IndexOfAny(['/', '\\'], 0, equals) < 0;
        if (explicitName && File.Exists(input))
        {
            // A file whose own name contains '=' (a=b.json): reading b.json instead would be a silent mistake.
            if (File.Exists(input[(equals + 1)..]))
            {
                throw new CliException($"{input}: both a file of that name and NAME=FILE with FILE {input[(equals + 1)..]} exist; write ./{input} for the file, or rename it.");
            }
            explicitName = false;
        }
        string path = explicitName ? input[(equals + 1)..] : input;
        return (explicitName ? input[..equals] : path == "-" ? StdinLabel : System.IO.Path.GetFileNameWithoutExtension(path), path);
    }

    public static string ReadText(string path, CliConsole console, out string label)
    {
        if (path == "-")
        {
            label = StdinLabel;
            string stdin = console.In.ReadToEnd();
            console.RecordInput("-", System.Text.Encoding.UTF8.GetBytes(stdin));
            return stdin;
        }
        label = Path.GetFileName(path);
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory; give the path of a file.");
        }
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            console.RecordInput(path, bytes);
            using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (FileNotFoundException)
        {
            throw new CliException($"{path}: no such file.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file (its directory does not exist).");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException($"{path}: permission denied.");
        }
        catch (IOException e)
        {
            throw new CliException($"{path}: cannot read the file ({e.Message}).");
        }
    }

    /// <summary>Reads an ensemble file (docs/estimation.md#ensemble).</summary>
    public static Estimation.Ensemble ReadEnsemble(string path, CliConsole console)
    {
        string text = ReadText(path, console, out string label);
        return Estimation.EnsembleJson.Read(text, label);
    }

    /// <summary>True when the text is an ensemble file (an object with a "format" property).</summary>
    public static bool IsEnsemble(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object && document.RootElement.TryGetProperty("format", out _);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    /// <summary>A plain-game ensemble for commands that work on one homogeneous game.</summary>
    public static Estimation.Ensemble ReadPlainEnsemble(string path, CliConsole console, string command)
    {
        var ensemble = ReadEnsemble(path, console);
        if (!ensemble.IsHomogeneous)
        {
            throw new CliException($"{Label(path)}: an ensemble of populations with several agent classes; {command} works on plain games. Use `active-alignment solve --ensemble` for populations.");
        }
        return ensemble;
    }

    public static Populations.PopulationGame ReadPopulation(string path, CliConsole console)
    {
        string text = ReadText(path, console, out string label);
        return GameJson.ReadPopulation(text, label);
    }

    /// <summary>
    /// Reads a single game for commands that work on one homogeneous game (sweep, compare, steer): a population of one class
    /// without overrides is that game; any other population is a usage error said in the tool's terms.
    /// </summary>
    public static AlignmentGame ReadGame(string path, CliConsole console, string command = "this command")
    {
        string text = ReadText(path, console, out string label);
        if (!DeclaresClasses(text))
        {
            return GameJson.Read(text, label);
        }
        var population = GameJson.ReadPopulation(text, label);
        if (population.IsHomogeneous && population.HomogeneousGame is { } game)
        {
            return game;
        }
        throw new CliException($"{label}: a population of {population.Classes.Count} agent classes; {command} works on one homogeneous game. Use `active-alignment solve` or `validate` for populations, or give the classes one set of coefficients.");
    }

    /// <summary>True when the document is an object whose "agents" is a list (agent classes); malformed text is left to the reader.</summary>
    private static bool DeclaresClasses(string text)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(text, new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("agents", out var agents) && agents.ValueKind == System.Text.Json.JsonValueKind.Array;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}

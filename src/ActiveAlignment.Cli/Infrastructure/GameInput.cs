using ActiveAlignment.Serialization;

namespace ActiveAlignment.Cli;

/// <summary>Reads GAME arguments: a path, or "-" for standard input.</summary>
internal static class GameInput
{
    /// <summary>What standard input is called in every message, label and row name.</summary>
    public const string StdinLabel = IO.InputFiles.StandardInputLabel;

    /// <summary>The label of an input: its file name, or <see cref="StdinLabel"/> for "-".</summary>
    public static string Label(string path) => IO.InputFiles.Label(path);

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

    /// <summary>Reads a GAME argument's text (recorded for the provenance), and its label.</summary>
    public static string ReadText(string path, CliConsole console, out string label)
    {
        label = Label(path);
        return console.Inputs.ReadText(path);
    }

    /// <summary>Reads an ensemble file (docs/estimation.md#ensemble).</summary>
    public static Estimation.Ensemble ReadEnsemble(string path, CliConsole console)
    {
        string text = ReadText(path, console, out string label);
        return Estimation.EnsembleJson.Read(text, label);
    }

    /// <summary>True when the text is an ensemble file (an object with a "format" property).</summary>
    public static bool IsEnsemble(string text) => Estimation.EnsembleJson.IsEnsemble(text);

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
        if (!GameJson.DeclaresAgentClasses(text))
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
}

using ActiveAlignment.Serialization;

namespace ActiveAlignment.Cli;

/// <summary>Reads GAME arguments: a path, or "-" for standard input.</summary>
internal static class GameInput
{
    public static string ReadText(string path, CliConsole console, out string label)
    {
        if (path == "-")
        {
            label = "<stdin>";
            return console.In.ReadToEnd();
        }
        label = Path.GetFileName(path);
        try
        {
            return File.ReadAllText(path);
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

    public static Populations.PopulationGame ReadPopulation(string path, CliConsole console)
    {
        string text = ReadText(path, console, out string label);
        return GameJson.ReadPopulation(text, label);
    }

    public static AlignmentGame ReadGame(string path, CliConsole console)
    {
        string text = ReadText(path, console, out string label);
        return GameJson.Read(text, label);
    }
}

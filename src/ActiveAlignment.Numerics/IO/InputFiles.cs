using System.Security.Cryptography;

namespace ActiveAlignment.IO;

/// <summary>
/// The input files of one step of a pipeline: read with messages that say what is wrong with the path, and recorded with
/// the SHA-256 of their bytes, in the order read, for the provenance of the step's answer. <c>-</c> is standard input (the
/// reader given to the constructor). Safe to use from several threads.
/// </summary>
/// <example>
/// <code>
/// var inputs = new InputFiles();
/// string text = inputs.ReadText("game.json");
/// var game = GameJson.Read(text, InputFiles.Label("game.json"));
/// // inputs.Files: [game.json = 3f5c…]; give inputs.Paths to OutputFiles so that no output overwrites an input
/// </code>
/// </example>
public sealed class InputFiles
{
    /// <summary>What standard input is called in every message, label and row name.</summary>
    public const string StandardInputLabel = "<stdin>";

    private readonly TextReader? _standardInput;
    private readonly List<KeyValuePair<string, string>> _read = [];

    /// <summary>Starts with nothing read.</summary>
    /// <param name="standardInput">What <c>-</c> reads; null for none (reading <c>-</c> is then an error).</param>
    public InputFiles(TextReader? standardInput = null) => _standardInput = standardInput;

    /// <summary>Every input read or recorded so far, once each: (path as given, lower-case hexadecimal SHA-256 of its bytes).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Files
    {
        get
        {
            lock (_read)
            {
                return _read.ToArray();
            }
        }
    }

    /// <summary>The paths read so far, evaluated anew at each enumeration (so <see cref="OutputFiles"/> sees later reads too).</summary>
    public IEnumerable<string> Paths
    {
        get
        {
            foreach (var input in Files)
            {
                yield return input.Key;
            }
        }
    }

    /// <summary>What was read, e.g. <c>InputFiles(game.json, -)</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"InputFiles({string.Join(", ", Files.Select(i => i.Key))})";

    /// <summary>The label of an input in messages: its file name, or <see cref="StandardInputLabel"/> for <c>-</c>.</summary>
    /// <param name="path">A path, or <c>-</c>.</param>
    /// <returns>The label.</returns>
    public static string Label(string path) => path == "-" ? StandardInputLabel : Path.GetFileName(path);

    /// <summary>Reads a whole input as text (UTF-8, a byte-order mark honoured) and records it.</summary>
    /// <param name="path">A path, or <c>-</c> for standard input.</param>
    /// <returns>The text.</returns>
    /// <exception cref="InputFileException">The path is a directory, does not exist, cannot be read, or is <c>-</c> without a standard input.</exception>
    public string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path == "-")
        {
            if (_standardInput is null)
            {
                throw new InputFileException(path, "-: there is no standard input to read here; give the path of a file.");
            }
            string stdin = _standardInput.ReadToEnd();
            Record(path, System.Text.Encoding.UTF8.GetBytes(stdin));
            return stdin;
        }
        return Read(path, p =>
        {
            byte[] bytes = File.ReadAllBytes(p);
            Record(p, bytes);
            using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        });
    }

    /// <summary>
    /// Reads a file with a reader of the caller's (a table parser, say), turning a directory, a missing file and an
    /// unreadable one into an <see cref="InputFileException"/> whose message starts with <paramref name="field"/> and the path.
    /// Nothing is recorded: call <see cref="Record(string)"/> for a file read this way.
    /// </summary>
    /// <typeparam name="T">What the reader returns.</typeparam>
    /// <param name="path">The file's path.</param>
    /// <param name="read">Reads the file at the path it is given.</param>
    /// <param name="field">The option or field that gave the path (e.g. <c>--attractiveness</c>), or null.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    /// <exception cref="InputFileException">The path is a directory, does not exist or cannot be read.</exception>
    public static T Read<T>(string path, Func<string, T> read, string? field = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(read);
        string at = field is null ? path : $"{field} {path}";
        if (Directory.Exists(path))
        {
            throw new InputFileException(path, $"{at}: is a directory; give the path of a file.");
        }
        try
        {
            return read(path);
        }
        catch (FileNotFoundException e)
        {
            throw new InputFileException(path, $"{at}: no such file.", e);
        }
        catch (DirectoryNotFoundException e)
        {
            throw new InputFileException(path, $"{at}: no such file (its directory does not exist).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputFileException(path, $"{at}: permission denied.", e);
        }
        catch (IOException e) when (e is not InputFileException)
        {
            throw new InputFileException(path, $"{at}: cannot read the file ({e.Message}).", e);
        }
    }

    /// <summary>Records a file read by other means, hashing it as a stream (for large tables).</summary>
    /// <param name="path">The file's path.</param>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public void Record(string path)
    {
        using var stream = File.OpenRead(path);
        Add(path, Hex(SHA256.HashData(stream)));
    }

    /// <summary>Records an input whose bytes the caller has.</summary>
    /// <param name="path">The path as given (or <c>-</c>).</param>
    /// <param name="bytes">Its bytes.</param>
    public void Record(string path, ReadOnlySpan<byte> bytes) => Add(path, Hex(SHA256.HashData(bytes)));

    private void Add(string path, string hash)
    {
        lock (_read)
        {
            if (!_read.Any(i => i.Key == path && i.Value == hash))
            {
                _read.Add(new(path, hash));
            }
        }
    }

    private static string Hex(ReadOnlySpan<byte> bytes)
    {
        const string Digits = "0123456789abcdef";
        var chars = new char[2 * bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Digits[bytes[i] >> 4];
            chars[(2 * i) + 1] = Digits[bytes[i] & 15];
        }
        return new string(chars);
    }
}

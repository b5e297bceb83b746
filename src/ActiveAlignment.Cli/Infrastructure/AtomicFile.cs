using ActiveAlignment.IO;

namespace ActiveAlignment.Cli;

/// <summary>
/// The tool's output paths: "-" is standard output; every other path goes through the command's
/// <see cref="OutputFiles"/>, which writes all of a command's files together, when it succeeds, or none of them.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Fails early, before any work, when the path cannot be written.</summary>
    /// <returns>The path that will be written: "-", the final target of a link, or the path itself.</returns>
    public static string Check(string path, string option) => path == "-" ? path : OutputFiles.Check(path, option);

    /// <summary>Writes one output; a failure is an <see cref="OutputFileException"/> (exit code 2).</summary>
    public static void Write(CommandContext context, string path, string option, Action<Stream> write)
    {
        if (path != "-")
        {
            context.Outputs.Write(path, option, write);
        }
        else if (context.Console.Binary is { } binary && context.StandardOutputData.Count == 0)
        {
            // Streamed as it is produced (a 3000² CSV is gigabytes): standard output then carries only this data, and the
            // command's summary goes to standard error (the empty entry marks that). The process's standard output ignores
            // Dispose (StandardStreams), so the writer may close its wrapper.
            context.StandardOutputData.Add([]);
            using (var buffered = new BufferedStream(binary, 1 << 16))
            {
                write(buffered);
            }
            binary.Flush();
        }
        else
        {
            var memory = new MemoryStream();
            write(memory);
            context.StandardOutputData.Add(memory.ToArray());
        }
    }
}

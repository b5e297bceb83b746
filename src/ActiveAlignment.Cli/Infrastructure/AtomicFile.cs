namespace ActiveAlignment.Cli;

/// <summary>
/// Writes output files atomically: into a temporary file beside the target, then renamed over it. An error or Ctrl-C
/// part-way leaves no partial file (the temporary one is deleted).
/// </summary>
internal static class AtomicFile
{
    /// <summary>Fails early, before any work, when the file's directory does not exist.</summary>
    public static string CheckDirectory(string path, string option)
    {
        string full = Path.GetFullPath(path);
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new CliException($"{option} {path}: the directory {directory} does not exist.");
        }
        return directory;
    }

    public static void Write(string path, string option, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string directory = CheckDirectory(path, option);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"{option} {path}: cannot write the file ({e.Message}).");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}

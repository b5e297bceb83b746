using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ActiveAlignment.Cli;

/// <summary>
/// Writes output files safely. A regular file (or a new path) is written into a temporary file beside it and renamed over
/// it, so an error, Ctrl-C, SIGTERM or SIGHUP part-way leaves the old file intact and no partial one. A symbolic link is
/// followed: its final target is replaced (in the target's own directory) and the link stays a link. A named pipe, a
/// character device (such as /dev/stdout) or a socket is written through, never replaced. "-" means standard output.
/// A directory is a usage error. Temporary files left by a killed run (<c>.NAME.aa-tmp-PID-…</c>) are removed by the
/// next run that writes beside them, once their process is gone.
/// </summary>
internal static class AtomicFile
{
    private const string TemporaryMarker = ".aa-tmp-";

    private enum Kind
    {
        StandardOutput,
        Regular,
        Special,
    }

    /// <summary>
    /// The input this output would overwrite, if any: the same file as an input read by the command, or null. Compared by
    /// file identity (device and inode), so a hard link, a bind mount or a path through a linked directory is caught; where
    /// the identity cannot be read, by the real path with every link resolved. Never by the path's text.
    /// </summary>
    private static string? IsAnInput(CommandContext context, string target)
    {
        var identity = Identity(target);
        string resolved = RealPath(target);
        foreach (var (input, _) in context.Console.Inputs)
        {
            if (input == "-")
            {
                continue;
            }
            if ((identity is not null && Identity(input) == identity) || string.Equals(RealPath(input), resolved, StringComparison.Ordinal))
            {
                return input;
            }
        }
        return null;
    }

    /// <summary>The path with every symbolic link resolved (realpath), or the full path when it does not exist yet.</summary>
    private static string RealPath(string path)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is IOException or ArgumentException or NotSupportedException)
        {
            return path;
        }
        if (OperatingSystem.IsWindows())
        {
            return full;
        }
        IntPtr real = NativeRealPath(full);
        if (real == IntPtr.Zero)
        {
            return full;
        }
        try
        {
            return Marshal.PtrToStringUTF8(real) ?? full;
        }
        finally
        {
            NativeFree(real);
        }
    }

    /// <summary>
    /// (device, inode) of an existing file, or null where it cannot be read. The runtime's stat structure is checked against
    /// the file's length first, so a runtime with another layout falls back to <see cref="RealPath"/> instead of guessing.
    /// </summary>
    private static (long Device, long Inode)? Identity(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        try
        {
            var info = new FileInfo(path);
            var status = new byte[512];
            if (!info.Exists || NativeStat(info.FullName, status) != 0 || BitConverter.ToInt64(status, StatSize) != info.Length
                || (BitConverter.ToInt32(status, StatMode) & FileTypeMask) != RegularFile)
            {
                return null;
            }
            long inode = BitConverter.ToInt64(status, StatInode);
            return inode == 0 ? null : (BitConverter.ToInt64(status, StatDevice), inode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Fails early, before any work, when the path cannot be written (a directory, a missing directory).</summary>
    /// <returns>The path that will be written: the final target of a link, or the path itself.</returns>
    public static string Check(string path, string option)
    {
        _ = Classify(path, option, out string target);
        return target;
    }

    /// <summary>Writes the file as described on the class; a failure is a <see cref="CliException"/> (exit code 2).</summary>
    public static void Write(CommandContext context, string path, string option, Action<Stream> write)
    {
        var kind = Classify(path, option, out string target);
        if (kind != Kind.StandardOutput && IsAnInput(context, target) is { } input)
        {
            throw new CliException($"{option} {path}: is this command's input {input}{(string.Equals(Path.GetFullPath(input), Path.GetFullPath(path), StringComparison.Ordinal) ? "" : " (the same file under another name)")}; writing it would destroy it. Give another path.");
        }
        try
        {
            switch (kind)
            {
                case Kind.StandardOutput when context.Console.Binary is { } binary && context.StandardOutputData.Count == 0:
                    // Streamed as it is produced (a 3000² CSV is gigabytes): standard output then carries only this data,
                    // and the command's summary goes to standard error (the empty entry marks that).
                    // The process's standard output ignores Dispose (StandardStreams), so the writer may close its wrapper.
                    context.StandardOutputData.Add([]);
                    using (var buffered = new BufferedStream(binary, 1 << 16))
                    {
                        write(buffered);
                    }
                    binary.Flush();
                    return;
                case Kind.StandardOutput:
                    var memory = new MemoryStream();
                    write(memory);
                    context.StandardOutputData.Add(memory.ToArray());
                    return;
                case Kind.Special:
                    using (var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                    {
                        write(stream);
                    }
                    return;
                default:
                    WriteReplacing(context, target, write);
                    return;
            }
        }
        catch (IOException e) when (e is not FileNotFoundException and not StandardOutputException)
        {
            throw new CliException($"{option} {path}: cannot write the file ({e.Message}); nothing was left behind.");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"{option} {path}: cannot write the file ({e.Message}).");
        }
    }

    /// <summary>
    /// Writes the file's temporary sibling now; the rename onto the target waits for <see cref="Commit"/>, so that every
    /// output of a command appears together, or none does (a full disk on the second file leaves the first untouched).
    /// </summary>
    private static void WriteReplacing(CommandContext context, string target, Action<Stream> write)
    {
        string directory = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        RemoveStale(directory, name);
        string temporary = Path.Combine(directory, $".{name}{TemporaryMarker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        lock (TemporaryFiles)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            TemporaryFiles.Add(temporary);
        }
        bool written = false;
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream); // the writer may close the stream; a failed flush surfaces here as an IOException
            }
            lock (TemporaryFiles)
            {
                context.Cancellation.ThrowIfCancellationRequested();
                context.PendingFiles.RemoveAll(p => p.Target == target);
                context.PendingFiles.Add((temporary, target));
                written = true;
            }
        }
        finally
        {
            if (!written)
            {
                Discard(temporary);
            }
        }
    }

    /// <summary>
    /// Renames every file the command wrote onto its target, at once, unless the run was cancelled (then none is, and an
    /// <see cref="OperationCanceledException"/> is thrown). Holding the lock the signal handlers take, so a signal either
    /// comes before (nothing written) or after (everything written), never between two renames or mid-rename.
    /// </summary>
    public static void Commit(CommandContext context)
    {
        lock (TemporaryFiles)
        {
            if (context.Cancellation.IsCancellationRequested || Stopped)
            {
                throw new OperationCanceledException(context.Cancellation);
            }
            try
            {
                foreach (var (temporary, target) in context.PendingFiles)
                {
                    File.Move(temporary, target, overwrite: true);
                    TemporaryFiles.Remove(temporary);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot put an output file in place ({e.Message}); the outputs not yet renamed were removed.");
            }
            finally
            {
                context.PendingFiles.Clear();
            }
        }
    }

    /// <summary>Deletes every file the command wrote but did not commit (the command failed).</summary>
    public static void Abandon(CommandContext context)
    {
        lock (TemporaryFiles)
        {
            foreach (var (temporary, _) in context.PendingFiles)
            {
                Discard(temporary);
            }
            context.PendingFiles.Clear();
        }
    }

    private static void Discard(string temporary)
    {
        lock (TemporaryFiles)
        {
            TemporaryFiles.Remove(temporary);
        }
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // nothing more can be done; the next write of this target removes stale temporaries (RemoveStale)
        }
    }

    /// <summary>Set by <see cref="Stop"/>: nothing may be committed any more.</summary>
    private static bool Stopped;

    /// <summary>
    /// For the signal handlers: no output may be committed from now on, and every temporary file is deleted. Returns after
    /// any commit in progress has finished (it holds the same lock).
    /// </summary>
    public static void Stop()
    {
        lock (TemporaryFiles)
        {
            Stopped = true;
        }
        RemoveTemporaryFiles();
    }

    /// <summary>Temporary files being written now, for the signal handlers (<see cref="RemoveTemporaryFiles"/>).</summary>
    private static readonly HashSet<string> TemporaryFiles = [];

    /// <summary>Deletes every temporary file being written (called on SIGTERM and SIGHUP before the process ends).</summary>
    public static void RemoveTemporaryFiles()
    {
        string[] files;
        lock (TemporaryFiles)
        {
            files = [.. TemporaryFiles];
        }
        foreach (string file in files)
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // best effort while the process is being stopped
            }
            catch (UnauthorizedAccessException)
            {
                // best effort while the process is being stopped
            }
        }
    }

    private static void RemoveStale(string directory, string name)
    {
        foreach (string file in Directory.EnumerateFiles(directory, $".{name}{TemporaryMarker}*"))
        {
            string rest = Path.GetFileName(file)[(name.Length + 1 + TemporaryMarker.Length)..];
            int dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest[..dash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid)
                && !IsAlive(pid))
            {
                File.Delete(file);
            }
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static Kind Classify(string path, string option, out string target)
    {
        target = path;
        if (path == "-")
        {
            return Kind.StandardOutput;
        }
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new CliException($"{option}: the path is empty.");
        }
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException($"{option} {path}: is a directory; give the path of a file to write (or - for standard output).");
        }
        // Follow a symbolic link to its final target, so the link itself is kept.
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            full = final is null ? Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(full)!) : final.FullName;
            if (Directory.Exists(full))
            {
                throw new CliException($"{option} {path}: links to a directory; give the path of a file to write.");
            }
        }
        target = full;
        if (File.Exists(full) && IsSpecial(full))
        {
            return Kind.Special;
        }
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new CliException($"{option} {path}: the directory {directory} does not exist.");
        }
        return Kind.Regular;
    }

    /// <summary>True for a named pipe, a character or block device, or a socket (Unix): anything but a regular file.</summary>
    private static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        var status = new byte[512];
        if (NativeStat(path, status) != 0)
        {
            return false;
        }
        int mode = BitConverter.ToInt32(status, StatMode) & FileTypeMask;
        return mode is not RegularFile and not DirectoryType and not 0;
    }

    // The runtime's own portable stat (libSystem.Native ships with every .NET runtime): FileStatus is int32 Flags, int32 Mode
    // (the PAL's S_IFMT bits), uint32 Uid, Gid, then int64 Size, six times, birth times, Dev, RDev, Ino.
    private const int StatMode = 4;
    private const int StatSize = 16;
    private const int StatDevice = 88;
    private const int StatInode = 104;
    private const int FileTypeMask = 0xF000;
    private const int RegularFile = 0x8000;
    private const int DirectoryType = 0x4000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeStat(string path, [In, Out] byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_RealPath", CharSet = CharSet.Ansi)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr NativeRealPath(string path);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Free")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void NativeFree(IntPtr pointer);
}

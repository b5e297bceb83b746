using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ActiveAlignment.IO;

/// <summary>
/// The output files of one step of a pipeline, written so that they appear together or not at all. A regular file (or a new
/// path) is written into a temporary sibling (<c>.NAME.aa-tmp-PID-…</c>) and renamed over its target by <see cref="Commit"/>,
/// so an error, Ctrl-C or SIGTERM part-way leaves the old files intact and no partial one. A symbolic link is followed: its
/// final target is replaced (in the target's own directory) and the link stays a link. A named pipe, a character device
/// (such as /dev/stdout) or a socket is written through at once, never replaced. A directory, a missing directory, an empty
/// path, or one of the step's own inputs (compared by device and inode, so a hard link or a linked directory is caught) is
/// refused with an <see cref="OutputFileException"/> naming the field. Temporary files left by a killed process are removed
/// by the next write beside them, once that process is gone.
/// </summary>
/// <example>
/// <code>
/// using var outputs = new OutputFiles(inputs: ["game.json"]);
/// outputs.Write("heatmap.png", "--png", s => s.Write(png));
/// outputs.Write("grid.csv", "--csv", s => s.Write(csv));
/// outputs.Commit(); // both files appear now; without this line, neither does
/// </code>
/// </example>
public sealed class OutputFiles : IDisposable
{
    private const string TemporaryMarker = ".aa-tmp-";

    /// <summary>Temporary files being written now, by every instance (for <see cref="StopAll"/>).</summary>
    private static readonly HashSet<string> TemporaryFiles = [];

    /// <summary>Set by <see cref="StopAll"/>: nothing may be committed any more.</summary>
    private static bool s_stopped;

    private readonly IEnumerable<string> _inputs;
    private readonly CancellationToken _cancellation;
    private readonly List<(string Temporary, string Target)> _pending = [];

    /// <summary>Starts an empty set of outputs.</summary>
    /// <param name="inputs">The paths this step reads, enumerated again at every write (so a live list may be given); an
    /// output that is one of them is refused. Null for none.</param>
    /// <param name="cancellation">Once cancelled, nothing more is written or committed.</param>
    public OutputFiles(IEnumerable<string>? inputs = null, CancellationToken cancellation = default)
    {
        _inputs = inputs ?? [];
        _cancellation = cancellation;
    }

    /// <summary>The number of files written and waiting for <see cref="Commit"/>.</summary>
    public int Pending => _pending.Count;

    /// <summary>What the set holds, e.g. <c>OutputFiles(2 pending)</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"OutputFiles({_pending.Count} pending)");

    /// <summary>Fails early, before any work, when <paramref name="path"/> cannot be written (a directory, a missing directory, an empty path).</summary>
    /// <param name="path">The output path.</param>
    /// <param name="field">The option or field that gave the path, for the message (e.g. <c>--csv</c>).</param>
    /// <returns>The path that will be written: the final target of a link, or the full path itself.</returns>
    /// <exception cref="OutputFileException">The path cannot be written; the message names <paramref name="field"/>.</exception>
    public static string Check(string path, string field)
    {
        _ = Classify(path, field, out string target);
        return target;
    }

    /// <summary>
    /// Writes one output: a regular file into its temporary sibling (renamed by <see cref="Commit"/>), a pipe, device or
    /// socket straight through. Writing the same target twice keeps the second.
    /// </summary>
    /// <param name="path">The output path.</param>
    /// <param name="field">The option or field that gave the path, for messages.</param>
    /// <param name="write">Writes the content; it may close the stream.</param>
    /// <exception cref="OutputFileException">The path cannot be written, is one of the inputs, or writing failed (nothing is then left behind).</exception>
    /// <exception cref="OperationCanceledException">The cancellation token was cancelled.</exception>
    public void Write(string path, string field, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        bool special = Classify(path, field, out string target);
        if (IsAnInput(target) is { } input)
        {
            throw new OutputFileException(field, path, $"{field} {path}: is this command's input {input}{(string.Equals(Path.GetFullPath(input), Path.GetFullPath(path), StringComparison.Ordinal) ? "" : " (the same file under another name)")}; writing it would destroy it. Give another path.");
        }
        try
        {
            if (special)
            {
                using var stream = new FileStream(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                write(stream);
                return;
            }
            WriteReplacing(target, write);
        }
        catch (IOException e) when (e is not FileNotFoundException and not OutputFileException)
        {
            throw new OutputFileException(field, path, $"{field} {path}: cannot write the file ({e.Message}); nothing was left behind.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new OutputFileException(field, path, $"{field} {path}: cannot write the file ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Renames every file written onto its target, at once, unless the token was cancelled or <see cref="StopAll"/> was
    /// called (then none is, and an <see cref="OperationCanceledException"/> is thrown). Holds the lock <see cref="StopAll"/>
    /// takes, so a signal handler's stop comes either before (nothing appears) or after (everything does).
    /// </summary>
    /// <exception cref="OperationCanceledException">Cancelled or stopped: nothing was renamed.</exception>
    /// <exception cref="OutputFileException">A rename failed; the outputs not yet renamed were removed.</exception>
    public void Commit()
    {
        lock (TemporaryFiles)
        {
            if (_cancellation.IsCancellationRequested || s_stopped)
            {
                throw new OperationCanceledException(_cancellation);
            }
            try
            {
                foreach (var (temporary, target) in _pending)
                {
                    File.Move(temporary, target, overwrite: true);
                    TemporaryFiles.Remove(temporary);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                foreach (var (temporary, _) in _pending)
                {
                    Discard(temporary);
                }
                throw new OutputFileException("", "", $"cannot put an output file in place ({e.Message}); the outputs not yet renamed were removed.", e);
            }
            finally
            {
                _pending.Clear();
            }
        }
    }

    /// <summary>Deletes every file written but not committed (the step failed). Safe to call more than once.</summary>
    public void Abandon()
    {
        lock (TemporaryFiles)
        {
            foreach (var (temporary, _) in _pending)
            {
                Discard(temporary);
            }
            _pending.Clear();
        }
    }

    /// <summary>Abandons whatever was not committed.</summary>
    public void Dispose() => Abandon();

    /// <summary>
    /// For signal handlers (SIGTERM, SIGHUP): no set of outputs in this process may commit from now on, and every temporary
    /// file being written is deleted. Returns after any commit in progress has finished.
    /// </summary>
    public static void StopAll()
    {
        string[] files;
        lock (TemporaryFiles)
        {
            s_stopped = true;
            files = [.. TemporaryFiles];
        }
        foreach (string file in files)
        {
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // best effort while the process is being stopped
            }
        }
    }

    private void WriteReplacing(string target, Action<Stream> write)
    {
        string directory = Path.GetDirectoryName(target)!;
        string name = Path.GetFileName(target);
        RemoveStale(directory, name);
        string temporary = Path.Combine(directory, $".{name}{TemporaryMarker}{Environment.ProcessId}-{Guid.NewGuid():N}");
        lock (TemporaryFiles)
        {
            _cancellation.ThrowIfCancellationRequested();
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
                _cancellation.ThrowIfCancellationRequested();
                int previous = _pending.FindIndex(p => p.Target == target);
                if (previous >= 0)
                {
                    Discard(_pending[previous].Temporary);
                    _pending.RemoveAt(previous);
                }
                _pending.Add((temporary, target));
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

    /// <summary>
    /// The input this output would overwrite, if any. Compared by file identity (device and inode), so a hard link, a bind
    /// mount or a path through a linked directory is caught; where the identity cannot be read, by the real path with every
    /// link resolved. Never by the path's text.
    /// </summary>
    private string? IsAnInput(string target)
    {
        var identity = Identity(target);
        string resolved = RealPath(target);
        foreach (string input in _inputs)
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
        IntPtr real = NativeRealPath(NativePath(full));
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
            if (!info.Exists || NativeStat(NativePath(info.FullName), status) != 0 || BitConverter.ToInt64(status, StatSize) != info.Length
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

    /// <summary>Whether the path is a pipe, device or socket (written through), after checking that it can be written at all.</summary>
    private static bool Classify(string path, string field, out string target)
    {
        target = path;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OutputFileException(field, path ?? "", $"{field}: the path is empty.");
        }
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new OutputFileException(field, path, $"{field} {path}: is a directory; give the path of a file to write (or - for standard output).");
        }
        // Follow a symbolic link to its final target, so the link itself is kept.
        var info = new FileInfo(full);
        if (info.LinkTarget is not null)
        {
            var final = info.ResolveLinkTarget(returnFinalTarget: true);
            full = final is null ? Path.GetFullPath(info.LinkTarget, Path.GetDirectoryName(full)!) : final.FullName;
            if (Directory.Exists(full))
            {
                throw new OutputFileException(field, path, $"{field} {path}: links to a directory; give the path of a file to write.");
            }
        }
        target = full;
        if (File.Exists(full) && IsSpecial(full))
        {
            return true;
        }
        string? directory = Path.GetDirectoryName(full);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new OutputFileException(field, path, $"{field} {path}: the directory {directory} does not exist.");
        }
        return false;
    }

    /// <summary>True for a named pipe, a character or block device, or a socket (Unix): anything but a regular file.</summary>
    private static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }
        var status = new byte[512];
        if (NativeStat(NativePath(path), status) != 0)
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

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int NativeStat(byte[] path, [In, Out] byte[] status);

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_RealPath")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern IntPtr NativeRealPath(byte[] path);

    /// <summary>A path as the native calls take it: UTF-8, terminated by a zero byte.</summary>
    private static byte[] NativePath(string path) => System.Text.Encoding.UTF8.GetBytes(path + "\0");

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Free")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void NativeFree(IntPtr pointer);
}

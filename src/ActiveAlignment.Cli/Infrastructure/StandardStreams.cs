using Microsoft.Win32.SafeHandles;

namespace ActiveAlignment.Cli;

/// <summary>
/// The process's standard input and output as they really are. .NET's console streams hide two things a pipeline needs:
/// a write to a closed pipe is silently dropped (so <c>solve --batch … | head</c> would solve every record), and a
/// descriptor closed by the caller (<c>&lt;&amp;-</c>, <c>&gt;&amp;-</c>) may have been reused by the runtime for its own pipe
/// (so reading "standard input" would wait forever). Here a closed descriptor is detected at start, and a write error
/// on standard output becomes a <see cref="StandardOutputException"/>.
/// </summary>
internal static class StandardStreams
{
    /// <summary>
    /// Whether descriptor <paramref name="fd"/> (0 or 1) was closed by the caller (Linux): it does not exist; it is an
    /// anonymous inode; it is open in the wrong direction (standard input write-only, standard output read-only); or it is
    /// one end of a pipe whose other end this process holds too (the runtime's own pipe, reusing the number). Duplicates
    /// of the same end (the runtime dups the console descriptors) do not count.
    /// </summary>
    public static bool IsClosed(int fd)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd"))
        {
            return false;
        }
        string? target = Target($"/proc/self/fd/{fd}");
        if (target is null || target.StartsWith("anon_inode:", StringComparison.Ordinal))
        {
            return true;
        }
        int? mode = AccessMode(fd);
        if (mode == (fd == 0 ? 1 : 0))
        {
            return true;
        }
        if (!target.StartsWith("pipe:", StringComparison.Ordinal))
        {
            return false;
        }
        try
        {
            foreach (string other in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                if (int.TryParse(Path.GetFileName(other), out int n) && n != fd && Target(other) == target && AccessMode(n) is int m && m != mode)
                {
                    return true;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
        return false;
    }

    /// <summary>O_RDONLY (0), O_WRONLY (1) or O_RDWR (2) of an open descriptor, from /proc/self/fdinfo; null if unknown.</summary>
    private static int? AccessMode(int fd)
    {
        try
        {
            foreach (string line in File.ReadLines($"/proc/self/fdinfo/{fd}"))
            {
                if (line.StartsWith("flags:", StringComparison.Ordinal))
                {
                    return Convert.ToInt32(line["flags:".Length..].Trim(), 8) & 3;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
        return null;
    }

    private static string? Target(string link)
    {
        try
        {
            return new FileInfo(link).LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Standard output as a stream whose write errors are reported (a broken pipe included), unbuffered.</summary>
    public static Stream OpenOutput()
    {
        Stream inner = OperatingSystem.IsWindows()
            ? Console.OpenStandardOutput()
            : new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        return new ReportingStream(inner);
    }

    /// <summary>Wraps standard output's writes: an I/O error becomes a <see cref="StandardOutputException"/>.</summary>
    private sealed class ReportingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => Guard(inner.Flush);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Guard(() => inner.Write(buffer, offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            try
            {
                inner.Write(buffer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw StandardOutputException.From(e);
            }
        }

        private static void Guard(Action action)
        {
            try
            {
                action();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw StandardOutputException.From(e);
            }
        }

        // Standard output stays open for the whole process: a command that wraps this stream and disposes its wrapper
        // must not close it under the final flush. The descriptor itself is not owned (ownsHandle: false).
        protected override void Dispose(bool disposing) => base.Dispose(disposing); // Stream's own does nothing; the inner stream stays open
    }
}

/// <summary>Standard output cannot be written: its reader has gone (<see cref="BrokenPipe"/>), or another error.</summary>
internal sealed class StandardOutputException(string message, bool brokenPipe, Exception inner) : IOException(message, inner)
{
    private const int Epipe = 32;

    /// <summary>True when the reader closed the pipe (e.g. <c>| head</c>): the conventional quiet exit 141.</summary>
    public bool BrokenPipe { get; } = brokenPipe;

    public static StandardOutputException From(Exception e) => e as StandardOutputException
        ?? new StandardOutputException(e.Message, e.HResult == Epipe || e.Message.Contains("Broken pipe", StringComparison.OrdinalIgnoreCase), e);
}

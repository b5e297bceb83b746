using System.Buffers;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Internal;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Solves a JSON Lines batch: one game, population or <c>{"id": ..., "game": {...}}</c> per line in, one answer per line
/// out, in input order (what <c>active-alignment solve --batch</c> runs). Each answer is the object
/// <see cref="AnswerJson.WriteEquilibrium"/> writes, with <c>line</c> (1-based) and <c>id</c> first, or
/// <c>{"line", "id", "error"}</c> for a record that cannot be read or solved; a bad record never stops the batch. Blank lines
/// are skipped. Lines are read in chunks, solved, certified and written in parallel and then in order, so memory does not
/// depend on the number of lines and the bytes do not depend on the number of threads.
/// </summary>
/// <example>
/// <code>
/// using var input = File.OpenRead("games.jsonl");
/// using var output = File.Create("answers.jsonl");
/// var summary = JsonLinesBatch.Solve(input, output, threshold: 0.01);
/// Console.WriteLine(summary); // 200000 records: 200000 solved (200000 certified), 0 invalid
/// </code>
/// </example>
public static class JsonLinesBatch
{
    private const int ChunkLines = 4096;

    /// <summary>The longest record a batch line may hold: 64 MiB. A longer line is that record's error; the batch goes on.</summary>
    public const int MaxLineBytes = 1 << 26;

    /// <summary>Solves every record of <paramref name="input"/> and writes the answers to <paramref name="output"/> as UTF-8 JSON Lines.</summary>
    /// <param name="input">JSON Lines, UTF-8 (a leading byte-order mark is skipped; LF or CRLF).</param>
    /// <param name="output">Where the answers go; flushed after each chunk, not closed.</param>
    /// <param name="threshold">The exclusion threshold τ, in the open interval (0, 1).</param>
    /// <param name="threads">How many threads solve (at least 1), or -1 for every core.</param>
    /// <param name="cancellation">Stops the batch between chunks (<see cref="OperationCanceledException"/>): the answers already
    /// written are whole lines.</param>
    /// <returns>How many records were read, solved (certified) and invalid.</returns>
    /// <exception cref="ArgumentNullException">A stream is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The threshold or the number of threads is out of range.</exception>
    /// <exception cref="IOException">Reading or writing failed.</exception>
    public static JsonLinesBatchSummary Solve(Stream input, Stream output, double threshold, int threads = -1, CancellationToken cancellation = default)
    {
        Preconditions.CheckNotNull(input);
        Preconditions.CheckNotNull(output);
        return Run(input, TextWriter.Null, output, threshold, threads, cancellation);
    }

    /// <summary>A chunk ends once it holds this many bytes, so the chunk arena stays below twice the line limit.</summary>
    private const int ChunkBytes = 1 << 26;

    private static readonly JsonDocumentOptions ParseOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    /// <summary>Lines of a chunk are answered in blocks of this many, each block into its own reused buffer.</summary>
    private const int BlockLines = 64;

    /// <summary>
    /// One chunk of lines and their answers; three of them rotate (one written, one solved, one read). The answers
    /// go into one reused buffer per block of <see cref="BlockLines"/> lines, so a chunk allocates nothing once warm, and
    /// nothing an answer is written into outlives the collector's youngest generation.
    /// </summary>
    private sealed class Chunk
    {
        // Both start small and grow to what the lines need (a short batch should not pay for 15 MB of buffers).
        public byte[] Arena = new byte[1 << 16];
        public readonly int[] Starts = new int[ChunkLines];
        public readonly int[] Lengths = new int[ChunkLines];
        public readonly long[] Numbers = new long[ChunkLines];
        public readonly int[] Outcome = new int[ChunkLines]; // 1 solved and certified, 2 solved, 3 invalid
        public readonly bool[] TooLong = new bool[ChunkLines];
        public readonly AnswerBuffer[] Blocks = CreateBlocks();
        public int Count;

        private static AnswerBuffer[] CreateBlocks()
        {
            var blocks = new AnswerBuffer[ChunkLines / BlockLines];
            for (int b = 0; b < blocks.Length; b++)
            {
                blocks[b] = new AnswerBuffer();
            }
            return blocks;
        }
    }

    /// <summary>A growable byte buffer that can be cut back to a mark (a failed answer is taken back, the block's earlier lines stay).</summary>
    private sealed class AnswerBuffer : IBufferWriter<byte>
    {
        private byte[] _bytes = new byte[1 << 12];

        public int Count { get; private set; }

        public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, Count);

        public Utf8JsonWriter? Writer { get; set; }

        public void Truncate(int count) => Count = count;

        public void Advance(int count) => Count += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _bytes.AsMemory(Count);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _bytes.AsSpan(Count);
        }

        public void WriteNewline()
        {
            Reserve(1);
            _bytes[Count++] = (byte)'\n';
        }

        private void Reserve(int sizeHint)
        {
            int need = Count + Math.Max(sizeHint, 256);
            if (need > _bytes.Length)
            {
                Array.Resize(ref _bytes, Math.Max(need, _bytes.Length * 2));
            }
        }
    }

    /// <summary>
    /// The batch, writing to <paramref name="binary"/> when there is one, else to <paramref name="output"/> (a console writer
    /// without a byte stream, as in the tool's tests).
    /// </summary>
    internal static JsonLinesBatchSummary Run(Stream input, TextWriter output, Stream? binary, double threshold, int threads, CancellationToken cancellation)
    {
        if (!double.IsFinite(threshold) || threshold <= 0 || threshold >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "the threshold must lie in the open interval (0, 1).");
        }
        if (threads == 0 || threads < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "give a number of threads >= 1, or -1 for every core.");
        }
        // Lines go straight to the standard output stream as UTF-8 when there is one (the console writer flushes every call).
        // Not disposed: disposing a BufferedStream closes the stream under it, which is the caller's. Each chunk ends with a flush.
        var buffered = binary is null ? null : new BufferedStream(binary, 1 << 16);
        var reader = new ByteLineReader(input);
        long lineNumber = 0, records = 0, solved = 0, invalid = 0, certified = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };

        void Write(Chunk chunk)
        {
            int blocks = (chunk.Count + BlockLines - 1) / BlockLines;
            for (int b = 0; b < blocks; b++)
            {
                var block = chunk.Blocks[b];
                if (buffered is not null)
                {
                    buffered.Write(block.Written);
                }
                else
                {
                    output.Write(Encoding.UTF8.GetString(block.Written));
                }
                block.Truncate(0);
            }
            for (int i = 0; i < chunk.Count; i++)
            {
                records++;
                switch (chunk.Outcome[i])
                {
                    case 1:
                        solved++;
                        certified++;
                        break;
                    case 2:
                        solved++;
                        break;
                    default:
                        invalid++;
                        break;
                }
            }
            if (buffered is not null)
            {
                buffered.Flush();
            }
            else
            {
                output.Flush();
            }
        }

        // Reads the next lines into a chunk: false at the end of the input.
        bool Read(Chunk chunk)
        {
            int count = 0, used = 0;
            while (count < ChunkLines && used < ChunkBytes && reader.TryReadLine(out var line, out bool overLimit))
            {
                lineNumber++;
                chunk.TooLong[count] = overLimit;
                if (!overLimit && IsBlank(line))
                {
                    continue;
                }
                if (used + line.Length > chunk.Arena.Length)
                {
                    Array.Resize(ref chunk.Arena, Math.Max(chunk.Arena.Length * 2, used + line.Length));
                }
                line.CopyTo(chunk.Arena.AsSpan(used));
                (chunk.Starts[count], chunk.Lengths[count], chunk.Numbers[count]) = (used, line.Length, lineNumber);
                used += line.Length;
                count++;
            }
            chunk.Count = count;
            return count > 0;
        }

        // A pipeline of three chunks: while chunk t is solved (in parallel), one task writes chunk t - 1 out and then reads
        // chunk t + 1 in, so neither the input nor the output leaves a core idle. Chunks are written in order, so the answers
        // and their order are those of solving the chunks one after another.
        Chunk[] chunks = [new Chunk(), new Chunk(), new Chunk()];
        Task io = Task.CompletedTask;
        try
        {
            bool more = Read(chunks[0]);
            for (int turn = 0; more; turn++)
            {
                Chunk current = chunks[turn % 3], next = chunks[(turn + 1) % 3];
                Chunk? previous = turn > 0 ? chunks[(turn + 2) % 3] : null;
                bool nextRead = false;
                // Its own thread (not the pool's): with as many pool threads as cores, all solving, a pool task would wait for
                // the chunk to be solved, and reading and writing would not overlap the solve at all.
                io = Task.Factory.StartNew(() =>
                {
                    if (previous is not null)
                    {
                        Write(previous);
                    }
                    if (!cancellation.IsCancellationRequested)
                    {
                        nextRead = Read(next);
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                var arena = current.Arena;
                int count = current.Count;
                Parallel.For(0, (count + BlockLines - 1) / BlockLines, parallel, b =>
                {
                    var block = current.Blocks[b];
                    for (int i = b * BlockLines, end = Math.Min(count, i + BlockLines); i < end; i++)
                    {
                        current.Outcome[i] = Solve(arena.AsMemory(current.Starts[i], current.Lengths[i]), current.Numbers[i], threshold, block, current.TooLong[i]);
                        block.WriteNewline();
                    }
                });
                io.GetAwaiter().GetResult(); // the previous chunk is out and the next is in (or an error ends the batch)
                cancellation.ThrowIfCancellationRequested();
                if (!nextRead)
                {
                    Write(current);
                }
                more = nextRead;
            }
            cancellation.ThrowIfCancellationRequested();
            return new JsonLinesBatchSummary(records, solved, invalid, certified);
        }
        catch
        {
            // Never leave a read or write running behind a failure or a cancellation: the caller reports it next.
            try
            {
                io.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }
            throw;
        }
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (byte b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Splits a UTF-8 stream into lines (LF or CRLF; a leading byte-order mark is skipped) without decoding them.</summary>
    private sealed class ByteLineReader(Stream stream)
    {
        private byte[] _buffer = new byte[1 << 16];
        private int _start, _end;
        private bool _eof, _first = true, _skipping;

        /// <summary>
        /// The next line; a line longer than <see cref="MaxLineBytes"/> is skipped to its end without being kept
        /// (<paramref name="tooLong"/>, and an empty line), so memory stays bounded whatever the input.
        /// </summary>
        public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
        {
            tooLong = false;
            while (true)
            {
                int newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    line = _skipping ? default : Trim(_buffer.AsSpan(_start, newline));
                    tooLong = _skipping;
                    _skipping = false;
                    _start += newline + 1;
                    return true;
                }
                if (_eof)
                {
                    if (_start < _end || _skipping)
                    {
                        line = _skipping ? default : Trim(_buffer.AsSpan(_start, _end - _start));
                        tooLong = _skipping;
                        _skipping = false;
                        _start = _end;
                        return true;
                    }
                    line = default;
                    return false;
                }
                if (_end - _start >= MaxLineBytes || (_skipping && _end > _start))
                {
                    // Over the limit: drop what is held of this line and read on to its newline.
                    _skipping = true;
                    _start = _end = 0;
                }
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                    _end -= _start;
                    _start = 0;
                }
                if (_end == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                int read = stream.Read(_buffer, _end, _buffer.Length - _end);
                if (read == 0)
                {
                    _eof = true;
                }
                _end += read;
                if (_first && _end >= 3)
                {
                    _first = false;
                    if (_buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
                    {
                        _start = 3;
                    }
                }
            }
        }

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }

    private static int Solve(ReadOnlyMemory<byte> line, long number, double threshold, AnswerBuffer buffer, bool tooLong)
    {
        // One writer per block buffer, reset for each line (the answer starts a new top-level value).
        var writer = buffer.Writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        int mark = buffer.Count;
        if (tooLong)
        {
            return Error(writer, buffer, mark, number, null, $"the record is longer than {MaxLineBytes:N0} bytes, the batch line limit; it was skipped.");
        }
        if (JsonLinesRecord.TryReadGame(line.Span, out var fastGame, out var fastId))
        {
            // The common shape, read straight from the bytes (the same game the general reader builds; see JsonLinesRecord).
            return Answer(writer, buffer, mark, number, threshold, fastGame, null, fastId, null);
        }
        JsonDocument? document = null;
        JsonElement? id = null;
        try
        {
            try
            {
                document = JsonDocument.Parse(line, ParseOptions);
            }
            catch (JsonException e)
            {
                string where = e.BytePositionInLine is long position ? $" at position {position + 1}" : "";
                return Error(writer, buffer, mark, number, null, $"not valid JSON{where}: {e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Split(" Change the reader options", 2)[0].TrimEnd()}");
            }
            var root = document.RootElement;
            var game = root;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("game", out var wrapped))
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in root.EnumerateObject())
                {
                    if (!seen.Add(property.Name))
                    {
                        return Error(writer, buffer, mark, number, null, $"property \"{property.Name}\" appears twice in the wrapper record; give it once.");
                    }
                    if (property.Name is not ("game" or "id"))
                    {
                        return Error(writer, buffer, mark, number, root.TryGetProperty("id", out var i0) ? i0 : null,
                            $"unknown property \"{property.Name}\" in a wrapper record; a record is a game, or {{\"id\": ..., \"game\": {{...}}}}.");
                    }
                }
                id = root.TryGetProperty("id", out var i) ? i : null;
                game = wrapped;
            }
            if (game.ValueKind != JsonValueKind.Object)
            {
                return Error(writer, buffer, mark, number, id, "a record must be a JSON object: a game, or {\"id\": ..., \"game\": {...}}.");
            }
            PopulationGame population;
            try
            {
                population = GameJson.ReadPopulation(game, $"line {number}");
            }
            catch (GameFormatException e)
            {
                return Error(writer, buffer, mark, number, id, e.Detail);
            }
            return Answer(writer, buffer, mark, number, threshold, population.HomogeneousGame, population, null, id);
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>
    /// Solves and certifies one record and writes its answer line; a game the solver cannot answer is that line's error. A
    /// record read by the fast reader (<paramref name="fastId"/>) is written by <see cref="AnswerLine"/> when it can be, the
    /// same bytes without the writer. The record is a game (a homogeneous population; no population object is built for
    /// it) or else a population; its id comes from the fast reader or else from the general one.
    /// </summary>
    private static int Answer(Utf8JsonWriter writer, AnswerBuffer buffer, int mark, long number, double threshold, AlignmentGame? game,
        PopulationGame? population, JsonLinesRecordId? fastId, JsonElement? id)
    {
        bool isCertified;
        try
        {
            if (game is not null)
            {
                var eq = EquilibriumSolver.Solve(game);
                isCertified = eq.IsCertifiedEquilibrium;
                if (fastId is { } read && AnswerLine.TryWrite(buffer, number, read, eq, threshold))
                {
                    return isCertified ? 1 : 2;
                }
                writer.WriteStartObject();
                writer.WriteNumber("line", number);
                WriteIdOf(writer, fastId, id);
                AnswerJson.WriteEquilibrium(writer, eq, threshold);
            }
            else
            {
                var eq = PopulationSolver.Solve(population!);
                writer.WriteStartObject();
                writer.WriteNumber("line", number);
                WriteIdOf(writer, fastId, id);
                AnswerJson.WritePopulationEquilibrium(writer, eq, threshold);
                isCertified = eq.IsCertifiedEquilibrium;
            }
            writer.WriteEndObject();
            writer.Flush();
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A record the solver cannot answer is that line's answer, never the batch's end.
            writer.Reset(buffer);
            buffer.Truncate(mark);
            writer.WriteStartObject();
            writer.WriteNumber("line", number);
            WriteIdOf(writer, fastId, id);
            writer.WriteString("error", $"the game could not be solved ({e.Message.Split(" (Parameter", 2)[0]})");
            writer.WriteEndObject();
            writer.Flush();
            return 3;
        }
        return isCertified ? 1 : 2;
    }

    private static void WriteIdOf(Utf8JsonWriter writer, JsonLinesRecordId? fastId, JsonElement? id)
    {
        if (fastId is { } read)
        {
            WriteId(writer, read);
        }
        else
        {
            WriteId(writer, id);
        }
    }

    private static void WriteId(Utf8JsonWriter writer, JsonLinesRecordId id)
    {
        if (id.Text is null)
        {
            writer.WriteNull("id");
        }
        else if (id.IsNumber)
        {
            writer.WritePropertyName("id");
            writer.WriteRawValue(id.Text);
        }
        else
        {
            writer.WriteString("id", id.Text);
        }
    }

    private static void WriteId(Utf8JsonWriter writer, JsonElement? id)
    {
        if (id is { } value)
        {
            writer.WritePropertyName("id");
            value.WriteTo(writer);
        }
        else
        {
            writer.WriteNull("id");
        }
    }

    private static int Error(Utf8JsonWriter writer, AnswerBuffer buffer, int mark, long number, JsonElement? id, string message)
    {
        writer.Reset(buffer);
        buffer.Truncate(mark);
        writer.WriteStartObject();
        writer.WriteNumber("line", number);
        WriteId(writer, id);
        writer.WriteString("error", message);
        writer.WriteEndObject();
        writer.Flush();
        return 3;
    }
}

/// <summary>What a JSON Lines batch did: records read (blank lines aside), answered with an equilibrium, certified, and invalid.</summary>
/// <param name="Records">Records read.</param>
/// <param name="Solved">Records answered with an equilibrium.</param>
/// <param name="Invalid">Records answered with an error (unreadable, invalid or unsolvable).</param>
/// <param name="Certified">Answers whose equilibrium is certified (a subset of <paramref name="Solved"/>).</param>
public sealed record JsonLinesBatchSummary(long Records, long Solved, long Invalid, long Certified)
{
    /// <summary>"200000 records: 200000 solved (199998 certified), 0 invalid".</summary>
    /// <returns>The summary in words.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Records} records: {Solved} solved ({Certified} certified), {Invalid} invalid");
}

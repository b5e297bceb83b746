using System.Buffers;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>solve --batch FILE|-</c>: JSON Lines in, JSON Lines out, in input order. Lines are read in chunks, each chunk is parsed,
/// solved, certified and serialised in parallel, then written in order, so memory does not depend on the number of lines.
/// A record is a game or population, or a wrapper <c>{"id": ..., "game": {...}}</c>. Each output line is the solve --json
/// object with <c>line</c> (1-based) and <c>id</c> first, or <c>{"line", "id", "error"}</c> for a record that cannot be read.
/// Blank lines are skipped.
/// </summary>
internal static class SolveBatch
{
    private const int ChunkLines = 4096;

    /// <summary>The longest record a batch line may hold: 64 MiB. A longer line is that record's error; the batch goes on.</summary>
    public const int MaxLineBytes = 1 << 26;

    /// <summary>A chunk ends once it holds this many bytes, so the chunk arena stays below twice the line limit.</summary>
    private const int ChunkBytes = 1 << 26;

    private static readonly JsonDocumentOptions ParseOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 };

    public sealed record Summary(long Records, long Solved, long Invalid, long Certified);

    /// <summary>One chunk of lines and their answers; two of them alternate, so one is written while the next is solved.</summary>
    private sealed class Chunk
    {
        public byte[] Arena = new byte[1 << 20];
        public readonly int[] Starts = new int[ChunkLines];
        public readonly int[] Lengths = new int[ChunkLines];
        public readonly long[] Numbers = new long[ChunkLines];
        public readonly byte[]?[] Results = new byte[]?[ChunkLines];
        public readonly int[] Outcome = new int[ChunkLines]; // 1 solved and certified, 2 solved, 3 invalid
        public readonly bool[] TooLong = new bool[ChunkLines];
        public int Count;
    }

    public static Summary Run(Stream input, TextWriter output, Stream? binary, double threshold, int threads, CancellationToken cancellation)
    {
        // Lines go straight to the standard output stream as UTF-8 when there is one (the console writer flushes every call).
        using var buffered = binary is null ? null : new BufferedStream(binary, 1 << 16);
        var reader = new ByteLineReader(input);
        Chunk[] chunks = [new Chunk(), new Chunk()];
        long lineNumber = 0, records = 0, solved = 0, invalid = 0, certified = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellation };

        // A pipeline of two stages over two chunks: while chunk i is written out (in order, one chunk at a time), chunk i + 1
        // is read and solved. The answers and their order are those of solving the chunks one after another.
        void Write(Chunk chunk)
        {
            for (int i = 0; i < chunk.Count; i++)
            {
                if (buffered is not null)
                {
                    buffered.Write(chunk.Results[i]!);
                    buffered.WriteByte((byte)'\n');
                }
                else
                {
                    output.Write(Encoding.UTF8.GetString(chunk.Results[i]!));
                    output.Write('\n');
                }
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
                chunk.Results[i] = null;
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

        Task writing = Task.CompletedTask;
        try
        {
            return Pipeline();
        }
        catch
        {
            // Never leave a write running behind a failure or a cancellation: the caller reports it next.
            try
            {
                writing.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
            }
            throw;
        }

        Summary Pipeline()
        {
            for (int turn = 0; ; turn++)
            {
                var chunk = chunks[turn % 2];
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
                if (count == 0)
                {
                    break;
                }
                var arena = chunk.Arena;
                Parallel.For(0, count, parallel, () => new ArrayBufferWriter<byte>(4096), (i, _, buffer) =>
                {
                    buffer.Clear();
                    chunk.Outcome[i] = Solve(arena.AsMemory(chunk.Starts[i], chunk.Lengths[i]), chunk.Numbers[i], threshold, buffer, chunk.TooLong[i]);
                    chunk.Results[i] = buffer.WrittenSpan.ToArray();
                    return buffer;
                }, _ => { });
                writing.GetAwaiter().GetResult(); // the previous chunk is out (or its write failed: that error ends the batch)
                cancellation.ThrowIfCancellationRequested();
                writing = Task.Run(() => Write(chunk), CancellationToken.None);
            }
            writing.GetAwaiter().GetResult();
            cancellation.ThrowIfCancellationRequested();
            return new Summary(records, solved, invalid, certified);
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

    private static int Solve(ReadOnlyMemory<byte> line, long number, double threshold, ArrayBufferWriter<byte> buffer, bool tooLong)
    {
        using var writer = new Utf8JsonWriter(buffer);
        if (tooLong)
        {
            return Error(writer, number, null, $"the record is longer than {MaxLineBytes:N0} bytes, the batch line limit; it was skipped.");
        }
        if (JsonLinesRecord.TryReadGame(line.Span, out var fastGame, out var fastId))
        {
            // The common shape, read straight from the bytes (the same game the general reader builds; see JsonLinesRecord).
            return Answer(writer, buffer, number, threshold, PopulationGame.FromGame(fastGame), w => WriteId(w, fastId));
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
                return Error(writer, number, null, $"not valid JSON{where}: {e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Split(" Change the reader options", 2)[0].TrimEnd()}");
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
                        return Error(writer, number, null, $"property \"{property.Name}\" appears twice in the wrapper record; give it once.");
                    }
                    if (property.Name is not ("game" or "id"))
                    {
                        return Error(writer, number, root.TryGetProperty("id", out var i0) ? i0 : null,
                            $"unknown property \"{property.Name}\" in a wrapper record; a record is a game, or {{\"id\": ..., \"game\": {{...}}}}.");
                    }
                }
                id = root.TryGetProperty("id", out var i) ? i : null;
                game = wrapped;
            }
            if (game.ValueKind != JsonValueKind.Object)
            {
                return Error(writer, number, id, "a record must be a JSON object: a game, or {\"id\": ..., \"game\": {...}}.");
            }
            PopulationGame population;
            try
            {
                population = GameJson.ReadPopulation(game, $"line {number}");
            }
            catch (GameFormatException e)
            {
                return Error(writer, number, id, e.Detail);
            }
            var recordId = id;
            return Answer(writer, buffer, number, threshold, population, w => WriteId(w, recordId));
        }
        finally
        {
            document?.Dispose();
        }
    }

    /// <summary>Solves and certifies one record and writes its answer line; a game the solver cannot answer is that line's error.</summary>
    private static int Answer(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, long number, double threshold, PopulationGame population,
        Action<Utf8JsonWriter> writeId)
    {
        bool isCertified;
        try
        {
            writer.WriteStartObject();
            writer.WriteNumber("line", number);
            writeId(writer);
            if (population.HomogeneousGame is { } g)
            {
                var eq = EquilibriumSolver.Solve(g);
                SolveCommand.WriteProperties(writer, eq, threshold);
                isCertified = eq.IsCertifiedEquilibrium;
            }
            else
            {
                var eq = PopulationSolver.Solve(population);
                SolveCommand.WritePopulationProperties(writer, eq, threshold);
                isCertified = eq.IsCertifiedEquilibrium;
            }
            writer.WriteEndObject();
            writer.Flush();
        }
        catch (Exception e) when (e is ArgumentException or ArithmeticException or InvalidOperationException or IndexOutOfRangeException)
        {
            // A record the solver cannot answer is that line's answer, never the batch's end.
            writer.Reset();
            buffer.Clear();
            writer.WriteStartObject();
            writer.WriteNumber("line", number);
            writeId(writer);
            writer.WriteString("error", $"the game could not be solved ({e.Message.Split(" (Parameter", 2)[0]})");
            writer.WriteEndObject();
            writer.Flush();
            return 3;
        }
        return isCertified ? 1 : 2;
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

    private static int Error(Utf8JsonWriter writer, long number, JsonElement? id, string message)
    {
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteNumber("line", number);
        WriteId(writer, id);
        writer.WriteString("error", message);
        writer.WriteEndObject();
        writer.Flush();
        return 3;
    }
}

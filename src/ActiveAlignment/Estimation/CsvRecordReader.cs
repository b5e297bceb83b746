using System.Text;
using System.Globalization;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Estimation;

/// <summary>
/// A streaming RFC 4180 reader: comma separator, optional double-quote quoting with "" as an escaped quote, quoted fields
/// may span lines, records end at LF or CRLF, a UTF-8 byte-order mark is skipped, blank lines are skipped. Fields are
/// exposed as spans over a reusable buffer, so reading allocates nothing per record.
/// </summary>
internal sealed class CsvRecordReader
{
    private readonly TextReader _reader;
    private readonly string _source;
    private readonly char[] _block = new char[1 << 16];
    private int _blockLength;
    private int _blockPosition;
    private bool _eof;
    private long _line = 1; // the line the next character is on
    private char[] _field = new char[256];
    private int _fieldLength;
    private int[] _starts = new int[16];
    private int[] _lengths = new int[16];
    private bool _first = true;

    public CsvRecordReader(TextReader reader, string source)
    {
        _reader = reader;
        _source = source;
    }

    /// <summary>The 1-based line on which the last record read starts.</summary>
    public long RecordLine { get; private set; }

    /// <summary>Fields in the last record read.</summary>
    public int FieldCount { get; private set; }

    public ReadOnlySpan<char> this[int index] => _field.AsSpan(_starts[index], _lengths[index]);

    public string FieldString(int index) => new(this[index]);

    private int Peek()
    {
        if (_blockPosition < _blockLength)
        {
            return _block[_blockPosition];
        }
        if (_eof)
        {
            return -1;
        }
        _blockLength = _reader.Read(_block, 0, _block.Length);
        _blockPosition = 0;
        if (_blockLength <= 0)
        {
            _eof = true;
            _blockLength = 0;
            return -1;
        }
        return _block[0];
    }

    private int Next()
    {
        int c = Peek();
        if (c >= 0)
        {
            _blockPosition++;
            if (c == '\n')
            {
                _line++;
            }
        }
        return c;
    }

    /// <summary>The longest record (line, all cells together) a table may have: 1,048,576 characters.</summary>
    public const int MaxRecordLength = 1 << 20;

    /// <summary>
    /// Decodes table files as strict UTF-8: an invalid byte sequence becomes U+FFFF (a noncharacter, refused as a character
    /// too), which <see cref="Append"/> reports with its line, instead of the silent U+FFFD that would merge two groups.
    /// </summary>
    public static readonly Encoding StrictUtf8 = Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFF"));

    private void Append(char c)
    {
        if (c is '\uFFFF' or '\0')
        {
            throw new MeasurementFormatException(_source, _line, null, c == '\0'
                ? "the line holds a NUL character; a table is text."
                : "the line is not valid UTF-8 (save the file as UTF-8; an invalid byte would silently merge distinct names).");
        }
        if (_fieldLength >= MaxRecordLength)
        {
            throw new MeasurementFormatException(_source, RecordLine, null,
                $"the record is longer than {MaxRecordLength:N0} characters; a table's line must be shorter (is the file a table?).");
        }
        if (_fieldLength == _field.Length)
        {
            Array.Resize(ref _field, _field.Length * 2);
        }
        _field[_fieldLength++] = c;
    }

    private void EndField(int start)
    {
        if (FieldCount == _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
            Array.Resize(ref _lengths, _lengths.Length * 2);
        }
        _starts[FieldCount] = start;
        _lengths[FieldCount] = _fieldLength - start;
        FieldCount++;
    }

    /// <summary>Reads the next non-blank record; false at the end of the input.</summary>
    /// <exception cref="MeasurementFormatException">An unterminated quoted field, or text after a closing quote.</exception>
    public bool Read()
    {
        while (true)
        {
            if (_first)
            {
                _first = false;
                if (Peek() == '\uFEFF')
                {
                    Next();
                }
            }
            int c = Peek();
            if (c < 0)
            {
                return false;
            }
            if (c == '\n')
            {
                Next();
                continue;
            }
            if (c == '\r')
            {
                Next();
                if (Peek() == '\n')
                {
                    Next();
                }
                continue;
            }
            break;
        }
        RecordLine = _line;
        FieldCount = 0;
        _fieldLength = 0;
        while (true)
        {
            int start = _fieldLength;
            int c = Peek();
            if (c == '"')
            {
                Next();
                while (true)
                {
                    c = Next();
                    if (c < 0)
                    {
                        throw new MeasurementFormatException(_source, RecordLine, null,
                            $"a quoted field opened on line {RecordLine} is never closed; end it with a double quote (\").");
                    }
                    if (c == '"')
                    {
                        if (Peek() == '"')
                        {
                            Next();
                            Append('"');
                            continue;
                        }
                        break;
                    }
                    Append((char)c);
                }
                c = Peek();
                if (c >= 0 && c != ',' && c != '\n' && c != '\r')
                {
                    throw new MeasurementFormatException(_source, RecordLine, null,
                        $"field {FieldCount + 1} has text after its closing quote; quote the whole field and write a quote inside it as \"\".");
                }
            }
            else
            {
                while (true)
                {
                    c = Peek();
                    if (c < 0 || c == ',' || c == '\n' || c == '\r')
                    {
                        break;
                    }
                    Append((char)c);
                    Next();
                }
            }
            EndField(start);
            c = Next();
            if (c == ',')
            {
                continue;
            }
            if (c == '\r' && Peek() == '\n')
            {
                Next();
            }
            return true;
        }
    }

    /// <summary>Parses a finite double (invariant culture); throws naming the line and column otherwise.</summary>
    public double Number(int index, string column)
    {
        var text = this[index].Trim();
        if (text.IsEmpty)
        {
            throw new MeasurementFormatException(_source, RecordLine, column, "the cell is empty; a number is required.");
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new MeasurementFormatException(_source, RecordLine, column, $"'{Abbreviate(text)}' is not a number.");
        }
        if (!double.IsFinite(value))
        {
            throw new MeasurementFormatException(_source, RecordLine, column,
                $"'{Abbreviate(text)}' is not a finite number; values must lie within ±1.7976931348623157e308.");
        }
        if (NumberText.Underflows(text, value))
        {
            throw new MeasurementFormatException(_source, RecordLine, column,
                $"'{Abbreviate(text)}' is not zero but underflows to 0; non-zero values must be at least 4.9e-324 in magnitude.");
        }
        return value;
    }

    internal static string Abbreviate(ReadOnlySpan<char> text) => text.Length <= 40 ? new string(text) : new string(text[..37]) + "...";
}

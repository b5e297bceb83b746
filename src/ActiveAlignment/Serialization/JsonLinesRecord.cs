using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Reads the common shape of a JSON Lines record straight from its UTF-8 bytes, without building a document: a plain game,
/// or a wrapper <c>{"id": ..., "game": {...}}</c> with a string or number id. It answers only what it is sure of: anything
/// else (a population, a comment, a duplicate or unknown property, an escaped or non-ASCII string, an unusual id, a value out
/// of range, any invalid input) returns false, and the caller reads the record with
/// <see cref="GameJson.ReadPopulation(JsonElement, string)"/>, which gives the same game or the error message with its JSON
/// path. A game it returns is built by the same constructors and checks as <see cref="GameJson"/>'s, from the same numbers
/// (every JSON number read correctly rounded), so the two readers never disagree on a valid record. It is what
/// <c>solve --batch</c> reads with first (docs/pipelines.md).
/// </summary>
public static class JsonLinesRecord
{
    /// <summary>Reads a record, or returns false when the general reader must.</summary>
    /// <param name="line">The record's bytes (one JSON Lines line, UTF-8).</param>
    /// <param name="game">The game read, when the method returns true.</param>
    /// <param name="id">The wrapper's id, if any.</param>
    /// <returns>True when the record is a valid game of the common shape; false sends it to the general reader.</returns>
    public static bool TryReadGame(ReadOnlySpan<byte> line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out AlignmentGame? game, out JsonLinesRecordId id)
    {
        game = null;
        id = default;
        var parts = new Parts();
        try
        {
            var r = new Cursor(line);
            if (!r.Take((byte)'{'))
            {
                return false;
            }
            bool wrapper = false, plain = false, sawId = false, sawGame = false;
            if (!r.Take((byte)'}'))
            {
                do
                {
                    if (!r.PropertyName(out var name))
                    {
                        return false;
                    }
                    if (name.SequenceEqual("id"u8))
                    {
                        if (sawId || plain || !TryReadId(ref r, out id))
                        {
                            return false;
                        }
                        sawId = wrapper = true;
                    }
                    else if (name.SequenceEqual("game"u8))
                    {
                        if (sawGame || plain || !r.Take((byte)'{') || !ReadGameObject(ref r, parts))
                        {
                            return false;
                        }
                        sawGame = wrapper = true;
                    }
                    else
                    {
                        if (wrapper || !ReadGameProperty(ref r, name, parts))
                        {
                            return false;
                        }
                        plain = true;
                    }
                }
                while (r.Take((byte)','));
                if (!r.Take((byte)'}'))
                {
                    return false;
                }
            }
            if (!r.AtEnd() || (wrapper && !sawGame))
            {
                return false;
            }
            game = parts.Build();
            return game is not null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            game = null;
            return false;
        }
        finally
        {
            parts.Release();
        }
    }

    /// <summary>
    /// A strict scanner of the JSON this reader accepts: the grammar of RFC 8259 for what it reads (numbers, strings, null,
    /// objects, arrays, the four whitespace bytes), with strings limited to printable ASCII without escapes. Anything else is
    /// a false, never a guess.
    /// </summary>
    private ref struct Cursor(ReadOnlySpan<byte> text)
    {
        private readonly ReadOnlySpan<byte> _text = text;
        private int _at;

        private void SkipWhitespace()
        {
            while (_at < _text.Length && _text[_at] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                _at++;
            }
        }

        /// <summary>Consumes <paramref name="c"/> after any whitespace; false (nothing consumed but the whitespace) otherwise.</summary>
        public bool Take(byte c)
        {
            SkipWhitespace();
            if (_at < _text.Length && _text[_at] == c)
            {
                _at++;
                return true;
            }
            return false;
        }

        /// <summary>True when only whitespace is left.</summary>
        public bool AtEnd()
        {
            SkipWhitespace();
            return _at == _text.Length;
        }

        /// <summary>A string of printable ASCII without escapes (its bytes between the quotes).</summary>
        public bool String(out ReadOnlySpan<byte> value)
        {
            value = default;
            if (!Take((byte)'"'))
            {
                return false;
            }
            int start = _at;
            while (_at < _text.Length)
            {
                byte b = _text[_at];
                if (b == (byte)'"')
                {
                    value = _text[start.._at];
                    _at++;
                    return true;
                }
                if (b is < 0x20 or >= 0x80 or (byte)'\\')
                {
                    return false;
                }
                _at++;
            }
            return false;
        }

        /// <summary>A property name and its colon.</summary>
        public bool PropertyName(out ReadOnlySpan<byte> name) => String(out name) && Take((byte)':');

        /// <summary>The literal null.</summary>
        public bool Null()
        {
            SkipWhitespace();
            if (_text[_at..].StartsWith("null"u8))
            {
                _at += 4;
                return true;
            }
            return false;
        }

        /// <summary>A number of the JSON grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?.</summary>
        public bool Number(out ReadOnlySpan<byte> value)
        {
            value = default;
            SkipWhitespace();
            int start = _at, i = _at;
            var t = _text;
            if (i < t.Length && t[i] == (byte)'-')
            {
                i++;
            }
            if (i >= t.Length || !IsDigit(t[i]))
            {
                return false;
            }
            if (t[i] == (byte)'0')
            {
                i++;
            }
            else
            {
                while (i < t.Length && IsDigit(t[i]))
                {
                    i++;
                }
            }
            if (i < t.Length && t[i] == (byte)'.')
            {
                i++;
                if (i >= t.Length || !IsDigit(t[i]))
                {
                    return false;
                }
                while (i < t.Length && IsDigit(t[i]))
                {
                    i++;
                }
            }
            if (i < t.Length && (t[i] | 0x20) == (byte)'e')
            {
                i++;
                if (i < t.Length && t[i] is (byte)'+' or (byte)'-')
                {
                    i++;
                }
                if (i >= t.Length || !IsDigit(t[i]))
                {
                    return false;
                }
                while (i < t.Length && IsDigit(t[i]))
                {
                    i++;
                }
            }
            value = t[start..i];
            _at = i;
            return true;
        }

        private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
    }

    private static bool TryReadId(ref Cursor r, out JsonLinesRecordId id)
    {
        id = default;
        if (r.Number(out var number))
        {
            id = new JsonLinesRecordId(Ascii(number), true);
            return true;
        }
        if (!r.String(out var text))
        {
            return false;
        }
        foreach (byte b in text)
        {
            // Only characters every JSON writer leaves as they are, so the id is written back byte for byte.
            if (!(b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (byte)'_' or (byte)'-' or (byte)'.'))
            {
                return false;
            }
        }
        id = new JsonLinesRecordId(Ascii(text), false);
        return true;
    }

    /// <summary>Printable ASCII bytes (all the scanner lets through) as a string.</summary>
    private static string Ascii(ReadOnlySpan<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes);

    /// <summary>The members of a game object after its opening brace, through its closing one.</summary>
    private static bool ReadGameObject(ref Cursor r, Parts parts)
    {
        if (r.Take((byte)'}'))
        {
            return true;
        }
        do
        {
            if (!r.PropertyName(out var name) || !ReadGameProperty(ref r, name, parts))
            {
                return false;
            }
        }
        while (r.Take((byte)','));
        return r.Take((byte)'}');
    }

    private static bool ReadGameProperty(ref Cursor r, ReadOnlySpan<byte> name, Parts parts)
    {
        if (name.SequenceEqual("subpopulations"u8))
        {
            return parts.Subpopulations is null && ReadSubpopulations(ref r, parts.Subpopulations = []);
        }
        if (name.SequenceEqual("inconsistency"u8))
        {
            return parts.Inconsistency.Rows < 0 && ReadMatrix(ref r, ref parts.Inconsistency);
        }
        if (name.SequenceEqual("similarity"u8))
        {
            if (parts.SawSimilarity)
            {
                return false;
            }
            parts.SawSimilarity = true;
            return r.Null() || ReadMatrix(ref r, ref parts.Similarity);
        }
        if (name.SequenceEqual("agents"u8))
        {
            if (parts.Agents != 0 || !TryNumber(ref r, out double n) || n != Math.Floor(n) || n < 1 || n > int.MaxValue)
            {
                return false;
            }
            parts.Agents = (int)n;
            return true;
        }
        if (name.SequenceEqual("coefficients"u8))
        {
            return parts.Coefficients is null && ReadCoefficients(ref r, parts);
        }
        return false;
    }

    private static bool ReadSubpopulations(ref Cursor r, List<Subpopulation> list)
    {
        if (!r.Take((byte)'['))
        {
            return false;
        }
        if (r.Take((byte)']'))
        {
            return true;
        }
        do
        {
            if (!r.Take((byte)'{'))
            {
                return false;
            }
            string? name = null;
            double a = double.NaN;
            if (!r.Take((byte)'}'))
            {
                do
                {
                    if (!r.PropertyName(out var key))
                    {
                        return false;
                    }
                    if (key.SequenceEqual("name"u8))
                    {
                        if (name is not null || !r.String(out var text))
                        {
                            return false;
                        }
                        name = NameCache.Get(list.Count, text);
                    }
                    else if (key.SequenceEqual("attractiveness"u8))
                    {
                        if (!double.IsNaN(a) || !TryNumber(ref r, out a))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        return false;
                    }
                }
                while (r.Take((byte)','));
                if (!r.Take((byte)'}'))
                {
                    return false;
                }
            }
            if (string.IsNullOrWhiteSpace(name) || double.IsNaN(a))
            {
                return false;
            }
            list.Add(new Subpopulation(name, a));
        }
        while (r.Take((byte)','));
        return r.Take((byte)']');
    }

    /// <summary>A square array of arrays of numbers into the matrix's flat buffer; false for anything else, ragged rows included.</summary>
    private static bool ReadMatrix(ref Cursor r, ref FlatMatrix matrix)
    {
        if (!r.Take((byte)'['))
        {
            return false;
        }
        matrix.Rows = 0;
        if (r.Take((byte)']'))
        {
            return true;
        }
        int columns = -1;
        do
        {
            if (!r.Take((byte)'['))
            {
                return false;
            }
            int count = 0;
            if (!r.Take((byte)']'))
            {
                do
                {
                    if (!TryNumber(ref r, out double x))
                    {
                        return false;
                    }
                    matrix.Append(x);
                    count++;
                }
                while (r.Take((byte)','));
                if (!r.Take((byte)']'))
                {
                    return false;
                }
            }
            if (columns >= 0 && count != columns)
            {
                return false;
            }
            columns = count;
            matrix.Rows++;
        }
        while (r.Take((byte)','));
        matrix.Columns = columns;
        return r.Take((byte)']');
    }

    private static bool ReadCoefficients(ref Cursor r, Parts parts)
    {
        if (!r.Take((byte)'{'))
        {
            return false;
        }
        double a = double.NaN, c = double.NaN, d = double.NaN;
        if (!r.Take((byte)'}'))
        {
            do
            {
                if (!r.PropertyName(out var key))
                {
                    return false;
                }
                ref double target = ref a;
                if (key.SequenceEqual("consistency"u8))
                {
                    target = ref c;
                }
                else if (key.SequenceEqual("diversity"u8))
                {
                    target = ref d;
                }
                else if (!key.SequenceEqual("attractiveness"u8))
                {
                    return false;
                }
                if (!double.IsNaN(target) || !TryNumber(ref r, out target) || target < 0)
                {
                    return false;
                }
            }
            while (r.Take((byte)','));
            if (!r.Take((byte)'}'))
            {
                return false;
            }
        }
        if (double.IsNaN(a) || double.IsNaN(c) || double.IsNaN(d))
        {
            return false;
        }
        parts.Coefficients = new IncentiveCoefficients(a, c, d);
        return true;
    }

    /// <summary>
    /// A finite number that keeps its meaning (a non-zero literal read as 0 is left to the general reader's error), correctly
    /// rounded: Clinger's fast path for the common short decimals, the runtime's parser for the rest.
    /// </summary>
    private static bool TryNumber(ref Cursor r, out double value)
    {
        value = double.NaN;
        if (!r.Number(out var text))
        {
            return false;
        }
        if (FastDecimal.TryParse(text, out double fast))
        {
            value = fast; // at most 15 digits and a small exponent: finite, and zero only when every digit is
            return true;
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) || !double.IsFinite(x))
        {
            return false;
        }
        if (x == 0)
        {
            foreach (byte b in text)
            {
                if (b is (byte)'e' or (byte)'E')
                {
                    break;
                }
                if (b is >= (byte)'1' and <= (byte)'9')
                {
                    return false;
                }
            }
        }
        value = x;
        return true;
    }

    /// <summary>The entries of a matrix as read, row after row, in a pooled buffer (Rows is −1 until the matrix is read).</summary>
    private struct FlatMatrix
    {
        public double[]? Buffer;
        public int Count;
        public int Rows;
        public int Columns;

        public static FlatMatrix Empty => new() { Rows = -1 };

        public void Append(double x)
        {
            if (Buffer is null || Count == Buffer.Length)
            {
                var grown = ArrayPool<double>.Shared.Rent(Math.Max(64, Count * 2));
                if (Buffer is not null)
                {
                    Buffer.AsSpan(0, Count).CopyTo(grown);
                    ArrayPool<double>.Shared.Return(Buffer);
                }
                Buffer = grown;
            }
            Buffer[Count++] = x;
        }

        /// <summary>The k×k entries as a new array; null unless the matrix is k×k.</summary>
        public readonly double[]? ToSquare(int k) => Rows == k && Columns == k ? Buffer.AsSpan(0, k * k).ToArray() : null;

        public void Release()
        {
            if (Buffer is not null)
            {
                ArrayPool<double>.Shared.Return(Buffer);
                Buffer = null;
            }
        }
    }

    /// <summary>
    /// The names of the last game read on this thread, by position: a batch's records usually name the same groups, and a
    /// name whose bytes match is shared instead of allocated again (strings are immutable).
    /// </summary>
    private static class NameCache
    {
        [ThreadStatic]
        private static string[]? t_names;

        public static string Get(int index, ReadOnlySpan<byte> bytes)
        {
            var names = t_names ??= new string[16];
            if (index < names.Length && names[index] is { } cached && Matches(cached, bytes))
            {
                return cached;
            }
            string name = Ascii(bytes);
            if (index < names.Length)
            {
                names[index] = name;
            }
            return name;
        }

        private static bool Matches(string s, ReadOnlySpan<byte> bytes)
        {
            if (s.Length != bytes.Length)
            {
                return false;
            }
            for (int i = 0; i < bytes.Length; i++)
            {
                if (s[i] != bytes[i])
                {
                    return false;
                }
            }
            return true;
        }
    }

    private sealed class Parts
    {
        public List<Subpopulation>? Subpopulations;
        public FlatMatrix Inconsistency = FlatMatrix.Empty;
        public FlatMatrix Similarity = FlatMatrix.Empty;
        public bool SawSimilarity;
        public int Agents;
        public IncentiveCoefficients? Coefficients;

        /// <summary>The game, by the constructors <see cref="GameJson"/> uses; null when a part is missing or misshapen.</summary>
        public AlignmentGame? Build()
        {
            if (Subpopulations is not { Count: >= 2 } subs || Inconsistency.Rows < 0 || Agents == 0 || Coefficients is null)
            {
                return null;
            }
            int k = subs.Count;
            for (int i = 1; i < k; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    if (string.Equals(subs[i].Name, subs[j].Name, StringComparison.Ordinal))
                    {
                        return null;
                    }
                }
            }
            if (Inconsistency.ToSquare(k) is not { } c)
            {
                return null;
            }
            double[]? s = null;
            if (Similarity.Rows >= 0 && (s = Similarity.ToSquare(k)) is null)
            {
                return null;
            }
            var inconsistency = SymmetricMatrix.FromRowMajor(c, k, "inconsistency");
            var similarity = s is null ? null : SymmetricMatrix.FromRowMajor(s, k, "similarity");
            return AlignmentGame.Create(subs, inconsistency, Agents, Coefficients.Value, similarity);
        }

        public void Release()
        {
            Inconsistency.Release();
            Similarity.Release();
        }
    }
}

/// <summary>A JSON Lines record's id, as it is to be written back into the answer.</summary>
public readonly record struct JsonLinesRecordId
{
    /// <summary>Creates an id.</summary>
    /// <param name="text">Null when the record has none; else a JSON number's text, or a plain string.</param>
    /// <param name="isNumber">True when <paramref name="text"/> is a JSON number.</param>
    public JsonLinesRecordId(string? text, bool isNumber)
    {
        Text = text;
        IsNumber = isNumber;
    }

    /// <summary>Null when the record has none; else a JSON number's text, or a string of letters, digits, '_', '-' and '.'.</summary>
    public string? Text { get; }

    /// <summary>True when <see cref="Text"/> is a JSON number, written back as is.</summary>
    public bool IsNumber { get; }

    /// <summary>The id as JSON: <c>null</c>, the number, or the quoted string.</summary>
    /// <returns>The JSON text.</returns>
    public override string ToString() => Text is null ? "null" : IsNumber ? Text : $"\"{Text}\"";
}

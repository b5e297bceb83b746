using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Learning;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Writes a batch answer line (<c>{"line", "id", ...<see cref="AnswerJson.WriteEquilibrium"/>'s members}</c>) straight as
/// bytes, the same bytes a default <see cref="Utf8JsonWriter"/> writes for it, without the writer's per-token state and
/// escaping checks: it is most of the time of a batch line once the game is solved. It writes only what it can write
/// verbatim (every string made of characters the writer leaves unescaped, every number the writer would accept); anything
/// else returns false with nothing written, and the caller writes the line with the <see cref="Utf8JsonWriter"/>. A
/// property test holds the two to the same bytes on random and hostile games.
/// </summary>
internal static class AnswerLine
{
    /// <summary>ASCII characters the default JSON encoder writes as they are, asked of the encoder itself once.</summary>
    private static readonly bool[] Verbatim = BuildVerbatim();

    private static bool[] BuildVerbatim()
    {
        var verbatim = new bool[128];
        for (int c = 0x20; c < 0x7F; c++)
        {
            var encoded = JsonEncodedText.Encode(((char)c).ToString()).EncodedUtf8Bytes;
            verbatim[c] = encoded.Length == 1 && encoded[0] == c;
        }
        return verbatim;
    }

    /// <summary>True when the default JSON writer writes <paramref name="text"/> without escaping any character.</summary>
    internal static bool IsVerbatim(string text)
    {
        foreach (char c in text)
        {
            if (c >= 128 || !Verbatim[c])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Appends the answer line of <paramref name="eq"/> (without a newline) to <paramref name="buffer"/>; false, with nothing
    /// appended, when a string would need escaping or a number the writer requires finite is not.
    /// </summary>
    internal static bool TryWrite(IBufferWriter<byte> buffer, long number, in JsonLinesRecordId id, HomogeneousEquilibrium eq, double threshold)
    {
        var game = eq.Game;
        var stability = eq.Stability;
        int k = game.Count;
        // The longest line these members can make: the fixed text, 25 bytes per number, each name three times (weights,
        // support, excluded) with quotes, colons and commas.
        long bound = 1024 + (id.Text?.Length ?? 0) + (eq.Reason?.Length ?? 0) + stability.Method.Length + (stability.UnstableMode?.Length ?? 0);
        for (int i = 0; i < k; i++)
        {
            string name = game.Subpopulations[i].Name;
            if (!IsVerbatim(name))
            {
                return false;
            }
            bound += (3L * name.Length) + 40;
        }
        if ((id.Text is not null && !id.IsNumber && !IsVerbatim(id.Text)) || (eq.Reason is { } reason && !IsVerbatim(reason))
            || !IsVerbatim(stability.Method) || (stability.UnstableMode is { } mode && !IsVerbatim(mode))
            || !double.IsFinite(threshold) || !double.IsFinite(eq.NashGap) || !double.IsFinite(eq.NashGapReport.Tolerance)
            || !double.IsFinite(eq.KktResidual) || !double.IsFinite(eq.ClosedForm.ReciprocalCondition) || !double.IsFinite(game.Scale)
            || bound > int.MaxValue / 2)
        {
            return false;
        }

        var span = buffer.GetSpan((int)bound);
        int at = 0;
        Raw(span, ref at, "{\"line\":"u8);
        Integer(span, ref at, number);
        Raw(span, ref at, ",\"id\":"u8);
        if (id.Text is null)
        {
            Raw(span, ref at, "null"u8);
        }
        else if (id.IsNumber)
        {
            Ascii(span, ref at, id.Text);
        }
        else
        {
            Quoted(span, ref at, id.Text);
        }
        Raw(span, ref at, ",\"status\":"u8);
        Quoted(span, ref at, AnswerJson.StatusName(eq.Status));
        Raw(span, ref at, ",\"closedForm\":"u8);
        Quoted(span, ref at, AnswerJson.ClosedFormName(eq.ClosedForm.Status));
        Raw(span, ref at, ",\"weights\":{"u8);
        var weights = eq.WeightsSpan;
        for (int i = 0; i < k; i++)
        {
            if (i > 0)
            {
                span[at++] = (byte)',';
            }
            Quoted(span, ref at, game.Subpopulations[i].Name);
            span[at++] = (byte)':';
            NumberOrNull(span, ref at, weights[i]);
        }
        Raw(span, ref at, "},\"multiplier\":"u8);
        NumberOrNull(span, ref at, eq.Multiplier);
        Raw(span, ref at, ",\"support\":["u8);
        NameList(span, ref at, game, weights, excluded: false, threshold);
        Raw(span, ref at, "],\"excluded\":["u8);
        NameList(span, ref at, game, weights, excluded: true, threshold);
        Raw(span, ref at, "],\"threshold\":"u8);
        Number(span, ref at, threshold);
        NumberMember(span, ref at, ",\"nashGap\":"u8, eq.NashGap);
        NumberOrNullMember(span, ref at, ",\"nashGapBound\":"u8, eq.NashGapBound);
        NumberMember(span, ref at, ",\"nashGapTolerance\":"u8, eq.NashGapReport.Tolerance);
        BooleanMember(span, ref at, ",\"nashGapCertified\":"u8, eq.NashGapCertified);
        BooleanMember(span, ref at, ",\"certified\":"u8, eq.IsCertifiedEquilibrium);
        if (eq.Reason is { } why)
        {
            Raw(span, ref at, ",\"reason\":"u8);
            Quoted(span, ref at, why);
        }
        NumberMember(span, ref at, ",\"kktResidual\":"u8, eq.KktResidual);
        IntegerMember(span, ref at, ",\"iterations\":"u8, eq.Iterations);
        BooleanMember(span, ref at, ",\"uniqueHomogeneous\":"u8, eq.Uniqueness.HomogeneousUnique);
        BooleanMember(span, ref at, ",\"uniqueEquilibrium\":"u8, eq.Uniqueness.UniqueEquilibrium);
        WriteStability(span, ref at, stability);
        NumberMember(span, ref at, ",\"reciprocalCondition\":"u8, eq.ClosedForm.ReciprocalCondition);
        NumberMember(span, ref at, ",\"scale\":"u8, game.Scale);
        span[at++] = (byte)'}';
        buffer.Advance(at);
        return true;
    }

    /// <summary>The members <see cref="AnswerJson.WriteStability"/> writes, as <c>,"stability":{...}</c>.</summary>
    private static void WriteStability(Span<byte> span, ref int at, StabilityReport stability)
    {
        Raw(span, ref at, ",\"stability\":{\"label\":"u8);
        Quoted(span, ref at, AnswerJson.StabilityName(stability.Label));
        if (stability.IsHomogeneous)
        {
            NullableNumberMember(span, ref at, ",\"commonMargin\":"u8, stability.CommonMargin);
            NullableNumberMember(span, ref at, ",\"specialisationMargin\":"u8, stability.SpecialisationMargin);
        }
        NullableNumberMember(span, ref at, ",\"margin\":"u8, stability.Margin);
        NullableNumberMember(span, ref at, ",\"slack\":"u8, stability.Slack);
        BooleanMember(span, ref at, ",\"certified\":"u8, stability.IsCertified);
        if (stability.Method != "potential")
        {
            Raw(span, ref at, ",\"method\":"u8);
            Quoted(span, ref at, stability.Method);
        }
        if (stability.UnstableMode is { } mode)
        {
            Raw(span, ref at, ",\"unstableMode\":"u8);
            Quoted(span, ref at, mode);
        }
        span[at++] = (byte)'}';
    }

    /// <summary>A member <paramref name="key"/> (its comma, quotes and colon included) and its value.</summary>
    private static void NumberMember(Span<byte> span, ref int at, ReadOnlySpan<byte> key, double value)
    {
        Raw(span, ref at, key);
        Number(span, ref at, value);
    }

    /// <inheritdoc cref="NumberMember"/>
    private static void NumberOrNullMember(Span<byte> span, ref int at, ReadOnlySpan<byte> key, double value)
    {
        Raw(span, ref at, key);
        NumberOrNull(span, ref at, value);
    }

    /// <inheritdoc cref="NumberMember"/>
    private static void NullableNumberMember(Span<byte> span, ref int at, ReadOnlySpan<byte> key, double? value)
    {
        Raw(span, ref at, key);
        NullableNumber(span, ref at, value);
    }

    /// <inheritdoc cref="NumberMember"/>
    private static void BooleanMember(Span<byte> span, ref int at, ReadOnlySpan<byte> key, bool value)
    {
        Raw(span, ref at, key);
        Boolean(span, ref at, value);
    }

    /// <inheritdoc cref="NumberMember"/>
    private static void IntegerMember(Span<byte> span, ref int at, ReadOnlySpan<byte> key, long value)
    {
        Raw(span, ref at, key);
        Integer(span, ref at, value);
    }

    /// <summary>The names of the groups whose weight is positive (the support) or below τ (the excluded), as JSON strings.</summary>
    private static void NameList(Span<byte> span, ref int at, AlignmentGame game, ReadOnlySpan<double> weights, bool excluded, double threshold)
    {
        bool first = true;
        for (int i = 0; i < weights.Length; i++)
        {
            if (excluded ? weights[i] < threshold : weights[i] > 0)
            {
                Separator(span, ref at, ref first);
                Quoted(span, ref at, game.Subpopulations[i].Name);
            }
        }
    }

    private static void Separator(Span<byte> span, ref int at, ref bool first)
    {
        if (!first)
        {
            span[at++] = (byte)',';
        }
        first = false;
    }

    private static void Raw(Span<byte> span, ref int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(span[at..]);
        at += text.Length;
    }

    /// <summary>A string already known to be verbatim (ASCII, nothing to escape).</summary>
    private static void Ascii(Span<byte> span, ref int at, string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            span[at + i] = (byte)text[i];
        }
        at += text.Length;
    }

    private static void Quoted(Span<byte> span, ref int at, string text)
    {
        span[at++] = (byte)'"';
        Ascii(span, ref at, text);
        span[at++] = (byte)'"';
    }

    private static void Boolean(Span<byte> span, ref int at, bool value) => Raw(span, ref at, value ? "true"u8 : "false"u8);

    private static void Integer(Span<byte> span, ref int at, long value)
    {
        Utf8Formatter.TryFormat(value, span[at..], out int written);
        at += written;
    }

    /// <summary>A finite number as the writer's <see cref="JsonNumbers.WriteFiniteNumber(Utf8JsonWriter, JsonEncodedText, double)"/> writes it.</summary>
    private static void Number(Span<byte> span, ref int at, double value)
    {
        ShortestDouble.TryFormat(value, span[at..], out int written);
        at += written;
    }

    private static void NumberOrNull(Span<byte> span, ref int at, double value)
    {
        if (double.IsFinite(value))
        {
            Number(span, ref at, value);
        }
        else
        {
            Raw(span, ref at, "null"u8);
        }
    }

    private static void NullableNumber(Span<byte> span, ref int at, double? value)
    {
        if (value is double v)
        {
            NumberOrNull(span, ref at, v);
        }
        else
        {
            Raw(span, ref at, "null"u8);
        }
    }
}

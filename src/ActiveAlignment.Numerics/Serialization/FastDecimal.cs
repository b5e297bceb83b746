namespace ActiveAlignment.Serialization;

/// <summary>
/// Reads the common JSON number (at most 15 significant digits, a decimal exponent within ±22 after the point is moved)
/// exactly as the runtime's correctly rounded parser does, without it: the digits form an integer below 2⁵³ and the power
/// of ten is exact in a double, so one multiplication or division, correctly rounded by IEEE 754, is the correctly rounded
/// value (Clinger's fast path). Anything else is left to the runtime's parser.
/// </summary>
internal static class FastDecimal
{
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
        1e21, 1e22,
    ];

    /// <summary>
    /// The value of a JSON number's text (the grammar the JSON reader has already checked), when it takes the fast path;
    /// false leaves the number to the general parser.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (i < text.Length && text[i] == (byte)'-')
        {
            negative = true;
            i++;
        }
        ulong digits = 0;
        int significant = 0, exponent = 0;
        bool any = false;
        for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
        {
            any = true;
            if (digits != 0 || text[i] != (byte)'0')
            {
                digits = (digits * 10) + (uint)(text[i] - '0');
                significant++;
            }
        }
        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
            {
                any = true;
                exponent--;
                if (digits != 0 || text[i] != (byte)'0')
                {
                    digits = (digits * 10) + (uint)(text[i] - '0');
                    significant++;
                }
            }
        }
        if (!any || significant > 15)
        {
            return false;
        }
        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            bool negativeExponent = false;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                negativeExponent = text[i] == (byte)'-';
                i++;
            }
            int e = 0, start = i;
            for (; i < text.Length && (uint)(text[i] - '0') <= 9; i++)
            {
                if (e > 1000)
                {
                    return false;
                }
                e = (e * 10) + (text[i] - '0');
            }
            if (i == start)
            {
                return false;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != text.Length || exponent is < -22 or > 22)
        {
            return false;
        }
        double x = digits;
        x = exponent >= 0 ? x * PowersOfTen[exponent] : x / PowersOfTen[-exponent];
        value = negative ? -x : x;
        return true;
    }
}

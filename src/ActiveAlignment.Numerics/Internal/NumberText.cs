using System.Buffers;

namespace ActiveAlignment.Internal;

/// <summary>What a decimal literal meant, beside the double it was read as.</summary>
internal static class NumberText
{
    private static readonly SearchValues<char> NonZeroDigits = SearchValues.Create("123456789");

    /// <summary>
    /// True when a literal with a non-zero digit before its exponent was read as 0 (<c>1e-1000000000</c>): a number that
    /// underflowed, which must be refused rather than taken as zero.
    /// </summary>
    public static bool Underflows(ReadOnlySpan<char> literal, double value)
    {
        int exponent = literal.IndexOfAny('e', 'E');
        return value == 0 && (exponent < 0 ? literal : literal[..exponent]).IndexOfAny(NonZeroDigits) >= 0;
    }
}

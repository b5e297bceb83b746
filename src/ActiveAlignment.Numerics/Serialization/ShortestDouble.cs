using System.Numerics;

namespace ActiveAlignment.Serialization;

/// <summary>
/// Formats a finite double as the runtime's default (shortest round-trip) text, byte for byte, about three times faster:
/// the shortest digits by Ryū (Ulf Adams, PLDI 2018; the digits closest to the value among the shortest that read back to
/// it, ties to even), laid out as .NET's "R" does (plain for decimal exponents −5 &lt; e &lt; 17, else <c>d.dddE±XX</c>).
/// Powers of two above the subnormals (whose lower neighbour is nearer than the upper) are left to the runtime: its
/// digits there are not always Ryū's (for 2⁻⁹⁵⁸ it prints 16 digits that do not read back), and the contract is its bytes.
/// A property test holds it to <see cref="double.TryFormat(Span{byte}, out int, ReadOnlySpan{char}, IFormatProvider?)"/>
/// on random bit patterns and on every power of two.
/// </summary>
internal static class ShortestDouble
{
    private const int MantissaBits = 52;
    private const int ExponentBias = 1023;
    private const int Pow5InverseBitCount = 125;
    private const int Pow5BitCount = 125;

    // 5^i normalised to 125 bits, and ⌊2^(bits(5^i) − 1 + 125) / 5^i⌋ + 1, computed once (a few hundred big-integer
    // powers, well under a millisecond) instead of carried as 10 KB of literals.
    private static readonly UInt128[] Pow5Split = BuildPow5Split();
    private static readonly UInt128[] Pow5InverseSplit = BuildPow5InverseSplit();

    /// <summary>The longest text: a sign, 17 digits, a point and "E-308".</summary>
    public const int MaxLength = 25;

    /// <summary>Writes the text of a finite <paramref name="value"/>; false (nothing written) when it is not finite.</summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (!double.IsFinite(value) || destination.Length < MaxLength)
        {
            return false;
        }
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        int at = 0;
        if ((long)bits < 0)
        {
            destination[at++] = (byte)'-';
        }
        ulong mantissa = bits & ((1UL << MantissaBits) - 1);
        int exponent = (int)((bits >> MantissaBits) & 0x7FF);
        if (exponent == 0 && mantissa == 0)
        {
            destination[at++] = (byte)'0';
            written = at;
            return true;
        }
        if (mantissa == 0 && exponent > 1)
        {
            return value.TryFormat(destination, out written, default, System.Globalization.CultureInfo.InvariantCulture);
        }
        (ulong digits, int e10) = Shortest(mantissa, exponent);
        written = at + Layout(digits, e10, destination[at..]);
        return true;
    }

    /// <summary>The shortest digits and their decimal exponent (value = digits · 10^e10).</summary>
    private static (ulong Digits, int Exponent) Shortest(ulong ieeeMantissa, int ieeeExponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - ExponentBias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = ieeeExponent - ExponentBias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }
        bool acceptBounds = (m2 & 1) == 0;
        ulong mv = 4 * m2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;
        ulong vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false, vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            int q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = Pow5InverseBitCount + Pow5Bits(q) - 1;
            int i = -e2 + q + k;
            var multiplier = Pow5InverseSplit[q];
            vr = MulShift(4 * m2, multiplier, i);
            vp = MulShift((4 * m2) + 2, multiplier, i);
            vm = MulShift((4 * m2) - 1 - mmShift, multiplier, i);
            if (q <= 21)
            {
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                }
                else
                {
                    vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
                }
            }
        }
        else
        {
            int q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = Pow5Bits(i) - Pow5BitCount;
            int j = q - k;
            var multiplier = Pow5Split[i];
            vr = MulShift(4 * m2, multiplier, j);
            vp = MulShift((4 * m2) + 2, multiplier, j);
            vm = MulShift((4 * m2) - 1 - mmShift, multiplier, j);
            if (q <= 1)
            {
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1;
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        int removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            int lastRemovedDigit = 0;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                lastRemovedDigit = 4; // an exact tie: round to even
            }
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            bool roundUp = false;
            if (vp / 100 > vm / 100)
            {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }
            while (vp / 10 > vm / 10)
            {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }
        return (output, e10 + removed);
    }

    /// <summary>Lays out digits · 10^e10 as the runtime's "R" format does; returns the bytes written.</summary>
    private static int Layout(ulong digits, int e10, Span<byte> destination)
    {
        int length = DecimalLength(digits);
        int scientific = e10 + length - 1; // the exponent of d.ddd
        if (scientific is > -5 and < 17)
        {
            if (scientific < 0)
            {
                int zeros = -scientific - 1;
                destination[0] = (byte)'0';
                destination[1] = (byte)'.';
                destination.Slice(2, zeros).Fill((byte)'0');
                WriteDigits(digits, destination.Slice(2 + zeros, length));
                return 2 + zeros + length;
            }
            int whole = scientific + 1;
            if (whole >= length)
            {
                WriteDigits(digits, destination[..length]);
                destination[length..whole].Fill((byte)'0');
                return whole;
            }
            ulong power = PowersOfTen[length - whole];
            WriteDigits(digits / power, destination[..whole]);
            destination[whole] = (byte)'.';
            WriteDigits(digits % power, destination.Slice(whole + 1, length - whole));
            return length + 1;
        }
        int at;
        if (length > 1)
        {
            ulong power = PowersOfTen[length - 1];
            destination[0] = (byte)('0' + (int)(digits / power));
            destination[1] = (byte)'.';
            WriteDigits(digits % power, destination.Slice(2, length - 1));
            at = length + 1;
        }
        else
        {
            destination[0] = (byte)('0' + (int)digits);
            at = 1;
        }
        destination[at++] = (byte)'E';
        destination[at++] = scientific < 0 ? (byte)'-' : (byte)'+';
        int magnitude = Math.Abs(scientific);
        if (magnitude >= 100)
        {
            destination[at++] = (byte)('0' + (magnitude / 100));
        }
        destination[at++] = (byte)('0' + (magnitude / 10 % 10));
        destination[at++] = (byte)('0' + (magnitude % 10));
        return at;
    }

    private static readonly ulong[] PowersOfTen = BuildPowersOfTen();

    private static ulong[] BuildPowersOfTen()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (int i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }

    /// <summary>The number of decimal digits of a positive value (at most 17 here).</summary>
    private static int DecimalLength(ulong value)
    {
        int length = 1;
        while (length < 20 && value >= PowersOfTen[length])
        {
            length++;
        }
        return length;
    }

    /// <summary>Writes value as exactly destination.Length digits (leading zeros included), two at a time.</summary>
    private static void WriteDigits(ulong value, Span<byte> destination)
    {
        int at = destination.Length;
        while (at >= 2)
        {
            ulong pair = value % 100;
            value /= 100;
            destination[--at] = (byte)('0' + (int)(pair % 10));
            destination[--at] = (byte)('0' + (int)(pair / 10));
        }
        if (at == 1)
        {
            destination[0] = (byte)('0' + (int)(value % 10));
        }
    }

    private static ulong MulShift(ulong m, UInt128 multiplier, int shift)
    {
        // (m · multiplier) >> shift, with shift > 64 here: the product has at most 192 bits.
        UInt128 low = (UInt128)m * (ulong)multiplier;
        UInt128 high = (UInt128)m * (ulong)(multiplier >> 64);
        UInt128 sum = (low >> 64) + high;
        return (ulong)(sum >> (shift - 64));
    }

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        int count = 0;
        while (value % 5 == 0)
        {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static UInt128[] BuildPow5Split()
    {
        var table = new UInt128[326];
        var pow = BigInteger.One;
        for (int i = 0; i < table.Length; i++, pow *= 5)
        {
            int shift = (int)pow.GetBitLength() - Pow5BitCount;
            table[i] = (UInt128)(shift >= 0 ? pow >> shift : pow << -shift);
        }
        return table;
    }

    private static UInt128[] BuildPow5InverseSplit()
    {
        var table = new UInt128[342];
        var pow = BigInteger.One;
        for (int i = 0; i < table.Length; i++, pow *= 5)
        {
            int j = (int)pow.GetBitLength() - 1 + Pow5InverseBitCount;
            table[i] = (UInt128)((BigInteger.One << j) / pow + 1);
        }
        return table;
    }
}

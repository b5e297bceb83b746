using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActiveAlignment.Games;

/// <summary>
/// The integer arithmetic of a fraction-free (Edmonds–Bareiss) tableau: every entry is a minor of the input, so the division
/// in a pivot is exact. Two implementations, 64-bit words with 128-bit products and 128-bit words with 256-bit products, both
/// of which report an overflow instead of wrapping. The enumeration runs in 64 bits and starts again in 128 on the first
/// overflow (hybrid arithmetic, as lrs does); beyond that the solver uses big integers.
/// </summary>
/// <typeparam name="T">The integer type.</typeparam>
internal interface ITableauArithmetic<T>
    where T : struct
{
    /// <summary>The value, or an <see cref="TableauOverflowException"/> when it does not fit.</summary>
    static abstract T From(BigInteger value);

    static abstract BigInteger ToBigInteger(T value);

    static abstract int Sign(T value);

    /// <summary>−value, or an overflow.</summary>
    static abstract T Negate(T value);

    /// <summary>The sign of a·b − c·d, exactly.</summary>
    static abstract int CompareProducts(T a, T b, T c, T d);

    /// <summary>
    /// One pivot of a row-major table with <paramref name="cols"/> columns: every row i ≠ r becomes
    /// (p·rowᵢ − rowᵢ[s]·row_r) / d with p = row_r[s]; row r is left as it is. <paramref name="d"/> &gt; 0 divides every result
    /// exactly (it is the previous pivot). Returns the work in units of about 3 ns.
    /// </summary>
    static abstract long Pivot(Span<T> table, int cols, int r, int s, T d);

    /// <summary>The work of one <see cref="CompareProducts"/>, in word operations (fixed for a fixed width).</summary>
    static abstract long CompareWork { get; }
}

/// <summary>A 64-bit tableau entry did not fit; the enumeration starts again in big integers.</summary>
internal sealed class TableauOverflowException : Exception
{
    public TableauOverflowException()
        : base("a 64-bit tableau entry overflowed")
    {
    }

    public TableauOverflowException(string message)
        : base(message)
    {
    }

    public TableauOverflowException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>64-bit entries; products in 128 bits; exact division by the odd part's inverse modulo 2⁶⁴, checked by multiplying back.</summary>
internal readonly struct Int64Arithmetic : ITableauArithmetic<long>
{
    public static long From(BigInteger value)
        => value >= long.MinValue && value <= long.MaxValue ? (long)value : throw new TableauOverflowException();

    public static BigInteger ToBigInteger(long value) => value;

    public static int Sign(long value) => Math.Sign(value);

    public static long Negate(long value) => value == long.MinValue ? throw new TableauOverflowException() : -value;

    public static int CompareProducts(long a, long b, long c, long d)
    {
        long h1 = Math.BigMul(a, b, out long l1);
        long h2 = Math.BigMul(c, d, out long l2);
        return h1 != h2 ? (h1 < h2 ? -1 : 1) : ((ulong)l1).CompareTo((ulong)l2);
    }

    public static long CompareWork => 1;

    public static long Pivot(Span<long> table, int cols, int r, int s, long d)
    {
        var pivotRow = table.Slice(r * cols, cols);
        long p = pivotRow[s];
        int rows = table.Length / cols;
        int shift = BitOperations.TrailingZeroCount(d);
        ulong odd = (ulong)d >> shift;
        // The inverse of an odd number modulo 2⁶⁴ by Newton's iteration (each step doubles the correct bits: 3, 6, …, 96).
        ulong inverse = odd;
        for (int k = 0; k < 5; k++)
        {
            inverse *= 2 - (odd * inverse);
        }
        for (int i = 0; i < rows; i++)
        {
            if (i == r)
            {
                continue;
            }
            var row = table.Slice(i * cols, cols);
            long a = row[s];
            for (int c = 0; c < row.Length; c++)
            {
                long x = row[c], y = pivotRow[c];
                if ((x | y) == 0)
                {
                    continue;
                }
                long h1 = Math.BigMul(p, x, out long l1);
                long h2 = Math.BigMul(a, y, out long l2);
                ulong lo = (ulong)l1 - (ulong)l2;
                long hi = h1 - h2 - ((ulong)l1 < (ulong)l2 ? 1 : 0);
                // A difference that fits in 64 bits has a 64-bit quotient, exact by the Bareiss property: no check needed.
                row[c] = hi == ((long)lo >> 63) ? ((long)lo >> shift) * (long)inverse : ExactQuotient(hi, lo, d, shift, inverse);
            }
        }
        return 2L * rows * cols;
    }

    /// <summary>(hi:lo) / d when d divides it and the quotient fits in 64 bits; otherwise an overflow.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long ExactQuotient(long hi, ulong lo, long d, int shift, ulong inverse)
    {
        ulong shifted = shift == 0 ? lo : (lo >> shift) | ((ulong)hi << (64 - shift));
        long q = (long)(shifted * inverse);
        long h = Math.BigMul(q, d, out long l);
        if (h != hi || (ulong)l != lo)
        {
            throw new TableauOverflowException();
        }
        return q;
    }
}

/// <summary>
/// 128-bit entries; products in 256 bits; exact division as for 64 bits, by the odd part's inverse modulo 2¹²⁸, checked by
/// multiplying back when the difference does not fit 128 bits.
/// </summary>
internal readonly struct Int128Arithmetic : ITableauArithmetic<Int128>
{
    private static readonly BigInteger Min = (BigInteger)Int128.MinValue;
    private static readonly BigInteger Max = (BigInteger)Int128.MaxValue;

    public static Int128 From(BigInteger value) => value >= Min && value <= Max ? (Int128)value : throw new TableauOverflowException();

    public static BigInteger ToBigInteger(Int128 value) => (BigInteger)value;

    public static int Sign(Int128 value) => Int128.Sign(value);

    public static Int128 Negate(Int128 value) => value == Int128.MinValue ? throw new TableauOverflowException() : -value;

    public static long CompareWork => 3;

    public static int CompareProducts(Int128 a, Int128 b, Int128 c, Int128 d)
    {
        Multiply(a, b, out var h1, out var l1);
        Multiply(c, d, out var h2, out var l2);
        return h1 != h2 ? ((Int128)h1 < (Int128)h2 ? -1 : 1) : l1.CompareTo(l2);
    }

    public static long Pivot(Span<Int128> table, int cols, int r, int s, Int128 d)
    {
        var pivotRow = table.Slice(r * cols, cols);
        Int128 p = pivotRow[s];
        int rows = table.Length / cols;
        UInt128 ud = (UInt128)d;
        int shift = (int)UInt128.TrailingZeroCount(ud);
        UInt128 odd = ud >> shift;
        UInt128 inverse = odd;
        for (int k = 0; k < 6; k++)
        {
            inverse *= 2 - (odd * inverse);
        }
        ulong i0 = (ulong)inverse, i1 = (ulong)(inverse >> 64);
        for (int i = 0; i < rows; i++)
        {
            if (i == r)
            {
                continue;
            }
            var row = table.Slice(i * cols, cols);
            Int128 a = row[s];
            for (int c = 0; c < row.Length; c++)
            {
                Int128 x = row[c], y = pivotRow[c];
                if ((x | y) == Int128.Zero)
                {
                    continue;
                }
                Product(p, x, out ulong w3, out ulong w2, out ulong w1, out ulong w0);
                Product(a, y, out ulong v3, out ulong v2, out ulong v1, out ulong v0);
                // w − v in 256 bits, word by word with borrows.
                ulong n0 = w0 - v0, b0 = w0 < v0 ? 1UL : 0;
                ulong n1 = w1 - v1 - b0, b1 = (w1 < v1 || (w1 == v1 && b0 != 0)) ? 1UL : 0;
                ulong n2 = w2 - v2 - b1, b2 = (w2 < v2 || (w2 == v2 && b1 != 0)) ? 1UL : 0;
                ulong n3 = w3 - v3 - b2;
                ulong sign = (ulong)((long)n1 >> 63);
                if (n3 == sign && n2 == sign)
                {
                    // Fits in 128 bits, so the exact quotient does too: shift out d's factors of 2, multiply by the inverse.
                    ulong lo, hi;
                    if (shift == 0)
                    {
                        (lo, hi) = (n0, n1);
                    }
                    else if (shift < 64)
                    {
                        lo = (n0 >> shift) | (n1 << (64 - shift));
                        hi = (ulong)((long)n1 >> shift);
                    }
                    else
                    {
                        lo = (ulong)((long)n1 >> (shift - 64));
                        hi = sign;
                    }
                    ulong q1 = Math.BigMul(lo, i0, out ulong q0);
                    q1 += (lo * i1) + (hi * i0);
                    row[c] = new Int128(q1, q0);
                    continue;
                }
                UInt128 nlo = new(n1, n0), nhi = new(n3, n2);
                UInt128 shifted = shift == 0 ? nlo : (nlo >> shift) | (nhi << (128 - shift));
                Int128 q = (Int128)(shifted * inverse);
                Multiply(q, d, out var hq, out var lq);
                if (hq != nhi || lq != nlo)
                {
                    throw new TableauOverflowException();
                }
                row[c] = q;
            }
        }
        return 6L * rows * cols;
    }

    /// <summary>a·b as four 64-bit words of a signed 256-bit number, with a short path when both fit in 64 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Product(Int128 a, Int128 b, out ulong w3, out ulong w2, out ulong w1, out ulong w0)
    {
        long la = (long)a, lb = (long)b;
        if (a == la && b == lb)
        {
            long h = Math.BigMul(la, lb, out long l);
            w0 = (ulong)l;
            w1 = (ulong)h;
            w2 = w3 = (ulong)(h >> 63);
            return;
        }
        Multiply(a, b, out var hi, out var lo);
        w0 = (ulong)lo;
        w1 = (ulong)(lo >> 64);
        w2 = (ulong)hi;
        w3 = (ulong)(hi >> 64);
    }

    /// <summary>a·b as a signed 256-bit two's-complement number (hi:lo).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Multiply(Int128 a, Int128 b, out UInt128 hi, out UInt128 lo)
    {
        if (a == (long)a && b == (long)b)
        {
            // Both fit in 64 bits (most entries do, even in a tableau that has outgrown them): one 64 × 64 → 128 product.
            long h = Math.BigMul((long)a, (long)b, out long l);
            lo = new UInt128((ulong)h, (ulong)l);
            hi = h < 0 ? UInt128.MaxValue : UInt128.Zero;
            return;
        }
        bool negative = (a < 0) ^ (b < 0);
        UInt128 ua = (UInt128)(a < 0 ? -a : a), ub = (UInt128)(b < 0 ? -b : b);
        ulong a0 = (ulong)ua, a1 = (ulong)(ua >> 64), b0 = (ulong)ub, b1 = (ulong)(ub >> 64);
        ulong h00 = Math.BigMul(a0, b0, out ulong l00);
        ulong h01 = Math.BigMul(a0, b1, out ulong l01);
        ulong h10 = Math.BigMul(a1, b0, out ulong l10);
        ulong h11 = Math.BigMul(a1, b1, out ulong l11);
        UInt128 cross = (UInt128)l01 + l10 + h00;
        lo = (cross << 64) | l00;
        hi = new UInt128(h11, l11) + h01 + h10 + (cross >> 64);
        if (negative)
        {
            lo = ~lo + 1;
            hi = ~hi + (lo == UInt128.Zero ? UInt128.One : UInt128.Zero);
        }
    }
}

/// <summary>Counts arithmetic work in 64-bit word operations against a bound; once over it, it stays over.</summary>
/// <param name="bound">The bound.</param>
internal sealed class WorkMeter(long bound)
{
    private long _spent;

    /// <summary>The fixed cost of one big-integer operation (allocation and dispatch), in word operations.</summary>
    public const long PerOperation = 8;

    public bool Exceeded => _spent > bound;

    /// <summary>The size of an integer in 64-bit words (at least 1).</summary>
    public static long Words(BigInteger x) => (long)(x.GetBitLength() >> 6) + 1;

    /// <summary>Adds work; false once the total is over the bound.</summary>
    public bool Add(long work)
    {
        _spent = work > long.MaxValue - _spent ? long.MaxValue : _spent + work;
        return _spent <= bound;
    }
}

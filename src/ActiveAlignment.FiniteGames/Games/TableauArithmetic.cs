using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActiveAlignment.Games;

/// <summary>
/// The integer arithmetic of a fraction-free (Edmonds–Bareiss) tableau: every entry is a minor of the input, so the division
/// in a pivot is exact. Two implementations: 64-bit words with 128-bit products, which report an overflow instead of
/// wrapping, and <see cref="BigInteger"/>, which cannot overflow. The enumeration runs in 64 bits and starts again in big
/// integers on the first overflow (hybrid arithmetic, as lrs does).
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
    /// exactly (it is the previous pivot). Returns the work in 64-bit word operations.
    /// </summary>
    static abstract long Pivot(Span<T> table, int cols, int r, int s, T d);

    /// <summary>The work of a·b − c·d in word operations.</summary>
    static abstract long ProductWork(T a, T b, T c, T d);
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

    public static long ProductWork(long a, long b, long c, long d) => 1;

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
        return (long)rows * cols;
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

/// <summary>Big-integer entries, which cannot overflow; the work is counted by the words of each operand.</summary>
internal readonly struct BigIntegerArithmetic : ITableauArithmetic<BigInteger>
{
    public static BigInteger From(BigInteger value) => value;

    public static BigInteger ToBigInteger(BigInteger value) => value;

    public static int Sign(BigInteger value) => value.Sign;

    public static BigInteger Negate(BigInteger value) => -value;

    public static int CompareProducts(BigInteger a, BigInteger b, BigInteger c, BigInteger d) => (a * b).CompareTo(c * d);

    public static long ProductWork(BigInteger a, BigInteger b, BigInteger c, BigInteger d)
        => (WorkMeter.Words(a) * WorkMeter.Words(b)) + (WorkMeter.Words(c) * WorkMeter.Words(d)) + (2 * WorkMeter.PerOperation);

    public static long Pivot(Span<BigInteger> table, int cols, int r, int s, BigInteger d)
    {
        var pivotRow = table.Slice(r * cols, cols);
        BigInteger p = pivotRow[s];
        long pw = WorkMeter.Words(p), dw = WorkMeter.Words(d), work = 0;
        int rows = table.Length / cols;
        bool unit = d.IsOne;
        for (int i = 0; i < rows; i++)
        {
            if (i == r)
            {
                continue;
            }
            var row = table.Slice(i * cols, cols);
            BigInteger a = row[s];
            long aw = WorkMeter.Words(a);
            for (int c = 0; c < row.Length; c++)
            {
                BigInteger x = row[c], y = pivotRow[c];
                if (x.IsZero && y.IsZero)
                {
                    continue;
                }
                BigInteger n = (p * x) - (a * y);
                work += (pw * WorkMeter.Words(x)) + (aw * WorkMeter.Words(y)) + (2 * WorkMeter.PerOperation);
                if (!unit)
                {
                    work += (WorkMeter.Words(n) * dw) + WorkMeter.PerOperation;
                    n /= d;
                }
                row[c] = n;
            }
        }
        return work;
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

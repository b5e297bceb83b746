using System.Globalization;
using System.Numerics;

namespace ActiveAlignment.Numerics.Exact;

/// <summary>
/// An exact rational number p/q with q &gt; 0 and gcd(p, q) = 1, over <see cref="BigInteger"/>. Used where answers must be
/// exact: linear programmes for zero-sum games and maximal lotteries, equilibria of bimatrix games.
/// </summary>
public readonly struct Rational : IEquatable<Rational>, IComparable<Rational>
{
    private readonly BigInteger _denominator; // 0 only for default(Rational), which reads as 0/1

    private Rational(BigInteger numerator, BigInteger denominator, bool normalised)
    {
        if (!normalised)
        {
            if (denominator.IsZero)
            {
                throw new DivideByZeroException("a rational number cannot have denominator 0.");
            }
            if (denominator.Sign < 0)
            {
                numerator = -numerator;
                denominator = -denominator;
            }
            var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!gcd.IsOne && !gcd.IsZero)
            {
                numerator /= gcd;
                denominator /= gcd;
            }
        }
        Numerator = numerator;
        _denominator = denominator;
    }

    /// <summary>Creates p/q, normalised.</summary>
    /// <param name="numerator">p.</param>
    /// <param name="denominator">q ≠ 0.</param>
    /// <exception cref="DivideByZeroException"><paramref name="denominator"/> is 0.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
        : this(numerator, denominator, normalised: false)
    {
    }

    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator { get; }

    /// <summary>The denominator (positive).</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    /// <summary>0.</summary>
    public static Rational Zero => new(BigInteger.Zero, BigInteger.One, true);

    /// <summary>1.</summary>
    public static Rational One => new(BigInteger.One, BigInteger.One, true);

    /// <summary>The sign: −1, 0 or 1.</summary>
    public int Sign => Numerator.Sign;

    /// <summary>True when the value is 0.</summary>
    public bool IsZero => Numerator.IsZero;

    /// <summary>An integer as a rational.</summary>
    public static implicit operator Rational(long value) => new(value, BigInteger.One, true);

    /// <summary>The exact value of a finite double (every double is a dyadic rational).</summary>
    /// <param name="value">A finite double.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is NaN or infinite.</exception>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"value must be finite, but was {value.ToString(CultureInfo.InvariantCulture)}.", nameof(value));
        }
        if (value == 0)
        {
            return Zero;
        }
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent++;
        }
        else
        {
            mantissa |= 1L << 52;
        }
        exponent -= 1075;
        BigInteger numerator = negative ? -mantissa : mantissa;
        return exponent >= 0
            ? new Rational(numerator * BigInteger.Pow(2, exponent), BigInteger.One)
            : new Rational(numerator, BigInteger.Pow(2, -exponent));
    }

    /// <summary>The largest number of digits a literal may have (<see cref="TryParse(string?, out Rational, out string?)"/>): 2000.</summary>
    public const int MaxDigits = 2000;

    /// <summary>The largest magnitude of a literal's decimal exponent: 2000 (every double is within 10^±330).</summary>
    public const int MaxExponent = 2000;

    /// <summary>Parses a decimal literal exactly (e.g. "0.4" is 2/5, "-1.25e-3" is −1/800), or "p/q".</summary>
    /// <param name="text">The literal.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is a valid literal within <see cref="MaxDigits"/> and <see cref="MaxExponent"/>.</returns>
    public static bool TryParse(string? text, out Rational value) => TryParse(text, out value, out _);

    /// <summary>
    /// Parses a decimal literal exactly, or "p/q", with bounded work: at most <see cref="MaxDigits"/> digits and a decimal
    /// exponent of magnitude at most <see cref="MaxExponent"/> (so "1e-1000000000" is refused at once, never expanded).
    /// </summary>
    /// <param name="text">The literal.</param>
    /// <param name="value">The value (0 when refused).</param>
    /// <param name="error">Why the text was refused, naming the limit; null on success.</param>
    /// <returns>True when the text is a valid literal within the limits.</returns>
    public static bool TryParse(string? text, out Rational value, out string? error)
    {
        value = Zero;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "it is empty";
            return false;
        }
        text = text.Trim();
        // Bounded work before any big-integer parse: the significand (or each of p and q) has at most MaxDigits digits; an
        // exponent's digits are bounded separately below.
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        int exponentMark = slash >= 0 ? -1 : text.IndexOfAny(['e', 'E']);
        int most = 0, run = 0;
        for (int i = 0; i < (exponentMark >= 0 ? exponentMark : text.Length); i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                most = Math.Max(most, ++run);
            }
            else if (text[i] == '/')
            {
                run = 0;
            }
        }
        if (most > MaxDigits)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"it has {most} digits; at most {MaxDigits} are accepted");
            return false;
        }
        if (slash > 0)
        {
            if (BigInteger.TryParse(text[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)
                && BigInteger.TryParse(text[(slash + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) && !q.IsZero)
            {
                value = new Rational(p, q);
                return true;
            }
            error = "it is not a fraction p/q of integers with q ≠ 0";
            return false;
        }
        long exponent = 0;
        int e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            string exponentText = text[(e + 1)..];
            string significant = exponentText.TrimStart('+', '-').TrimStart('0');
            if (significant.Length > 12 && significant.All(char.IsAsciiDigit))
            {
                error = string.Create(CultureInfo.InvariantCulture, $"its exponent {Abbreviate(exponentText)} is outside ±{MaxExponent}");
                return false;
            }
            if (!BigInteger.TryParse(exponentText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big))
            {
                error = "its exponent is not an integer";
                return false;
            }
            if (BigInteger.Abs(big) > MaxExponent)
            {
                error = string.Create(CultureInfo.InvariantCulture, $"its exponent {Abbreviate(exponentText)} is outside ±{MaxExponent}");
                return false;
            }
            exponent = (long)big;
            text = text[..e];
        }
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        string digits = text;
        if (dot >= 0)
        {
            digits = text[..dot] + text[(dot + 1)..];
            exponent -= text.Length - dot - 1;
        }
        if (digits is "" or "-" or "+" || digits.Contains('.', StringComparison.Ordinal)
            || !BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            error = "it is not a decimal number";
            return false;
        }
        if (Math.Abs(exponent) > MaxExponent + MaxDigits)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"its scale 10^{exponent} is outside the accepted range");
            return false;
        }
        value = exponent >= 0 ? new Rational(n * BigInteger.Pow(10, (int)exponent), BigInteger.One) : new Rational(n, BigInteger.Pow(10, (int)-exponent));
        return true;
    }

    private static string Abbreviate(string text) => text.Length <= 24 ? text : string.Concat(text.AsSpan(0, 12), "…", text.AsSpan(text.Length - 6));

    /// <summary>
    /// The double nearest to the value, ties to even (IEEE 754 round-to-nearest), including subnormals; ±∞ beyond the largest
    /// finite double, ±0 below half the smallest subnormal.
    /// </summary>
    public double ToDouble()
    {
        if (Numerator.IsZero)
        {
            return 0;
        }
        bool negative = Numerator.Sign < 0;
        BigInteger a = BigInteger.Abs(Numerator), q = Denominator;
        // Scale so that the integer quotient has at least 55 significant bits; the remainder is the sticky bit.
        long k = (long)(a.GetBitLength() - q.GetBitLength()) - 56;
        BigInteger quotient = k < 0 ? BigInteger.DivRem(a << (int)-k, q, out var remainder) : BigInteger.DivRem(a, q << (int)k, out remainder);
        bool sticky = !remainder.IsZero;
        long length = (long)quotient.GetBitLength();
        long binaryExponent = length - 1 + k; // value in [2^E, 2^(E+1))
        if (binaryExponent > 1023)
        {
            return negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        // Keep 53 bits, fewer below the normal range (subnormals have 2^-1074 as their unit).
        long drop = binaryExponent >= -1022 ? length - 53 : length - 53 + (-1022 - binaryExponent);
        BigInteger kept;
        if (drop > length + 1)
        {
            kept = BigInteger.Zero;
        }
        else
        {
            BigInteger dropped = quotient & ((BigInteger.One << (int)drop) - 1);
            kept = quotient >> (int)drop;
            BigInteger half = BigInteger.One << (int)(drop - 1);
            if (dropped > half || (dropped == half && (sticky || !kept.IsEven)))
            {
                kept += 1;
            }
        }
        double result = Math.ScaleB((double)kept, (int)(k + drop));
        return negative ? -result : result;
    }

    /// <summary>Sum.</summary>
    public static Rational operator +(Rational a, Rational b) =>
        a.Denominator == b.Denominator ? new Rational(a.Numerator + b.Numerator, a.Denominator)
        : new Rational((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    /// <summary>Difference.</summary>
    public static Rational operator -(Rational a, Rational b) => a + (-b);

    /// <summary>Negation.</summary>
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator, true);

    /// <summary>Product.</summary>
    public static Rational operator *(Rational a, Rational b) => new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    /// <summary>Quotient.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="b"/> is 0.</exception>
    public static Rational operator /(Rational a, Rational b) => new(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    /// <summary>Exact comparison.</summary>
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    /// <summary>Exact comparison.</summary>
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    /// <summary>Exact comparison.</summary>
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    /// <summary>Exact comparison.</summary>
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <summary>Exact equality.</summary>
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <summary>Exact inequality.</summary>
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <inheritdoc/>
    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <inheritdoc/>
    public bool Equals(Rational other) => Numerator == other.Numerator && Denominator == other.Denominator;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>"p/q", or "p" for integers.</summary>
    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The smaller of two values.</summary>
    public static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    /// <summary>The larger of two values.</summary>
    public static Rational Max(Rational a, Rational b) => a >= b ? a : b;
}

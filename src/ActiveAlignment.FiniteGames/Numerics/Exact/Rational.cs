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

    /// <summary>Parses a decimal literal exactly (e.g. "0.4" is 2/5, "-1.25e-3" is −1/800), or "p/q".</summary>
    /// <param name="text">The literal.</param>
    /// <param name="value">The value.</param>
    /// <returns>True when the text is a valid literal.</returns>
    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            if (BigInteger.TryParse(text[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var p)
                && BigInteger.TryParse(text[(slash + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) && !q.IsZero)
            {
                value = new Rational(p, q);
                return true;
            }
            return false;
        }
        int exponent = 0;
        int e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
            text = text[..e];
        }
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        string digits = text;
        if (dot >= 0)
        {
            digits = text[..dot] + text[(dot + 1)..];
            exponent -= text.Length - dot - 1;
        }
        if (digits is "" or "-" or "+" || !BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return false;
        }
        value = exponent >= 0 ? new Rational(n * BigInteger.Pow(10, exponent), BigInteger.One) : new Rational(n, BigInteger.Pow(10, -exponent));
        return true;
    }

    /// <summary>The nearest double (correctly rounded for moderate sizes).</summary>
    public double ToDouble()
    {
        if (Numerator.IsZero)
        {
            return 0;
        }
        // Scale so that the quotient has about 64 significant bits, then divide once.
        long shift = (long)(Denominator.GetBitLength() - BigInteger.Abs(Numerator).GetBitLength()) + 64;
        BigInteger scaled = shift >= 0 ? (Numerator << (int)shift) / Denominator : Numerator / (Denominator << (int)-shift);
        return (double)scaled * Math.Pow(2, -shift);
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

using System.Globalization;
using System.Numerics;
using ActiveAlignment.Numerics.Exact;
using CsCheck;

namespace ActiveAlignment.Tests.Numerics;

/// <summary>Rational: correct rounding to the nearest double, exact parsing with bounded work, and the field laws.</summary>
public class RationalTests
{
    [Fact]
    public void ToDouble_EveryFiniteDouble_RoundTripsBitForBit()
    {
        Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(d => double.IsFinite(d) && d != 0).Sample(d =>
        {
            Rational.FromDouble(d).ToDouble().Should().Be(d);
        }, iter: 20_000);
    }

    [Fact]
    public void ToDouble_RandomDecimalLiterals_AgreesWithDoubleParse()
    {
        // Mantissas of 1 to 30 digits, exponents across the whole range (subnormals, overflow to infinity included).
        Gen.Select(Gen.String[Gen.Char['0', '9'], 1, 30], Gen.Int[-360, 330], Gen.Bool).Sample((digits, exponent, negative) =>
        {
            string literal = $"{(negative ? "-" : "")}{digits}e{exponent}";
            Rational.TryParse(literal, out var value).Should().BeTrue();
            double expected = double.Parse(literal, CultureInfo.InvariantCulture);
            value.ToDouble().Should().Be(expected == 0 ? 0 : expected, literal);
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("0.1")]
    [InlineData("2.6")]
    [InlineData("0.3")]
    [InlineData("1.7976931348623157e308")]
    [InlineData("4.9e-324")]
    [InlineData("2.2250738585072011e-308")]
    [InlineData("2.4703282292062327e-324")]
    [InlineData("2.4703282292062328e-324")]
    public void ToDouble_KnownLiterals_IsTheNearestDouble(string literal)
    {
        Rational.TryParse(literal, out var value).Should().BeTrue();
        value.ToDouble().Should().Be(double.Parse(literal, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ToDouble_TiesAndEdges_FollowRoundToNearestEven()
    {
        var half = new Rational(BigInteger.One, BigInteger.Pow(2, 1075)); // exactly half the smallest subnormal: ties to 0
        half.ToDouble().Should().Be(0);
        (half * 3).ToDouble().Should().Be(2 * double.Epsilon, "1.5 units ties to the even 2");
        (half + new Rational(1, BigInteger.Pow(2, 1200))).ToDouble().Should().Be(double.Epsilon, "just above half rounds up");
        new Rational(BigInteger.Pow(2, 1024), 1).ToDouble().Should().Be(double.PositiveInfinity);
        new Rational(-BigInteger.Pow(2, 1024), 1).ToDouble().Should().Be(double.NegativeInfinity);
        // 1 + 2⁻⁵³ is a tie between 1 and 1 + 2⁻⁵²: to even, 1.
        (Rational.One + new Rational(1, BigInteger.Pow(2, 53))).ToDouble().Should().Be(1.0);
        (Rational.One + new Rational(3, BigInteger.Pow(2, 53))).ToDouble().Should().Be(1.0 + (2 * Math.Pow(2, -52)));
    }

    [Theory]
    [InlineData("1e-1000000000", "exponent")]
    [InlineData("1e99999999999999999999", "exponent")]
    [InlineData("1e2001", "exponent")]
    public void TryParse_HugeExponent_IsRefusedWithoutExpandingIt(string literal, string word)
    {
        Rational.TryParse(literal, out _, out string? error).Should().BeFalse();
        error.Should().Contain(word).And.Contain("2000");
    }

    [Fact]
    public void TryParse_TooManyDigits_IsRefused()
    {
        Rational.TryParse(new string('7', 5000), out _, out string? error).Should().BeFalse();
        error.Should().Contain("digits");
    }

    private static readonly Gen<Rational> Rationals =
        Gen.Select(Gen.Long[-1_000_000_000_000, 1_000_000_000_000], Gen.Long[1, 1_000_000_000]).Select((p, q) => new Rational(p, q));

    [Fact]
    public void FieldLaws_Hold()
    {
        Gen.Select(Rationals, Rationals, Rationals).Sample((a, b, c) =>
        {
            (a + b).Should().Be(b + a);
            (a * b).Should().Be(b * a);
            ((a + b) + c).Should().Be(a + (b + c));
            ((a * b) * c).Should().Be(a * (b * c));
            (a * (b + c)).Should().Be((a * b) + (a * c));
            (a - a).Should().Be(Rational.Zero);
            if (!b.IsZero)
            {
                (a / b * b).Should().Be(a);
            }
            (a < b).Should().Be(a.ToDouble() < b.ToDouble() || (a < b && a.ToDouble() == b.ToDouble()));
        }, iter: 5_000);
    }

    [Fact]
    public void TryParse_TheDigitLimitIsExactly2000_ForEverySpelling()
    {
        string digits = new('7', Rational.MaxDigits);
        foreach (string ok in new[] { digits, "-" + digits, digits[..1000] + "." + digits[1000..], digits + "e-2000", digits + "/" + digits, "0." + digits[1..] + "e+0000000000000000000005" })
        {
            Rational.TryParse(ok, out _, out string? error).Should().BeTrue(error);
        }
        foreach (string tooLong in new[] { digits + "7", "-" + digits + "7", digits[..1000] + "." + digits[1000..] + "7", digits + "7e-5", "1/" + digits + "7", "0" + digits })
        {
            Rational.TryParse(tooLong, out _, out string? error).Should().BeFalse();
            error.Should().Contain("2001 digits").And.Contain("at most 2000");
        }
    }
}

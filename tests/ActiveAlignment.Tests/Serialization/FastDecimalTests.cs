using System.Globalization;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Serialization;
using CsCheck;

namespace ActiveAlignment.Tests.Serialization;

/// <summary>
/// The batch reader's fast number path against the runtime's correctly rounded parser (and the JSON reader's): on every
/// number it takes, the same double bit for bit; everything it cannot prove it leaves alone.
/// </summary>
public class FastDecimalTests
{
    private static double Reference(string text)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        reader.Read().Should().BeTrue();
        reader.TryGetDouble(out double viaJson).Should().BeTrue(text);
        double viaParse = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        BitConverter.DoubleToInt64Bits(viaJson).Should().Be(BitConverter.DoubleToInt64Bits(viaParse), text);
        return viaParse;
    }

    // Random JSON numbers around the fast path's edges: up to 18 digits, any point position, an optional exponent.
    private static readonly Gen<string> Numbers =
        Gen.Select(Gen.Bool, Gen.Int[1, 18], Gen.Int[0, 18], Gen.Int[-30, 30], Gen.Int[0, 3], Gen.Long[0, long.MaxValue]).Select(p =>
        {
            var (negative, length, point, exponent, exponentStyle, bits) = p;
            var digits = new StringBuilder();
            var rng = new Random((int)(bits ^ (bits >> 32)));
            for (int i = 0; i < length; i++)
            {
                digits.Append((char)('0' + rng.Next(10)));
            }
            string mantissa = digits.ToString().TrimStart('0');
            mantissa = mantissa.Length == 0 ? "0" : mantissa;
            int cut = Math.Min(point, mantissa.Length - 1);
            string number = cut > 0 && mantissa.Length > 1 ? $"{mantissa[..^cut]}.{mantissa[^cut..]}" : mantissa;
            if (rng.Next(3) == 0)
            {
                number = "0." + new string('0', rng.Next(5)) + mantissa; // leading zeros after the point
            }
            string suffix = exponentStyle switch { 0 => "", 1 => $"e{exponent}", 2 => $"E{(exponent >= 0 ? "+" : "")}{exponent}", _ => $"e{exponent:00}" };
            return (negative ? "-" : "") + number + suffix;
        });

    [Fact]
    public void Every_number_it_takes_is_the_runtimes_double_bit_for_bit()
    {
        int taken = 0;
        Numbers.Sample(text =>
        {
            if (FastDecimal.TryParse(Encoding.UTF8.GetBytes(text), out double fast))
            {
                Interlocked.Increment(ref taken);
                BitConverter.DoubleToInt64Bits(fast).Should().Be(BitConverter.DoubleToInt64Bits(Reference(text)), text);
            }
        }, iter: 200_000);
        taken.Should().BeGreaterThan(20_000); // the path is exercised, not merely skipped
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("-0.0")]
    [InlineData("0.000e-5")]
    [InlineData("123456789012345")]
    [InlineData("0.123456789012345")]
    [InlineData("1e22")]
    [InlineData("1e-22")]
    [InlineData("-9.99999999999999e22")]
    [InlineData("4.35")]
    [InlineData("0.1")]
    [InlineData("1E+5")]
    [InlineData("123e21")] // 123 and 10²¹ are exact: one rounding
    public void Edge_numbers_on_the_fast_path(string text)
    {
        FastDecimal.TryParse(Encoding.UTF8.GetBytes(text), out double fast).Should().BeTrue(text);
        BitConverter.DoubleToInt64Bits(fast).Should().Be(BitConverter.DoubleToInt64Bits(Reference(text)), text);
    }

    [Theory]
    [InlineData("1234567890123456")] // 16 digits
    [InlineData("1e23")] // 10²³ is not a double
    [InlineData("1e-23")]
    [InlineData("1e-1000000000")]
    [InlineData("1e308")]
    [InlineData("1e99999999999999999999")]
    [InlineData("0.1234567890123456")]
    [InlineData("-")]
    [InlineData("1e")]
    [InlineData("")]
    public void Everything_else_is_left_to_the_runtime(string text)
        => FastDecimal.TryParse(Encoding.UTF8.GetBytes(text), out _).Should().BeFalse(text);
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Serialization;
using CsCheck;

namespace ActiveAlignment.Tests.Serialization;

/// <summary>
/// The fast shortest round-trip formatter against the runtime's: the same bytes as <c>double.TryFormat</c> and as
/// <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> for every double tried, and the text reads back to the same bits.
/// </summary>
public class ShortestDoubleTests
{
    private static void Check(double value)
    {
        Span<byte> fast = stackalloc byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormat(value, fast, out int n).Should().BeTrue();
        string text = Encoding.ASCII.GetString(fast[..n]);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteNumberValue(value);
        }
        string expected = Encoding.ASCII.GetString(buffer.WrittenSpan);
        if (text != expected)
        {
            text.Should().Be(expected, $"bits 0x{BitConverter.DoubleToInt64Bits(value):X16}");
        }
        if (BitConverter.DoubleToInt64Bits(Math.Abs(value)) % (1L << 52) != 0)
        {
            // Reads back (the runtime's own digits for a power of two do not always: 2⁻⁹⁵⁸ is printed 4.104536801298376E-289).
            BitConverter.DoubleToInt64Bits(double.Parse(text, System.Globalization.CultureInfo.InvariantCulture))
                .Should().Be(BitConverter.DoubleToInt64Bits(value), text);
        }
    }

    [Fact]
    public void Random_bit_patterns_format_as_the_runtime_does()
        => Gen.Long.Select(BitConverter.Int64BitsToDouble).Where(double.IsFinite).Sample(Check, iter: 500_000);

    [Fact]
    public void Short_decimals_and_their_neighbours_format_as_the_runtime_does()
        => Gen.Select(Gen.Int[-999_999, 999_999], Gen.Int[-30, 30], Gen.Int[-2, 2]).Sample(p =>
        {
            double x = p.Item1 * Math.Pow(10, p.Item2);
            Check(x);
            double neighbour = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) + p.Item3);
            if (double.IsFinite(neighbour))
            {
                Check(neighbour); // (the bits below +0 are NaN patterns, not neighbours)
            }
        }, iter: 200_000);

    [Fact]
    public void Every_power_of_two_and_the_extremes_format_as_the_runtime_does()
    {
        for (int e = -1074; e <= 1023; e++)
        {
            Check(Math.ScaleB(1.0, e));
            Check(-Math.ScaleB(1.0, e));
            Check(Math.BitIncrement(Math.ScaleB(1.0, e)));
            Check(Math.BitDecrement(Math.ScaleB(1.0, e)));
        }
        foreach (double x in new[] { 0.0, -0.0, double.MaxValue, double.MinValue, double.Epsilon, 1e15, 1e14, 999999999999999.9, 1e-5, 1e-4, 0.0001234, 1.0, 0.1, 0.3, 2.0 / 3, 123456789012345680.0, 9007199254740993.0, 5e-324, 1.7976931348623157e308 })
        {
            Check(x);
        }
    }

    [Fact]
    public void Not_finite_values_are_refused()
    {
        var span = new byte[ShortestDouble.MaxLength];
        ShortestDouble.TryFormat(double.NaN, span, out _).Should().BeFalse();
        ShortestDouble.TryFormat(double.PositiveInfinity, span, out _).Should().BeFalse();
    }
}

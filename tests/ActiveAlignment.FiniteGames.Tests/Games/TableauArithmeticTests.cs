using System.Numerics;
using ActiveAlignment.Games;
using CsCheck;

namespace ActiveAlignment.Tests.Games;

/// <summary>
/// The fixed-width tableau arithmetic against big integers: fraction-free Gauss–Jordan elimination of random integer
/// matrices (every division exact by the Bareiss property), whose intermediate minors either fit the word, and then every
/// entry must equal the big-integer one, or do not, and then the arithmetic must report the overflow instead of wrapping.
/// </summary>
public class TableauArithmeticTests
{
    /// <summary>The reference: the same elimination in big integers, and the largest magnitude met.</summary>
    private static (List<BigInteger[]> Steps, BigInteger Largest) Reference(BigInteger[] table, int size)
    {
        int cols = size + 1;
        var t = (BigInteger[])table.Clone();
        var steps = new List<BigInteger[]>();
        BigInteger d = BigInteger.One, largest = BigInteger.Zero;
        for (int k = 0; k < size; k++)
        {
            int pivot = k;
            while (pivot < size && t[(pivot * cols) + k].IsZero)
            {
                pivot++;
            }
            if (pivot == size)
            {
                break;
            }
            for (int c = 0; c < cols; c++)
            {
                (t[(k * cols) + c], t[(pivot * cols) + c]) = (t[(pivot * cols) + c], t[(k * cols) + c]);
            }
            if (t[(k * cols) + k].Sign < 0)
            {
                for (int c = 0; c < cols; c++)
                {
                    t[(k * cols) + c] = -t[(k * cols) + c];
                }
            }
            var p = t[(k * cols) + k];
            for (int i = 0; i < size; i++)
            {
                if (i == k)
                {
                    continue;
                }
                var a = t[(i * cols) + k];
                for (int c = 0; c < cols; c++)
                {
                    var n = (p * t[(i * cols) + c]) - (a * t[(k * cols) + c]);
                    (n % d).IsZero.Should().BeTrue("the Bareiss property");
                    t[(i * cols) + c] = n / d;
                    largest = BigInteger.Max(largest, BigInteger.Abs(t[(i * cols) + c]));
                }
            }
            d = p;
            steps.Add((BigInteger[])t.Clone());
        }
        return (steps, largest);
    }

    private static void Check<T, TArithmetic>(BigInteger[] table, int size, BigInteger limit)
        where T : struct
        where TArithmetic : ITableauArithmetic<T>
    {
        var (steps, largest) = Reference(table, size);
        int cols = size + 1;
        var t = table.Select(TArithmetic.From).ToArray();
        T d = TArithmetic.From(BigInteger.One);
        try
        {
            for (int k = 0; k < steps.Count; k++)
            {
                int pivot = k;
                while (TArithmetic.Sign(t[(pivot * cols) + k]) == 0)
                {
                    pivot++;
                }
                for (int c = 0; c < cols; c++)
                {
                    (t[(k * cols) + c], t[(pivot * cols) + c]) = (t[(pivot * cols) + c], t[(k * cols) + c]);
                }
                if (TArithmetic.Sign(t[(k * cols) + k]) < 0)
                {
                    for (int c = 0; c < cols; c++)
                    {
                        t[(k * cols) + c] = TArithmetic.Negate(t[(k * cols) + c]);
                    }
                }
                var p = t[(k * cols) + k];
                TArithmetic.Pivot(t, cols, k, k, d);
                d = p;
                t.Select(TArithmetic.ToBigInteger).Should().Equal(steps[k], $"step {k}");
            }
            largest.Should().BeLessThanOrEqualTo(limit, "no overflow was reported");
        }
        catch (TableauOverflowException)
        {
            largest.Should().BeGreaterThan(limit, "an overflow was reported");
        }
    }

    [Theory]
    [InlineData(8, 3)]
    [InlineData(20, 4)]
    [InlineData(30, 5)]
    [InlineData(40, 6)]
    public void Pivots_in_64_bits_equal_big_integers_or_report_the_overflow(int bits, int size)
        => Gen.Long[-(1L << bits), 1L << bits].Array[size * (size + 1)].Sample(values =>
            Check<long, Int64Arithmetic>(values.Select(v => (BigInteger)v).ToArray(), size, long.MaxValue), iter: 400);

    [Theory]
    [InlineData(20, 5)]
    [InlineData(40, 5)]
    [InlineData(60, 6)]
    public void Pivots_in_128_bits_equal_big_integers_or_report_the_overflow(int bits, int size)
        => Gen.Long[long.MinValue, long.MaxValue].Array[size * (size + 1)].Sample(values =>
            Check<Int128, Int128Arithmetic>(values.Select(v => (BigInteger)v >> (64 - bits)).ToArray(), size, (BigInteger)Int128.MaxValue), iter: 400);

    [Fact]
    public void Products_compare_exactly_across_the_whole_range()
    {
        Gen.Long.Array[4].Sample(v =>
        {
            int expected = ((BigInteger)v[0] * v[1]).CompareTo((BigInteger)v[2] * v[3]);
            Int64Arithmetic.CompareProducts(v[0], v[1], v[2], v[3]).Should().Be(expected);
            Int128 a = (Int128)v[0] << 63, b = (Int128)v[1] << 60, c = (Int128)v[2] << 63, e = (Int128)v[3] << 60;
            Int128Arithmetic.CompareProducts(a, b, c, e).Should().Be(((BigInteger)a * (BigInteger)b).CompareTo((BigInteger)c * (BigInteger)e));
        }, iter: 2000);
        Int64Arithmetic.CompareProducts(long.MinValue, long.MinValue, long.MaxValue, long.MaxValue).Should().Be(1);
        Int128Arithmetic.CompareProducts(Int128.MinValue, Int128.MinValue, Int128.MaxValue, Int128.MaxValue).Should().Be(1);
        Int128Arithmetic.CompareProducts(Int128.MinValue, Int128.MaxValue, Int128.MaxValue, Int128.MinValue).Should().Be(0);
    }
}

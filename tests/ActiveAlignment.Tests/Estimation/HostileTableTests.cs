using System.Text;
using ActiveAlignment.Estimation;

namespace ActiveAlignment.Tests.Estimation;

/// <summary>
/// Tables that could hurt: invalid UTF-8 (which decoded leniently would merge distinct groups), NUL characters, huge
/// cells, too many groups, cancelling sums, too many replicates. Each is refused naming the file and line, or summed
/// exactly enough; none costs memory in proportion to the attack.
/// </summary>
public class HostileTableTests
{
    private static AttractivenessTable ReadBytes(byte[] bytes, string name)
    {
        using var dir = new TempDir();
        string path = Path.Combine(dir.Path, name);
        File.WriteAllBytes(path, bytes);
        return AttractivenessTable.ReadFile(path);
    }

    [Fact]
    public void Invalid_utf8_is_refused_with_its_line_instead_of_merging_two_groups()
    {
        // "caf\xE9" and "caf\xE8" (Latin-1 bytes) would both decode to "caf\uFFFD" and become one group.
        var bytes = Encoding.ASCII.GetBytes("group,value\nx,1\n").Concat(new byte[] { 0x63, 0x61, 0x66, 0xE9, 0x2C, 0x31, 0x0A })
            .Concat(new byte[] { 0x63, 0x61, 0x66, 0xE8, 0x2C, 0x32, 0x0A }).ToArray();
        var act = () => ReadBytes(bytes, "latin1.csv");
        act.Should().Throw<MeasurementFormatException>().Where(e => e.Message.Contains("latin1.csv", StringComparison.Ordinal)
            && e.Message.Contains("csv:3:", StringComparison.Ordinal) && e.Message.Contains("UTF-8", StringComparison.Ordinal));
        ReadBytes(Encoding.UTF8.GetBytes("group,value\ncafé,1\ncafè,2\n"), "ok.csv").Groups.Should().Equal("café", "cafè");
    }

    [Fact]
    public void A_nul_in_a_unit_cannot_collide_with_the_row_units()
    {
        var act = () => AttractivenessTable.Read(new StringReader("unit,group,value\n,a,1\n\0row 2,b,1\n"), "nul.csv");
        act.Should().Throw<MeasurementFormatException>().Where(e => e.Message.Contains("NUL", StringComparison.Ordinal) && e.Message.Contains("csv:3:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_huge_cell_in_an_ignored_column_is_refused_at_the_record_limit()
    {
        var text = new StringBuilder("group,value,note\na,1,");
        text.Append('x', CsvRecordReader.MaxRecordLength + 10).Append("\nb,2,ok\n");
        var act = () => AttractivenessTable.Read(new StringReader(text.ToString()), "wide.csv");
        act.Should().Throw<MeasurementFormatException>().Where(e => e.Message.Contains("1,048,576", StringComparison.Ordinal) && e.Message.Contains("csv:2:", StringComparison.Ordinal));
    }

    [Fact]
    public void More_groups_than_the_limit_are_refused_before_any_pair_matrix_exists()
    {
        var text = new StringBuilder("group,value\n");
        for (int g = 0; g <= AttractivenessTable.MaxGroups; g++)
        {
            text.Append('g').Append(g).Append(",1\n");
        }
        var act = () => AttractivenessTable.Read(new StringReader(text.ToString()), "many.csv");
        act.Should().Throw<MeasurementFormatException>().Where(e => e.Message.Contains("1,000", StringComparison.Ordinal));
    }

    [Fact]
    public void Cancelling_values_are_summed_with_their_rounding_errors_kept()
    {
        // Naive summation gives 1e300 + 1 - 1e300 = 0; the compensated sum is exactly 1 (the mean 1/3).
        foreach (string table in new[] { "group,value\na,1e300\na,1\na,-1e300\nb,5\n", "unit,group,value\nu,a,1e300\nu,a,1\nu,a,-1e300\nv,b,5\n" })
        {
            var a = AttractivenessTable.Read(new StringReader(table), "cancel.csv");
            var sum = new double[2];
            var count = new long[2];
            a.Data.Totals(sum, count);
            sum[0].Should().Be(1);
            count[0].Should().Be(3);
            var multiplicity = Enumerable.Repeat(1, a.Data.Clusters).ToArray();
            a.Data.Accumulate(multiplicity, sum, count);
            sum[0].Should().Be(1);
        }
    }

    [Fact]
    public void Replicates_beyond_the_limit_are_refused()
    {
        var a = AttractivenessTable.Read(new StringReader("group,value\na,1\nb,2\n"), "a.csv");
        var c = PairTable.Read(new StringReader("prompt,group_a,group_b,score\np,a,a,1\np,a,b,0\np,b,b,1\n"), a.Groups);
        var template = GameEstimator.Template(a.Groups, agents: 2, new IncentiveCoefficients(1, 1, 0));
        var act = () => GameEstimator.Estimate(a, c, null, template, new EstimationOptions { Replicates = 1_000_000_000 });
        act.Should().Throw<ArgumentException>().Where(e => e.Message.Contains("100,000", StringComparison.Ordinal));
    }
}

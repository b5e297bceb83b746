using ActiveAlignment.Estimation;

namespace ActiveAlignment.Tests.Estimation;

public class MeasurementTableTests
{
    private static AttractivenessTable A(string csv) => AttractivenessTable.Read(new StringReader(csv), "a.csv");

    private static PairTable C(string csv, params string[] groups) => PairTable.Read(new StringReader(csv), groups, TableKind.Inconsistency, "c.csv");

    private const string FullPairs = "prompt,group_a,group_b,score\np1,x,x,1\np1,x,y,0.2\np2,y,y,0.5\n";

    [Fact]
    public void Attractiveness_is_the_mean_value_per_group_in_order_of_first_appearance()
    {
        var t = A("value,group,extra\n2,y,q\n1,x,q\n4,y,q\n");
        t.Groups.Should().Equal("y", "x");
        var e = GameEstimator.Estimate(t, C(FullPairs, "y", "x"), null, GameEstimator.Template(t.Groups, 2, new(1, 1, 0)),
            new EstimationOptions { Replicates = 0 });
        e.Attractiveness.Should().Equal(3.0, 1.0);
        e.Inconsistency[1, 1].Should().Be(1.0);
        e.Inconsistency[0, 1].Should().Be(0.2);
        e.Inconsistency[1, 0].Should().Be(0.2);
        e.Inconsistency[0, 0].Should().Be(0.5);
    }

    [Fact]
    public void Without_a_value_column_attractiveness_is_the_share_of_rows()
    {
        var t = A("group\nx\ny\ny\ny\n");
        var e = GameEstimator.Estimate(t, C(FullPairs, "x", "y"), null, GameEstimator.Template(t.Groups, 2, new(1, 1, 0)),
            new EstimationOptions { Replicates = 0 });
        e.Attractiveness.Should().Equal(0.25, 0.75);
    }

    [Fact]
    public void Pairs_are_unordered_and_averaged()
    {
        var c = C("prompt,group_a,group_b,score\np,x,x,1\np,x,y,0.1\np,y,x,0.3\nq,y,y,2\n", "x", "y");
        var t = A("group\nx\ny\n");
        var e = GameEstimator.Estimate(t, c, null, GameEstimator.Template(t.Groups, 2, new(1, 1, 0)), new EstimationOptions { Replicates = 0 });
        e.Inconsistency[0, 1].Should().BeApproximately(0.2, 1e-15);
        c.Clusters.Should().Be(2);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_newlines_and_lines_count_from_the_header()
    {
        var t = A("group,value\n\"a, \"\"quoted\"\"\n name\",1\nb,2\n");
        t.Groups.Should().Equal("a, \"quoted\"\n name", "b");
        var act = () => A("group,value\n\"a, \"\"quoted\"\"\n name\",1\nb,2\nb,x\n");
        act.Should().Throw<MeasurementFormatException>().Which.Message.Should().Be("a.csv:5: column 'value': 'x' is not a number.");
    }

    [Theory]
    [InlineData("grop,value\nx,1\n", "a.csv:1: column 'group': required column 'group' is missing from the header (is 'grop' a misspelling?)*")]
    [InlineData("group,value\nx,1\n,2\n", "a.csv:3: column 'group': the cell is empty*")]
    [InlineData("group,value\nx,1\ny,1e999\n", "a.csv:3: column 'value': '1e999' is not a finite number*")]
    [InlineData("group,value\nx,1\ny,NaN\n", "a.csv:3: column 'value': 'NaN' is not a finite number*")]
    [InlineData("group,value\nx,1\ny,1e-1000000000\n", "a.csv:3: column 'value': '1e-1000000000' is not zero but underflows*")]
    [InlineData("group,value\nx,1\ny,1,3\n", "a.csv:3: the record has 3 fields but the header has 2*")]
    [InlineData("group,value\nx,1\n\"y,1\n", "a.csv:3: a quoted field opened on line 3 is never closed*")]
    [InlineData("group,value\nx,1\n", "a.csv: column 'group': the table names 1 group; at least 2 are needed.")]
    [InlineData("", "a.csv: the table is empty*")]
    public void Bad_attractiveness_tables_name_file_line_and_column(string csv, string pattern)
    {
        var act = () => A(csv);
        act.Should().Throw<MeasurementFormatException>().Which.Message.Should().Match(pattern);
    }

    [Fact]
    public void Unknown_groups_and_missing_pairs_are_named()
    {
        var unknown = () => C("prompt,group_a,group_b,score\np,x,z,1\n", "x", "y");
        unknown.Should().Throw<MeasurementFormatException>().Which.Message.Should().StartWith("c.csv:2: column 'group_b': unknown group 'z'");
        var missing = () => C("prompt,group_a,group_b,score\np,x,y,1\n", "x", "y");
        missing.Should().Throw<MeasurementFormatException>().Which.Message.Should().Contain("2 pairs have no row").And.Contain("(x, x), (y, y)");
    }

    [Fact]
    public void An_empty_unit_cell_makes_the_row_its_own_unit()
    {
        var t = A("unit,group,value\nu1,x,1\nu1,y,2\n,x,3\n,y,4\nu2,x,5\nu2,y,6\n");
        t.Clusters.Should().Be(4, "u1, u2, and one unit for each row without a unit");
        t.Rows.Should().Be(6);
        t.Data.Offsets.Zip(t.Data.Offsets.Skip(1)).Select(p => p.Second - p.First).Should().Equal(2, 1, 1, 2);
    }

    [Fact]
    public void Crlf_line_endings_a_byte_order_mark_and_blank_lines_are_accepted()
    {
        var t = A("\uFEFFgroup,value\r\nx,1\r\n\r\ny,3\r\n");
        t.Groups.Should().Equal("x", "y");
        t.Rows.Should().Be(2);
    }
}

using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Tests.Cli;

/// <summary>
/// Numbers on the command line keep their meaning: a non-zero literal that rounds to 0, one beyond the doubles and NaN are
/// refused quoting the text given (not the value it became), and an axis has a documented number of values.
/// </summary>
public class NumericOptionTests
{
    private static readonly string Game = Path.Combine(TestPaths.Samples, "ideological.json");

    [Theory]
    [InlineData("steer", "--threshold", "1e-1000000000", "*--threshold 1e-1000000000: not zero, but smaller than the smallest double (4.9e-324); write 0 for zero.*")]
    [InlineData("steer", "--threshold", "0.00e-5000", null)]
    [InlineData("steer", "--threshold", "1e400", "*--threshold 1e400: too large for a double*")]
    [InlineData("steer", "--threshold", "NaN", "*--threshold NaN: expected a number (e.g. 0.05).*")]
    [InlineData("steer", "--max-diversity", "5e-99999", "*--max-diversity 5e-99999: not zero, but smaller than the smallest double*")]
    [InlineData("dynamics", "--step", "-1e-400", "*--step -1e-400: not zero, but smaller than the smallest double*")]
    public void Numeric_options_refuse_literals_that_change_meaning(string command, string option, string value, string? message)
    {
        var run = CliRun.Of(command, Game, option, value);
        if (message is null)
        {
            // A literal zero is read as zero, and then judged by the option's own range.
            run.ShouldFailWith(2, "*--threshold 0: the threshold must lie in the open interval (0, 1)*");
        }
        else
        {
            run.ShouldFailWith(2, message);
        }
    }

    [Fact]
    public void Estimate_coefficients_refuse_an_underflowing_literal()
    {
        CliRun.Of("estimate", "--attractiveness", "a.csv", "--inconsistency", "c.csv", "--agents", "4", "--coefficients", "1,1e-999,0.3", "--out", "x.json")
            .ShouldFailWith(2, "*--coefficients 1,1e-999,0.3: the consistency coefficient '1e-999' must be a number in*");
    }

    [Theory]
    [InlineData("consistency=1e-1000000000:1:3", "*start 1e-1000000000 is not zero but underflows to 0*")]
    [InlineData("consistency=0:7e-400:3", "*stop 7e-400 is not zero but underflows to 0*")]
    [InlineData("consistency=0:1:2147483647", "*count is 2147483647; an axis has at most 1,000,000 values*")]
    public void Sweep_axes_refuse_underflow_and_more_than_a_million_values(string axis, string message)
    {
        CliRun.Of("sweep", Game, "--x", axis, "--y", "diversity=0:1:3").ShouldFailWith(2, message);
        var parse = () => GridAxis.Parse(axis);
        parse.Should().Throw<FormatException>().WithMessage(message);
    }

    [Fact]
    public void An_axis_of_exactly_a_million_values_is_accepted()
        => GridAxis.Create(CoefficientAxis.Diversity, 0, 1, GridAxis.MaxCount).Count.Should().Be(1_000_000);
}

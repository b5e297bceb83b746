using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Tests.Sweeps;

public class GridAxisTests
{
    [Fact]
    public void Parse_Valid_IsInclusiveOnBothEnds()
    {
        var axis = GridAxis.Parse("Diversity=0.5:2.5:5");
        axis.Axis.Should().Be(CoefficientAxis.Diversity);
        Enumerable.Range(0, 5).Select(axis.ValueAt).Should().Equal(0.5, 1.0, 1.5, 2.0, 2.5);
        axis.ToString().Should().Be("diversity=0.5:2.5:5");
    }

    [Fact]
    public void Parse_CountOne_IsTheOneValue()
        => GridAxis.Parse("consistency=0.3:0.3:1").ValueAt(0).Should().Be(0.3);

    [Fact]
    public void Parse_CountOneWithDifferentEnds_IsAnError()
    {
        // One value cannot span 0.3 to 0.9: silently taking the start would hide a typo.
        var act = () => GridAxis.Parse("consistency=0.3:0.9:1");
        act.Should().Throw<FormatException>().WithMessage("*count is 1 but start (0.3) and stop (0.9) differ*");
    }

    [Theory]
    [InlineData("reach=0:1:10", "'reach' is not a coefficient*")]
    [InlineData("diversity=0:1:0", "'diversity=0:1:0': count must be an integer >= 1, but was 0.")]
    [InlineData("diversity=2:1:10", "'diversity=2:1:10': stop (1) is before start (2)*")]
    [InlineData("diversity=-1:1:10", "'diversity=-1:1:10': start must be a finite number >= 0*")]
    [InlineData("diversity=0:1", "*NAME=START:STOP:COUNT*")]
    [InlineData("0:1:10", "*NAME=START:STOP:COUNT*")]
    [InlineData("diversity=a:1:10", "*NAME=START:STOP:COUNT*")]
    public void Parse_Invalid_ThrowsWithReason(string text, string message)
    {
        var act = () => GridAxis.Parse(text);
        act.Should().Throw<FormatException>().WithMessage(message);
    }
}

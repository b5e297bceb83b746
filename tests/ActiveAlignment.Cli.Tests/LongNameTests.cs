using ActiveAlignment.Serialization;

namespace ActiveAlignment.Tests.Serialization;

/// <summary>"Did you mean" does bounded work and echoes a bounded name, however long the unknown name is.</summary>
public class LongNameTests
{
    [Fact]
    public void AFiveMegabyteUnknownProperty_IsRefusedQuickly_WithAShortMessage()
    {
        string name = new('x', 5_000_000);
        var act = () => GameJson.Read("{\"subpopulations\": [], \"" + name + "\": 1}", "big.json");
        var error = act.Should().Throw<GameFormatException>().Which;
        error.Message.Length.Should().BeLessThan(300);
        error.Message.Should().Contain("unknown property").And.Contain("…");
    }

    [Fact]
    public void DidYouMean_StillFindsNearNames_AndNothingForLongOnes()
    {
        string[] names = ["agents", "coefficients", "subpopulations"];
        ActiveAlignment.Cli.CliApp.Closest("agnets", names).Should().Be("agents");
        ActiveAlignment.Cli.CliApp.Closest("coefficient", names).Should().Be("coefficients");
        ActiveAlignment.Cli.CliApp.Closest("a", names).Should().BeNull();
        ActiveAlignment.Cli.CliApp.Closest(new string('a', 100_000), names).Should().BeNull();
    }
}

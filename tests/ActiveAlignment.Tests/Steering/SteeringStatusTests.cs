using ActiveAlignment.Steering;

namespace ActiveAlignment.Tests.Steering;

/// <summary>
/// Steering answers say their outcome the way every answer does, with a status and a reason; the older booleans are derived
/// from the status and agree with it.
/// </summary>
public class SteeringStatusTests
{
    [Theory]
    [InlineData(0.01, 4, SteeringStatus.AlreadyRepresented)]
    [InlineData(0.3, 4, SteeringStatus.Found)]
    [InlineData(0.3, 1, SteeringStatus.NotFound)]
    [InlineData(0.4, 4, SteeringStatus.NotFound)]
    public void Minimum_diversity_has_a_status_and_a_reason(double tau, int agents, SteeringStatus expected)
    {
        var game = TestGames.WorkedExample(agents);
        var result = MinimumDiversity.Find(game, tau, 50);
        result.Status.Should().Be(expected, result.Reason);
        result.AlreadyRepresented.Should().Be(expected == SteeringStatus.AlreadyRepresented);
        (result.Value is null).Should().Be(expected == SteeringStatus.NotFound);
        result.Reason.Should().NotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.25)]
    [InlineData(0.34)]
    public void A_subsidy_exists_exactly_when_its_status_is_found(double tau)
    {
        var result = AttractivenessSubsidy.ToFloor(TestGames.WorkedExample(), tau);
        result.Exists.Should().Be(result.Status == SteeringStatus.Found);
        (result.Reason is null).Should().Be(result.Status == SteeringStatus.Found);
        (result.Delta is null).Should().Be(result.Status == SteeringStatus.NotFound);
    }
}

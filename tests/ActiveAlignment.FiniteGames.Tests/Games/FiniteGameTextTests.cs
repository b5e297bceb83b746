using ActiveAlignment.Games;

namespace ActiveAlignment.Tests.Games;

/// <summary>Finite games print what they hold, not their type name.</summary>
public class FiniteGameTextTests
{
    [Fact]
    public void A_bimatrix_game_prints_its_players_and_actions()
    {
        var game = BimatrixGame.Create(["swerve", "straight"], ["swerve", "straight"], new long[,] { { 0, -1 }, { 1, -10 } }, new long[,] { { 0, 1 }, { -1, -10 } });
        game.ToString().Should().Be($"BimatrixGame(2 × 2: {game.Players[0]} [swerve, straight] × {game.Players[1]} [swerve, straight])");
    }
}

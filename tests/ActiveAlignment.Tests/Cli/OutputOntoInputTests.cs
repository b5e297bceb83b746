namespace ActiveAlignment.Tests.Cli;

/// <summary>An output path that is one of the command's inputs (by path, relative path or symbolic link) is refused, not overwritten.</summary>
public sealed class OutputOntoInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void WritingOntoTheGame_IsRefused_AndTheGameIsKept()
    {
        string original = File.ReadAllText(Path.Combine(TestPaths.Samples, "ideological.json"));
        string game = _dir.File("game.json", original);
        string link = _dir.Combine("link.json");
        File.CreateSymbolicLink(link, game);
        string[][] attempts =
        [
            ["sweep", game, "--x", "consistency=0.1:1:4", "--y", "diversity=0:1:4", "--csv", game],
            ["sweep", game, "--x", "consistency=0.1:1:4", "--y", "diversity=0:1:4", "--png", Path.Combine(_dir.Path, ".", "game.json")],
            ["report", game, "--out", link],
            ["dynamics", game, "--starts", "2", "--trajectories", game],
        ];
        foreach (var args in attempts)
        {
            CliRun.Of(args).ShouldFailWith(2, "*is this command's input*writing it would destroy it*");
            File.ReadAllText(game).Should().Be(original, string.Join(' ', args));
        }
    }
}

namespace ActiveAlignment.Tests.Cli;

/// <summary>Errors in the user's words: no .NET type names, no advice meant for programmers, one convention for places.</summary>
public class ErrorWordingTests
{
    private static readonly string Game = Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json");

    [Theory]
    [InlineData(new[] { "solve", "GAME", "--threshold", "abc" }, "error: --threshold abc: expected a number (e.g. 0.05).*")]
    [InlineData(new[] { "estimate", "--bootstrap", "many", "--attractiveness", "a", "--inconsistency", "c", "--out", "o" }, "*--bootstrap many: expected a whole number.*")]
    [InlineData(new[] { "solve", "GAME", "--treshold", "0.1" }, "*unknown option '--treshold'. Did you mean '--threshold'?*")]
    [InlineData(new[] { "sweep", "GAME", "--x", "consistency=0:1:3", "--y", "diversity=0:1:3", "--zzz" }, "*unknown option '--zzz'; the options of this command are*")]
    public void Parser_errors_name_the_option_and_what_it_expects(string[] args, string pattern)
    {
        var run = CliRun.Of(args.Select(a => a == "GAME" ? Game : a).ToArray());
        run.ShouldFailWith(2, pattern);
        run.Error.Should().NotContain("System.");
    }

    [Fact]
    public void A_directory_a_trailing_comma_and_stdin_are_described_plainly()
    {
        CliRun.Of("solve", Path.GetDirectoryName(Game)!).ShouldFailWith(2, "*: is a directory; give the path of a file.*");
        var trailing = CliRun.WithStdin(File.ReadAllText(Game).Replace("\"agents\": 4", "\"agents\": 4,").Replace("0.3 }\n}", "0.3 },\n}"), "solve", "-");
        trailing.ShouldFailWith(2, "error: <stdin>: not valid JSON at line *, position *");
        trailing.Error.Should().NotContain("reader options");
        CliRun.WithStdin("{\"subpopulations\": 1}", "solve", "-").ShouldFailWith(2, "error: <stdin>: *");
    }
}

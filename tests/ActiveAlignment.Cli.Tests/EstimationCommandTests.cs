using System.Text.Json;

namespace ActiveAlignment.Tests.Cli;

public class EstimationCommandTests
{
    private static readonly string Samples = Path.Combine(TestPaths.RepositoryRoot, "samples", "estimation");

    private static string[] Estimate(TempDir dir, params string[] extra) =>
    [
        "estimate", "--attractiveness", Path.Combine(Samples, "attractiveness.csv"), "--inconsistency", Path.Combine(Samples, "inconsistency.csv"),
        "--agents", "6", "--coefficients", "1,0.5,0.2", "--out", dir.Combine("game.json"), .. extra,
    ];

    [Fact]
    public void Estimate_writes_the_point_game_and_the_ensemble_and_the_answers_carry_intervals()
    {
        using var dir = new TempDir();
        var run = CliRun.Of(Estimate(dir, "--ensemble", dir.Combine("ensemble.json"), "--bootstrap", "50", "--json"));
        var json = run.Json();
        json.GetProperty("groups").EnumerateArray().Select(g => g.GetString()).Should().Equal("openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism");
        json.GetProperty("tables").GetProperty("attractiveness").GetProperty("clusters").GetInt32().Should().Be(800);
        json.GetProperty("tables").GetProperty("inconsistency").GetProperty("clusters").GetInt32().Should().Be(400);
        json.GetProperty("attractiveness").GetProperty("openness").GetProperty("standardError").GetDouble().Should().BeInRange(0.001, 0.02);

        var game = CliRun.Of("solve", dir.Combine("game.json"), "--json").Json();
        var solved = CliRun.Of("solve", "--ensemble", dir.Combine("ensemble.json"), "--json", "--confidence", "0.9").Json();
        solved.GetProperty("weights").GetRawText().Should().Be(game.GetProperty("weights").GetRawText(), "the point answer is the point game's");
        var u = solved.GetProperty("uncertainty");
        u.GetProperty("replicates").GetInt32().Should().Be(50);
        u.GetProperty("confidence").GetDouble().Should().Be(0.9);
        var neuroticism = u.GetProperty("groups").GetProperty("neuroticism");
        neuroticism.GetProperty("exclusionProbability").GetDouble().Should().Be(1);
        var openness = u.GetProperty("groups").GetProperty("openness");
        openness.GetProperty("lower").GetDouble().Should().BeLessThan(openness.GetProperty("point").GetDouble());
        openness.GetProperty("upper").GetDouble().Should().BeGreaterThan(openness.GetProperty("point").GetDouble());

        var sweep = CliRun.Of("sweep", "--ensemble", dir.Combine("ensemble.json"), "--x", "consistency=0.05:2:20", "--y", "diversity=0:3:20", "--json").Json();
        sweep.GetProperty("uncertainty").GetProperty("anyGroup").GetProperty("exclusionArea").GetProperty("replicates").GetInt32().Should().Be(50);
        var steer = CliRun.Of("steer", "--ensemble", dir.Combine("ensemble.json"), "--threshold", "0.05", "--json").Json();
        steer.GetProperty("uncertainty").GetProperty("robustMinimumDiversity").GetDouble()
            .Should().BeGreaterThanOrEqualTo(steer.GetProperty("minimumDiversity").GetDouble() * 0.9);
        var compare = CliRun.Of("compare", $"estimate={dir.Combine("ensemble.json")}", $"truth={Path.Combine(Samples, "truth.json")}",
            "--x", "consistency=0.05:2:20", "--y", "diversity=0:3:20", "--threshold", "0.05");
        compare.ExitCode.Should().Be(0, compare.Error);
        compare.Out.Should().MatchRegex(@"\| estimate \|.*% \[[0-9.]+%, [0-9.]+%\]");
    }

    [Fact]
    public void The_same_seed_gives_the_same_files_whatever_the_threads()
    {
        using var dir = new TempDir();
        CliRun.Of(Estimate(dir, "--ensemble", dir.Combine("one.json"), "--bootstrap", "20", "--threads", "1")).ExitCode.Should().Be(0);
        CliRun.Of(Estimate(dir, "--ensemble", dir.Combine("two.json"), "--bootstrap", "20", "--threads", "2")).ExitCode.Should().Be(0);
        File.ReadAllBytes(dir.Combine("two.json")).Should().Equal(File.ReadAllBytes(dir.Combine("one.json")));
    }

    [Fact]
    public void Bad_tables_and_options_are_named_and_leave_no_file()
    {
        using var dir = new TempDir();
        string bad = dir.File("a.csv", "group,value\nx,1\ny,oops\n");
        CliRun.Of("estimate", "--attractiveness", bad, "--inconsistency", Path.Combine(Samples, "inconsistency.csv"), "--agents", "2",
            "--coefficients", "1,1,0", "--out", dir.Combine("g.json"))
            .ShouldFailWith(2, "error: a.csv:3: column 'value': 'oops' is not a number.*");
        File.Exists(dir.Combine("g.json")).Should().BeFalse();
        CliRun.Of(Estimate(dir, "--bootstrap", "-1")).ShouldFailWith(2, "*--bootstrap -1*[0, 100000]*");
        CliRun.Of("estimate", "--attractiveness", Samples, "--inconsistency", Samples, "--agents", "2", "--coefficients", "1,1,0", "--out", dir.Combine("g.json"))
            .ShouldFailWith(2, "*is a directory*");
        CliRun.Of("estimate", "--attractiveness", Path.Combine(Samples, "attractiveness.csv"), "--inconsistency", Path.Combine(Samples, "inconsistency.csv"),
            "--out", dir.Combine("g.json")).ShouldFailWith(2, "*--template GAME, or both --agents N and --coefficients*");
        CliRun.Of("estimate", "--attractiveness", Path.Combine(Samples, "attractiveness.csv"), "--inconsistency", Path.Combine(Samples, "inconsistency.csv"),
            "--agents", "2", "--coefficients", "1,x,0", "--out", dir.Combine("g.json")).ShouldFailWith(2, "*consistency coefficient 'x'*");
        CliRun.Of("solve", "--ensemble", Path.Combine(Samples, "truth.json")).ShouldFailWith(2, "*format*");
        CliRun.Of("solve").ShouldFailWith(2, "*give a GAME file, or --ensemble FILE*");
        CliRun.Of("solve", "--ensemble", dir.Combine("none.json"), "--confidence", "1.5").ShouldFailWith(2, "*--confidence 1.5*");
    }

    [Fact]
    public void Infer_reports_the_exact_polygon_or_the_least_violation()
    {
        var feasible = CliRun.Of("infer", Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json"), "--observed", "left=1", "--json").Json();
        feasible.GetProperty("feasible").GetBoolean().Should().BeTrue();
        feasible.GetProperty("vertices").EnumerateArray().Select(v => (v.GetProperty("consistencyExact").GetString(), v.GetProperty("diversityExact").GetString()))
            .Should().Equal(("0", "0"), ("1/8", "0"), ("0", "1/5"));
        var infeasible = CliRun.Of("infer", Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json"), "--observed", "left=0.5,center=0.5", "--json").Json();
        infeasible.GetProperty("feasible").GetBoolean().Should().BeFalse();
        infeasible.GetProperty("residualExact").GetString().Should().Be("1/60");
        CliRun.Of("infer", Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json"), "--observed", "left=0.5,centre=0.5")
            .ShouldFailWith(2, "*'centre' is not in the game*");
        CliRun.Of("infer", Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json"), "--observed", "left")
            .ShouldFailWith(2, "*'left' is not NAME=W*");
    }
}

using System.Text.Json;

namespace ActiveAlignment.Tests.Cli;

public class BatchCommandTests
{
    private static string Game(string a = "0.5") =>
        "{\"subpopulations\": [{\"name\": \"left\", \"attractiveness\": " + a + "}, {\"name\": \"center\", \"attractiveness\": 0.3}, " +
        "{\"name\": \"right\", \"attractiveness\": 0.2}], \"inconsistency\": [[1.0, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]], " +
        "\"agents\": 4, \"coefficients\": {\"attractiveness\": 1.0, \"consistency\": 0.5, \"diversity\": 0.3}}";

    private static readonly string Population = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "mixed-population.json")).Replace("\n", " ");

    [Fact]
    public void Every_good_line_is_answered_in_order_and_bad_lines_are_reported_without_stopping_the_batch()
    {
        string input = string.Join("\n",
            Game(),
            "{\"id\": \"model-7\", \"game\": " + Game("0.6") + "}",
            "",
            "{not json",
            "{\"id\": 42, \"game\": " + Game().Replace("\"agents\": 4", "\"agents\": 0") + "}",
            Population,
            "{\"id\": 1, \"game\": " + Game() + ", \"extra\": 1}",
            "[1, 2]") + "\n";
        var run = CliRun.WithStdin(input, "solve", "--batch", "-");
        run.ExitCode.Should().Be(2, "some records are invalid");
        run.Error.Should().Contain("batch: 7 records, 3 solved (3 certified), 4 invalid");
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        lines.Select(l => l.GetProperty("line").GetInt64()).Should().Equal(1, 2, 4, 5, 6, 7, 8);
        lines[0].GetProperty("id").ValueKind.Should().Be(JsonValueKind.Null);
        lines[0].GetProperty("certified").GetBoolean().Should().BeTrue();
        lines[0].GetProperty("weights").GetProperty("right").GetDouble().Should().BeApproximately(45.0 / 298, 1e-14);
        lines[1].GetProperty("id").GetString().Should().Be("model-7");
        lines[2].GetProperty("error").GetString().Should().StartWith("not valid JSON");
        lines[3].GetProperty("id").GetInt32().Should().Be(42);
        lines[3].GetProperty("error").GetString().Should().Contain("agents");
        lines[4].GetProperty("classes").GetArrayLength().Should().Be(2);
        lines[5].GetProperty("error").GetString().Should().Contain("\"extra\"");
        lines[6].GetProperty("error").GetString().Should().Contain("JSON object");
        // Each answer equals the single-game solve --json of the same game.
        var single = CliRun.WithStdin(Game(), "solve", "-", "--json").Json();
        foreach (var property in single.EnumerateObject().Where(p => p.Name != "provenance"))
        {
            JsonElement.DeepEquals(lines[0].GetProperty(property.Name), property.Value).Should().BeTrue(property.Name);
        }
    }

    [Fact]
    public void A_batch_gives_the_same_bytes_whatever_the_threads_and_exit_0_when_all_are_solved()
    {
        using var dir = new TempDir();
        var random = new Random(4);
        string path = dir.File("batch.jsonl", string.Concat(Enumerable.Range(0, 5000).Select(i =>
            "{\"id\": " + i + ", \"game\": " + Game((0.1 + random.NextDouble()).ToString("R", System.Globalization.CultureInfo.InvariantCulture)) + "}\n")));
        var one = CliRun.Of("solve", "--batch", path, "--threads", "1");
        var two = CliRun.Of("solve", "--batch", path, "--threads", "2");
        one.ExitCode.Should().Be(0, one.Error);
        two.Out.Should().Be(one.Out);
        one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(5000);
        CliRun.Of("solve", "--batch", path, "samples/ideological.json").ShouldFailWith(2, "*no GAME*");
        CliRun.Of("solve", "--batch", dir.Path).ShouldFailWith(2, "*is a directory*");
    }

    /// <summary>
    /// Past three chunks (the answers' buffers rotate through all of them), with errors scattered inside the answer blocks: every
    /// line is answered once, in order, an error taking back nothing of its neighbours, and the bytes do not depend on the threads.
    /// </summary>
    [Fact]
    public void Errors_inside_answer_blocks_across_chunks_leave_their_neighbours_whole()
    {
        using var dir = new TempDir();
        const int n = 9_000;
        string path = dir.File("mixed.jsonl", string.Concat(Enumerable.Range(1, n).Select(i =>
            i % 13 == 0 ? "{\"id\": " + i + ", \"game\": [1]}\n" : "{\"id\": " + i + ", \"game\": " + Game() + "}\n")));
        var one = CliRun.Of("solve", "--batch", path, "--threads", "1");
        var three = CliRun.Of("solve", "--batch", path, "--threads", "3");
        three.Out.Should().Be(one.Out);
        one.Error.Should().Contain($"batch: {n} records, {n - (n / 13)} solved ({n - (n / 13)} certified), {n / 13} invalid");
        var lines = one.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(n);
        string answer = lines[0][lines[0].IndexOf(",\"status\"", StringComparison.Ordinal)..];
        for (int i = 1; i <= n; i++)
        {
            string line = lines[i - 1];
            line.Should().StartWith($"{{\"line\":{i},\"id\":{i},");
            if (i % 13 == 0)
            {
                line.Should().Contain("\"error\"");
            }
            else
            {
                line.Should().EndWith(answer); // the same game: the same answer, byte for byte
            }
        }
    }

    /// <summary>A line past the documented limit is that record's error; the records around it are answered.</summary>
    [Fact]
    public void A_line_past_the_limit_is_its_own_error_and_the_batch_goes_on()
    {
        using var dir = new TempDir();
        string game = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json")).ReplaceLineEndings(" ");
        string path = dir.Combine("long.jsonl");
        using (var writer = new StreamWriter(path))
        {
            writer.Write(game + "\n{\"id\": \"");
            writer.Write(new string('x', SolveBatchLimit + 1));
            writer.Write("\"}\n" + game + "\n");
        }
        var run = CliRun.Of("solve", "--batch", path);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(3);
        lines[0].Should().Contain("\"line\":1").And.Contain("\"status\":\"interior\"");
        lines[1].Should().Be("{\"line\":2,\"id\":null,\"error\":\"the record is longer than 67,108,864 bytes, the batch line limit; it was skipped.\"}");
        lines[2].Should().Contain("\"line\":3").And.Contain("\"status\":\"interior\"");
    }

    private const int SolveBatchLimit = ActiveAlignment.Serialization.JsonLinesBatch.MaxLineBytes;
}

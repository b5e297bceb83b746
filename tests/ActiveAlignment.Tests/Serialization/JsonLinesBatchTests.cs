using System.Text;
using System.Text.Json;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Tests.Serialization;

/// <summary>
/// The batch solver as a library call, without the tool: each answer line is the equilibrium's wire format
/// (<see cref="AnswerJson"/>) of the same game, the bytes do not depend on the threads, and bad arguments are refused.
/// </summary>
public class JsonLinesBatchTests
{
    private static string Run(string input, int threads, out JsonLinesBatchSummary summary)
    {
        using var output = new MemoryStream();
        summary = JsonLinesBatch.Solve(new MemoryStream(Encoding.UTF8.GetBytes(input)), output, 0.01, threads);
        output.CanWrite.Should().BeTrue("the output stream is the caller's: flushed, never closed");
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public void Each_answer_is_the_wire_format_of_the_same_games_equilibrium()
    {
        var random = new Random(11);
        var games = Enumerable.Range(0, 300).Select(i => TestGames.Random(random, 2 + (i % 6), 1 + (i % 5), identitySimilarity: i % 2 == 0, attractivenessSpread: 3)).ToList();
        string input = string.Concat(games.Select((g, i) => $"{{\"id\": \"g{i}\", \"game\": {JsonSerializer.Serialize(JsonDocument.Parse(GameJson.Write(g)).RootElement)}}}\n"));
        string answers = Run(input, 2, out var summary);
        summary.Records.Should().Be(300);
        summary.Invalid.Should().Be(0);
        summary.ToString().Should().StartWith("300 records: 300 solved (");
        summary.Certified.Should().Be(games.Count(g => EquilibriumSolver.Solve(g).IsCertifiedEquilibrium));
        var lines = answers.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(300);
        for (int i = 0; i < games.Count; i++)
        {
            // The indented single answer, compacted, is the line without its "line" and "id" members.
            var single = JsonDocument.Parse(AnswerJson.ToJson(EquilibriumSolver.Solve(games[i]), 0.01)).RootElement;
            string expected = $"{{\"line\":{i + 1},\"id\":\"g{i}\"," + JsonSerializer.Serialize(single)[1..];
            lines[i].Should().Be(expected);
        }
        Run(input, 1, out _).Should().Be(answers);
    }

    [Fact]
    public void Bad_records_are_their_own_lines_and_bad_arguments_are_refused()
    {
        string answers = Run("{\"id\": 1, \"game\": [1]}\n\n{not json\n", 1, out var summary);
        summary.Should().Be(new JsonLinesBatchSummary(2, 0, 2, 0));
        answers.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().SatisfyRespectively(
            l => l.Should().StartWith("{\"line\":1,\"id\":1,\"error\":"),
            l => l.Should().StartWith("{\"line\":3,\"id\":null,\"error\":\"not valid JSON"));
        var act = () => JsonLinesBatch.Solve(new MemoryStream(), new MemoryStream(), threshold: 1);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("threshold");
        act = () => JsonLinesBatch.Solve(new MemoryStream(), new MemoryStream(), 0.01, threads: 0);
        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("threads");
        act = () => JsonLinesBatch.Solve(null!, new MemoryStream(), 0.01);
        act.Should().Throw<ArgumentNullException>();
    }
}

using System.Text;
using System.Text.Json;
using ActiveAlignment.Serialization;
using CsCheck;

namespace ActiveAlignment.Tests.Serialization;

/// <summary>
/// The batch's fast reader against the general one: on every record it accepts, the game is the one
/// <see cref="GameJson.ReadPopulation(JsonElement, string)"/> reads, bit for bit; everything else it leaves to the general reader.
/// </summary>
public class JsonLinesRecordTests
{
    private static readonly Gen<(int Seed, int K, bool Similarity, int Agents)> Games =
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 9], Gen.Bool, Gen.Int[1, 12]);

    [Fact]
    public void Accepted_records_give_exactly_the_general_readers_game()
    {
        Games.Sample(p =>
        {
            var game = TestGames.Random(new Random(p.Seed), p.K, p.Agents, identitySimilarity: !p.Similarity, attractivenessSpread: 2);
            string json = JsonSerializer.Serialize(JsonDocument.Parse(GameJson.Write(game)).RootElement); // one line
            foreach (string record in new[] { json, $"{{\"id\":\"g-{p.Seed}\",\"game\":{json}}}", $"{{\"game\":{json},\"id\":{p.Seed}}}" })
            {
                JsonLinesRecord.TryReadGame(Encoding.UTF8.GetBytes(record), out var fast, out var id).Should().BeTrue(record);
                using var doc = JsonDocument.Parse(record);
                var element = doc.RootElement.TryGetProperty("game", out var g) ? g : doc.RootElement;
                var general = GameJson.ReadPopulation(element).HomogeneousGame!;
                GameJson.Write(fast!).Should().Be(GameJson.Write(general));
                fast!.Coefficients.Should().Be(general.Coefficients);
                id.ToString().Should().Be(doc.RootElement.TryGetProperty("id", out var i) ? i.GetRawText() : "null");
            }
        }, iter: 200);
    }

    [Theory]
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":[{"name":"x","count":2}],"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // a population
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0},}""")] // trailing comma
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"a","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // repeated name
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1e-400},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // underflow
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0.5],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // not symmetric
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2.5,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // agents not an integer
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":-1,"diversity":0}}""")] // negative coefficient
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"agents":3,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // repeated key
    [InlineData("""{"id":"x y","game":{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}}""")] // id the writer might escape differently
    [InlineData("""{"id":"x","extra":1,"game":{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}}""")] // unknown wrapper key
    [InlineData("""{"id":"x"}""")]
    [InlineData("[1,2]")]
    [InlineData("{\"subpopulations\": /* c */ []}")]
    public void Anything_unusual_is_left_to_the_general_reader(string record)
        => JsonLinesRecord.TryReadGame(Encoding.UTF8.GetBytes(record), out _, out _).Should().BeFalse();
}

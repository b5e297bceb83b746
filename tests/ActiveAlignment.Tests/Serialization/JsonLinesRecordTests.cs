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
    [InlineData("""{"subpopulations":[{"name":"a\u0062","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // an escaped name (valid, and read by the general reader)
    [InlineData("""{"subpopulations":[{"name":"é","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // a non-ASCII name (likewise)
    public void Anything_unusual_is_left_to_the_general_reader(string record)
        => JsonLinesRecord.TryReadGame(Encoding.UTF8.GetBytes(record), out _, out _).Should().BeFalse();

    /// <summary>The general reader's game for a record, or null when it refuses it.</summary>
    private static AlignmentGame? General(string record)
    {
        try
        {
            using var doc = JsonDocument.Parse(record);
            var element = doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("game", out var g) ? g : doc.RootElement;
            return GameJson.ReadPopulation(element).HomogeneousGame;
        }
        catch (Exception e) when (e is JsonException or GameFormatException or InvalidOperationException)
        {
            return null;
        }
    }

    [Fact]
    public void Long_and_exponent_numbers_are_read_correctly_rounded_as_the_general_reader_reads_them()
    {
        // 17-digit shortest round trips (what Python and numpy write), 25-digit decimals, exponents and subnormal magnitudes.
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 6]).Sample((seed, k) =>
        {
            var rng = new Random(seed);
            string Number()
            {
                double x = (rng.NextDouble() - 0.3) * Math.Pow(10, rng.Next(-30, 30));
                return rng.Next(4) switch
                {
                    0 => x.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    1 => x.ToString("E16", System.Globalization.CultureInfo.InvariantCulture),
                    2 => "0." + string.Concat(Enumerable.Range(0, 25).Select(_ => (char)('0' + rng.Next(10)))),
                    _ => rng.Next(1, 999) + "e-" + rng.Next(300, 320),
                };
            }
            var a = Enumerable.Range(0, k).Select(_ => Number()).ToArray();
            var c = new string[k, k];
            for (int i = 0; i < k; i++)
            {
                c[i, i] = (1 + rng.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "." + rng.Next(1000);
                for (int j = 0; j < i; j++)
                {
                    c[i, j] = c[j, i] = Number();
                }
            }
            string rows = string.Join(",", Enumerable.Range(0, k).Select(i => "[" + string.Join(",", Enumerable.Range(0, k).Select(j => c[i, j])) + "]"));
            string record = "{\"subpopulations\":[" + string.Join(",", a.Select((x, i) => $"{{\"name\":\"n{i}\",\"attractiveness\":{x}}}"))
                + $"],\"inconsistency\":[{rows}],\"agents\":3,\"coefficients\":{{\"attractiveness\":{Number().TrimStart('-')},\"consistency\":1,\"diversity\":0.5}}}}";
            var general = General(record);
            if (JsonLinesRecord.TryReadGame(Encoding.UTF8.GetBytes(record), out var fast, out _))
            {
                general.Should().NotBeNull(record);
                GameJson.Write(fast!).Should().Be(GameJson.Write(general!));
                fast!.Attractiveness.ToArray().Select(BitConverter.DoubleToInt64Bits).Should().Equal(general!.Attractiveness.ToArray().Select(BitConverter.DoubleToInt64Bits));
                fast.Inconsistency.AsSpan().ToArray().Select(BitConverter.DoubleToInt64Bits).Should().Equal(general.Inconsistency.AsSpan().ToArray().Select(BitConverter.DoubleToInt64Bits));
                fast.Coefficients.Should().Be(general.Coefficients);
            }
        }, iter: 300);
    }

    [Fact]
    public void A_mutated_record_is_accepted_only_when_it_is_valid_JSON_and_the_same_game()
    {
        // Byte-level mutations of valid records (deletions, insertions of JSON's structural and number characters, swaps): the
        // fast reader may decline anything, but whatever it accepts the general reader must accept as the same game.
        const string alphabet = "{}[]:,\"-+.eE0123456789 \tnul/\\x";
        int accepted = 0;
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[1, 4]).Sample((seed, edits) =>
        {
            var rng = new Random(seed);
            var game = TestGames.Random(rng, 2 + rng.Next(3), 1 + rng.Next(4), identitySimilarity: rng.Next(2) == 0, attractivenessSpread: 2);
            string json = JsonSerializer.Serialize(JsonDocument.Parse(GameJson.Write(game)).RootElement);
            var record = new StringBuilder(rng.Next(2) == 0 ? json : $"{{\"id\":{seed},\"game\":{json}}}");
            for (int e = 0; e < edits; e++)
            {
                int at = rng.Next(record.Length);
                switch (rng.Next(3))
                {
                    case 0:
                        record.Remove(at, 1);
                        break;
                    case 1:
                        record.Insert(at, alphabet[rng.Next(alphabet.Length)]);
                        break;
                    default:
                        record[at] = alphabet[rng.Next(alphabet.Length)];
                        break;
                }
            }
            string text = record.ToString();
            if (JsonLinesRecord.TryReadGame(Encoding.UTF8.GetBytes(text), out var fast, out var id))
            {
                accepted++;
                var general = General(text);
                general.Should().NotBeNull(text);
                GameJson.Write(fast!).Should().Be(GameJson.Write(general!), text);
                fast!.Coefficients.Should().Be(general!.Coefficients, text);
                using var doc = JsonDocument.Parse(text);
                id.ToString().Should().Be(doc.RootElement.TryGetProperty("id", out var i) ? i.GetRawText() : "null", text);
            }
        }, iter: 3000);
        accepted.Should().BeGreaterThan(100, "some mutations (inside numbers, whitespace) leave a valid game");
    }

    [Theory]
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":01},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // leading zero
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1.},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // bare point
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":.5},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // no integer part
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":+1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // plus sign
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1e},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // empty exponent
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":NaN},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")]
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1e999},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // overflow
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}} x""")] // trailing text
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1,2]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")] // ragged
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"similarity":nul,"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}""")]
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}""")] // unclosed
    [InlineData("""{"subpopulations":[{"name":"a","attractiveness":1},{"name":"b","attractiveness":0}],"inconsistency":[[1,0],[0,1]],"agents":2,"coefficients":{"attractiveness":1,"consistency":1,"diversity":0}}}""")] // extra brace
    public void Invalid_JSON_is_never_read(string record)
    {
        JsonLinesRecord.TryReadGame(Encoding.UTF8.GetBytes(record), out _, out _).Should().BeFalse();
        General(record).Should().BeNull("the general reader refuses it too (the fast reader declines, never guesses)");
    }
}

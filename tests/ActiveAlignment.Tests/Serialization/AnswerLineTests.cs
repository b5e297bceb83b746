using System.Buffers;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Learning;
using ActiveAlignment.Serialization;
using CsCheck;

namespace ActiveAlignment.Tests.Serialization;

/// <summary>
/// The batch's direct line writer against the <see cref="Utf8JsonWriter"/> it stands in for: whenever it writes a line, the
/// bytes are the writer's, on random games of every status and stability label, with names and ids the writer escapes and
/// ones it does not; and it declines (writing nothing) exactly when a string would need escaping.
/// </summary>
public class AnswerLineTests
{
    // Plain names, then names the default encoder escapes (quote, backslash, HTML-sensitive, +, `, non-ASCII, control).
    private static readonly string[] Plain = ["g", "left wing", "A_b-c.d", "x(1)", "#tag", "50%", "a:b;c", "~^|{}[]"];
    private static readonly string[] Escaped = ["say \"hi\"", "back\\slash", "<b>", "R&D", "it's", "1+1", "`tick`", "Ünïcode", "tab\there"];

    private static string Writer(long line, JsonLinesRecordId id, HomogeneousEquilibrium eq, double threshold)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("line", line);
            if (id.Text is null)
            {
                w.WriteNull("id");
            }
            else if (id.IsNumber)
            {
                w.WritePropertyName("id");
                w.WriteRawValue(id.Text);
            }
            else
            {
                w.WriteString("id", id.Text);
            }
            AnswerJson.WriteEquilibrium(w, eq, threshold);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static AlignmentGame Game(Random rng, int k, int agents, bool escapedName)
    {
        var names = Enumerable.Range(0, k).Select(i => Plain[rng.Next(Plain.Length)] + i).ToArray();
        if (escapedName)
        {
            names[rng.Next(k)] = Escaped[rng.Next(Escaped.Length)];
        }
        var a = Enumerable.Range(0, k).Select(_ => (3 * rng.NextDouble()) - 1).ToArray();
        var c = TestGames.RandomPsd(rng, k, 0.05 + rng.NextDouble());
        // Diversity up to 4: many homogeneous equilibria are then unstable (the specialisation mode fails).
        var lambda = new IncentiveCoefficients(0.2 + rng.NextDouble(), 0.1 + rng.NextDouble(), 4.0 * rng.NextDouble());
        return AlignmentGame.Create(names, a, c, agents, lambda, rng.Next(2) == 0 ? null : TestGames.RandomPsd(rng, k, 0.1));
    }

    [Fact]
    public void Writes_the_writers_bytes_or_declines_with_nothing_written()
    {
        int written = 0, declined = 0;
        var labels = new HashSet<StabilityLabel>();
        var statuses = new HashSet<EquilibriumStatus>();
        Gen.Select(Gen.Int[0, 1_000_000], Gen.Int[2, 8], Gen.Int[1, 6], Gen.Int[0, 4]).Sample((seed, k, agents, kind) =>
        {
            var rng = new Random(seed);
            bool escapedName = kind == 4;
            var eq = EquilibriumSolver.Solve(Game(rng, k, agents, escapedName));
            var id = (kind % 4) switch
            {
                0 => new JsonLinesRecordId(null, false),
                1 => new JsonLinesRecordId(seed.ToString(System.Globalization.CultureInfo.InvariantCulture), true),
                2 => new JsonLinesRecordId("1.5e+3", true),
                _ => new JsonLinesRecordId(rng.Next(2) == 0 ? "g-" + seed : Escaped[rng.Next(Escaped.Length)], false),
            };
            double threshold = rng.Next(3) == 0 ? 0.01 : Math.Max(1e-9, rng.NextDouble() * 0.6);
            var buffer = new ArrayBufferWriter<byte>();
            buffer.Write("prefix,"u8);
            bool wrote = AnswerLine.TryWrite(buffer, seed + 1L, id, eq, threshold);
            string expected = Writer(seed + 1L, id, eq, threshold);
            bool plain = eq.Game.Subpopulations.All(s => AnswerLine.IsVerbatim(s.Name)) && (id.Text is null || id.IsNumber || AnswerLine.IsVerbatim(id.Text));
            wrote.Should().Be(plain, "it declines exactly when a name or the id would be escaped");
            if (wrote)
            {
                Encoding.UTF8.GetString(buffer.WrittenSpan).Should().Be("prefix," + expected);
                written++;
                labels.Add(eq.Stability.Label);
                statuses.Add(eq.Status);
            }
            else
            {
                buffer.WrittenCount.Should().Be(7, "nothing is written when it declines");
                declined++;
            }
        }, iter: 600);
        written.Should().BeGreaterThan(300);
        declined.Should().BeGreaterThan(50);
        labels.Should().Contain([StabilityLabel.Stable, StabilityLabel.Unstable]);
        statuses.Should().Contain([EquilibriumStatus.Interior, EquilibriumStatus.Boundary]);
    }

    [Fact]
    public void The_verbatim_characters_are_those_the_default_encoder_leaves_alone()
    {
        for (char c = '\0'; c < 256; c++)
        {
            string s = c.ToString();
            bool unchanged = JsonSerializer.Serialize(s) == "\"" + s + "\"";
            AnswerLine.IsVerbatim(s).Should().Be(unchanged, $"U+{(int)c:X4}");
        }
        AnswerLine.IsVerbatim("\uD83D\uDE00").Should().BeFalse();
    }
}

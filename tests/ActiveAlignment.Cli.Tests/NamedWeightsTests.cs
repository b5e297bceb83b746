using System.Globalization;
using System.Text;
using System.Text.Json;
using ActiveAlignment.Cli;
using ActiveAlignment.Serialization;
using CsCheck;

namespace ActiveAlignment.Tests.Cli;

/// <summary>
/// <c>--target</c> and <c>--observed</c> lists: any group name can be given (escaped or as a JSON object), and every invalid
/// list is refused with the actual reason.
/// </summary>
public class NamedWeightsTests
{
    private static readonly Gen<string> Names = Gen.String[Gen.Int[0, 8].Select(i => "ab,=\\ é{\""[i]), 1, 8]
        .Where(s => s.Trim().Length > 0 && s.Trim() == s);

    // Escaping written out here independently of NamedWeights.Quote: every \ , = { gets a backslash (a list that starts
    // with an unescaped { is a JSON object).
    private static string Escape(string name)
    {
        var sb = new StringBuilder();
        foreach (char c in name)
        {
            if (c is '\\' or ',' or '=' or '{')
            {
                sb.Append('\\');
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    [Fact]
    public void Any_names_round_trip_through_the_escaped_list_and_the_JSON_object()
    {
        Gen.Select(Names.Array[1, 5], Gen.Double[0.001, 10].Array[5]).Sample((names, raw) =>
        {
            string list = string.Join(",", names.Select((n, i) => Escape(n) + "=" + raw[i].ToString("R", CultureInfo.InvariantCulture)));
            var parsed = NamedWeights.Parse("--target", list);
            parsed.Select(p => p.Key).Should().Equal(names);
            parsed.Select(p => double.Parse(p.Value, CultureInfo.InvariantCulture)).Should().Equal(raw.Take(names.Length));

            // The JSON object form needs no escaping; duplicate names are kept (the command refuses them).
            string json = "{" + string.Join(",", names.Select((n, i) => JsonSerializer.Serialize(n) + ":" + raw[i].ToString("R", CultureInfo.InvariantCulture))) + "}";
            NamedWeights.Parse("--target", json).Select(p => p.Key).Should().Equal(names);
        });
    }

    [Fact]
    public void A_name_with_equals_works_unescaped_because_the_last_equals_separates()
    {
        var parsed = NamedWeights.Parse("--observed", "x=y=0.5, p=0.5");
        parsed.Select(p => p.Key).Should().Equal("x=y", "p");
        parsed.Select(p => p.Value).Should().Equal("0.5", "0.5");
    }

    [Fact]
    public void Steer_and_infer_accept_names_with_comma_equals_and_backslash()
    {
        using var dir = new TempDir();
        string game = dir.File("g.json", """
            { "subpopulations": [ { "name": "a,b", "attractiveness": 0.5 }, { "name": "x=y", "attractiveness": 0.3 },
                                  { "name": "back\\slash", "attractiveness": 0.2 } ],
              "inconsistency": [[1.0, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]],
              "agents": 4, "coefficients": { "attractiveness": 1.0, "consistency": 0.5, "diversity": 0.3 } }
            """);
        var escaped = CliRun.Of("steer", game, "--target", @"a\,b=0.4,x\=y=0.3,back\\slash=0.3", "--json").Json();
        var json = CliRun.Of("steer", game, "--target", """{"a,b": 0.4, "x=y": 0.3, "back\\slash": 0.3}""", "--json").Json();
        escaped.GetProperty("subsidyToTarget").GetProperty("back\\slash").GetDouble().Should().BeApproximately(0.17, 1e-12);
        json.GetProperty("subsidyToTarget").GetRawText().Should().Be(escaped.GetProperty("subsidyToTarget").GetRawText());

        var infer = CliRun.Of("infer", game, "--observed", @"a\,b=0.5,x=y=0.5", "--json").Json();
        infer.GetRawText().Should().Contain("\"a,b\"");
    }

    [Theory]
    [InlineData("left=0.5,center=0.5,right=0", "*--target: right = 0; a target gives every group a weight > 0*")]
    [InlineData("left=1.2,center=-0.1,right=-0.1", "*--target: center = -0.1; a target gives every group a weight > 0*")]
    [InlineData("left=0.5,center=0.3,right=0.3", "*--target: the weights must sum to 1 within 1e-9; they sum to 1.1*")]
    [InlineData("left=nan,center=0.5,right=0.5", "*the weight of left, 'nan', is not a decimal number a double holds*")]
    [InlineData("left=1e999,center=0.5,right=0.5", "*the weight of left, '1e999', is not a decimal number a double holds*")]
    [InlineData("left=0.4,center=0.3", "*give a weight for every group; right is missing*")]
    [InlineData("left=0.4,center=0.3,right=0.3,left=0.1", "*--target: left appears twice*")]
    [InlineData("left=0.4,,center=0.3,right=0.3", "*--target: an empty item at character 10*")]
    [InlineData("left=0.4,center=0.3,right=0.3,", "*--target: an empty item at character 31*")]
    [InlineData("left=0.4,centre=0.3,right=0.3", "*--target: no group is called centre; the groups are left, center, right*")]
    [InlineData("left=0.4,center,right=0.3", "*'center' is not NAME=W (no '=')*")]
    [InlineData("left=0.4,center=,right=0.3", "*'center=' has no weight after '='*")]
    [InlineData("left=0.4,=0.3,right=0.3", "*'=0.3' has no name before '='*")]
    [InlineData(@"left=0.4,center=0.3,right\", "*ends in a lone backslash*")]
    [InlineData("""{"left": "0.4"}""", "*the weight of \"left\" must be a JSON number, not string*")]
    [InlineData("[1,2]", "*'[1' is not NAME=W*")]
    [InlineData("{", "*--target: not a JSON object*")]
    public void Steer_states_the_actual_reason_a_target_is_invalid(string target, string message)
    {
        CliRun.WithStdin(GameSamples.Example, "steer", "-", "--target", target).ShouldFailWith(2, message);
    }
}

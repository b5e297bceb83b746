using ActiveAlignment.Serialization;

namespace ActiveAlignment.Tests.Serialization;

public class GameJsonTests
{
    internal const string Example = GameSamples.Example;

    private static string Replace(string from, string to)
    {
        Example.Should().Contain(from);
        return Example.Replace(from, to, StringComparison.Ordinal);
    }

    private static void ShouldFail(string json, string message, string path)
    {
        var act = () => GameJson.Read(json, "game.json");
        var error = act.Should().Throw<GameFormatException>().Which;
        error.Message.Should().Match(message);
        error.JsonPath.Should().Be(path);
    }

    [Fact]
    public void Read_IssueExample_IsTheWorkedExample()
    {
        var game = GameJson.Read(Example);

        game.Names.Should().Equal("left", "center", "right");
        game.Agents.Should().Be(4);
        game.SimilarityGiven.Should().BeFalse();
        game.Similarity.IsIdentity.Should().BeTrue();
        ClosedFormSolverWeights(game).Should().Equal(ClosedFormSolverWeights(TestGames.WorkedExample()));
    }

    private static IReadOnlyList<double> ClosedFormSolverWeights(AlignmentGame g) => ActiveAlignment.Equilibria.ClosedFormSolver.Solve(g).Weights!;

    [Fact]
    public void WriteThenRead_RandomGames_RoundTripExactly()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var game = TestGames.Random(new Random(seed), 2 + (seed % 7), 1 + (seed % 4), seed % 2 == 0, 1.0);
            string text = GameJson.Write(game);
            var back = GameJson.Read(text);

            back.Names.Should().Equal(game.Names);
            back.Attractiveness.ToArray().Should().Equal(game.Attractiveness.ToArray());
            back.Inconsistency.Should().Be(game.Inconsistency);
            back.Similarity.Should().Be(game.Similarity);
            back.SimilarityGiven.Should().Be(game.SimilarityGiven);
            back.Agents.Should().Be(game.Agents);
            back.Coefficients.Should().Be(game.Coefficients);
            GameJson.Write(back).Should().Be(text);
        }
    }

    [Fact]
    public void Read_SimilarityAbsent_IsIdentity()
    {
        var game = GameJson.Read(Replace("\"similarity\": null,", ""));
        game.SimilarityGiven.Should().BeFalse();
    }

    [Fact]
    public void Read_MisspelledProperty_IsAnErrorWithHint()
        => ShouldFail(Replace("\"coefficients\"", "\"coefficents\""),
            "game.json: unknown property \"coefficents\" (did you mean \"coefficients\"?)*", "coefficents");

    [Fact]
    public void Read_UnknownNestedProperty_NamesPath()
        => ShouldFail(Replace("\"diversity\": 0.3", "\"diversity\": 0.3, \"reach\": 1"),
            "game.json: unknown property \"coefficients.reach\"*", "coefficients.reach");

    [Fact]
    public void Read_MissingCoefficient_NamesPath()
        => ShouldFail(Replace(", \"diversity\": 0.3", ""),
            "game.json: missing required property \"coefficients.diversity\".", "coefficients.diversity");

    [Fact]
    public void Read_AsymmetricMatrix_NamesWorstPairLikeTheCli()
        => ShouldFail(Replace("[0.1, 0.2, 1.2]", "[0.3, 0.2, 1.2]"),
            "game.json: inconsistency[2][0] = 0.3 but inconsistency[0][2] = 0.1; the matrix must be symmetric*", "inconsistency");

    [Fact]
    public void Read_RaggedRow_NamesRow()
        => ShouldFail(Replace("[0.2, 0.5, 0.2]", "[0.2, 0.5]"),
            "game.json: inconsistency[1] has 2 entries, expected 3*", "inconsistency[1]");

    [Fact]
    public void Read_StringInMatrix_NamesEntry()
        => ShouldFail(Replace("[0.2, 0.5, 0.2]", "[0.2, \"x\", 0.2]"),
            "game.json: inconsistency[1][1] must be a finite number, but is the string \"x\".", "inconsistency[1][1]");

    [Fact]
    public void Read_FractionalAgents_IsAnError()
        => ShouldFail(Replace("\"agents\": 4", "\"agents\": 2.5"), "game.json: agents = 2.5; it must be an integer >= 1.", "agents");

    [Fact]
    public void Read_ZeroAgents_IsAnError()
        => ShouldFail(Replace("\"agents\": 4", "\"agents\": 0"), "game.json: agents = 0; it must be an integer >= 1.", "agents");

    [Fact]
    public void Read_NegativeCoefficient_NamesPath()
        => ShouldFail(Replace("\"consistency\": 0.5", "\"consistency\": -0.5"),
            "game.json: coefficients.consistency = -0.5; it must be a finite number >= 0.", "coefficients.consistency");

    [Fact]
    public void Read_DuplicateName_NamesBoth()
        => ShouldFail(Replace("\"right\"", "\"left\""),
            "game.json: subpopulations[2].name \"left\" repeats subpopulations[0].name; names must be unique.", "subpopulations[2].name");

    [Fact]
    public void Read_EmptyName_NamesPath()
        => ShouldFail(Replace("\"center\"", "\"\""), "game.json: subpopulations[1].name is empty; it must be a non-empty string.", "subpopulations[1].name");

    [Fact]
    public void Read_SimilarityOfWrongSize_StatesSizes()
        => ShouldFail(Replace("\"similarity\": null", "\"similarity\": [[1, 0], [0, 1]]"),
            "game.json: similarity has 2 rows, expected 3x3 for 3 subpopulations.", "similarity");

    [Fact]
    public void Read_OneSubpopulation_IsAnError()
        => ShouldFail("""{"subpopulations": [{"name": "a", "attractiveness": 1}]}""",
            "game.json: subpopulations has 1 entries; it needs at least 2.", "subpopulations");

    [Fact]
    public void Read_MalformedJson_GivesLine()
        => ShouldFail("{\n  \"agents\": 4,,\n}", "game.json: not valid JSON at line 2*", "$");

    [Fact]
    public void Read_NotAnObject_IsAnError()
        => ShouldFail("[1, 2]", "game.json: the document must be a JSON object, but is an array.", "$");
}

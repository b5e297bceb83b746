using ActiveAlignment.Equilibria;
using ActiveAlignment.Populations;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Tests.Populations;

public class PopulationTests
{
    internal static PopulationGame RandomPopulation(int seed, int k, int classes, double spread, bool identity)
    {
        var rng = new Random(seed);
        var baseGame = TestGames.Random(rng, k, 2, identity, spread);
        var definitions = new List<AgentClassDefinition>();
        for (int c = 0; c < classes; c++)
        {
            var lambda = new IncentiveCoefficients(0.2 + rng.NextDouble(), 0.2 + rng.NextDouble(), 1.5 * rng.NextDouble());
            double[]? a = c % 2 == 1 ? Enumerable.Range(0, k).Select(_ => spread * rng.NextDouble()).ToArray() : null;
            double[,]? ci = c % 3 == 2 ? TestGames.RandomPsd(rng, k, 0.2) : null;
            definitions.Add(new AgentClassDefinition($"class{c}", 1 + rng.Next(4), lambda, a, ci));
        }
        return PopulationGame.Create(baseGame.Subpopulations, baseGame.Inconsistency, definitions, null, baseGame.SimilarityGiven ? baseGame.Similarity : null);
    }

    private static void ShouldBeCertified(PopulationEquilibrium eq)
    {
        eq.Status.Should().BeOneOf(EquilibriumStatus.Interior, EquilibriumStatus.Boundary);
        eq.NashGapCertified.Should().BeTrue();
        eq.NashGap.Should().BeLessThanOrEqualTo(1e-10 * eq.Game.Scale);
        eq.KktResidual.Should().BeLessThanOrEqualTo(1e-10 * eq.Game.Scale);
        eq.IsCertifiedEquilibrium.Should().BeTrue();
        foreach (var w in eq.ClassWeights)
        {
            w.Should().OnlyContain(x => x >= 0);
            w.Sum().Should().BeApproximately(1.0, 1e-12);
        }
    }

    [Theory]
    [InlineData(0, 0.05)]
    [InlineData(1, 20.0)]
    [InlineData(2, 0.05)]
    [InlineData(3, 20.0)]
    public void Solve_OneClass_ReproducesTheHomogeneousSolver(int seed, double spread)
    {
        var game = TestGames.Random(new Random(seed), 4 + seed, 3, seed % 2 == 0, spread);
        var homogeneous = EquilibriumSolver.Solve(game);

        var population = PopulationSolver.Solve(PopulationGame.FromGame(game));

        population.Status.Should().Be(homogeneous.Status);
        population.ClosedForm.Should().Be(homogeneous.ClosedForm.Status);
        for (int k = 0; k < game.Count; k++)
        {
            population.ClassWeights[0][k].Should().BeApproximately(homogeneous.Weights[k], 1e-13);
        }
        population.Multipliers[0].Should().BeApproximately(homogeneous.Multiplier, 1e-12);
        population.Uniqueness.UniqueEquilibrium.Should().Be(homogeneous.Uniqueness.UniqueEquilibrium);
        ShouldBeCertified(population);
    }

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 24; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_SeededRandomPopulations_AreCertified(int seed)
    {
        var population = RandomPopulation(seed, 3 + (seed % 8), 2 + (seed % 4), seed % 3 == 0 ? 0.05 : 8.0, seed % 2 == 0);

        var eq = PopulationSolver.Solve(population);

        ShouldBeCertified(eq);
    }

    [Fact]
    public void Solve_SeededRandomPopulations_CoverInteriorAndBoundary()
    {
        var statuses = Enumerable.Range(0, 24).Select(seed =>
            PopulationSolver.Solve(RandomPopulation(seed, 3 + (seed % 8), 2 + (seed % 4), seed % 3 == 0 ? 0.05 : 8.0, seed % 2 == 0)).Status).ToList();
        statuses.Should().Contain(EquilibriumStatus.Interior).And.Contain(EquilibriumStatus.Boundary);
    }

    [Fact]
    public void ClosedForm_TwoClasses_SatisfiesEachClassStationarity()
    {
        var population = RandomPopulation(5, 6, 2, 0.05, identity: true);
        var closedForm = PopulationSolver.ClosedForm(population);
        closedForm.Status.Should().Be(ClosedFormStatus.Interior);
        int n = population.Agents, k = population.Count;
        var u = new double[k];
        for (int c = 0; c < 2; c++)
        {
            for (int i = 0; i < k; i++)
            {
                u[i] += population.Classes[c].Count * closedForm.Weights![c][i];
            }
        }
        for (int c = 0; c < 2; c++)
        {
            var cls = population.Classes[c];
            var w = closedForm.Weights![c];
            for (int i = 0; i < k; i++)
            {
                // g_c = λ_A a_c − 2λ_C C_c w_c − (λ_D/(N−1)) S (u − w_c), S = I
                double g = cls.Coefficients.Attractiveness * cls.Attractiveness[i];
                for (int j = 0; j < k; j++)
                {
                    g -= 2 * cls.Coefficients.Consistency * cls.Inconsistency[i, j] * w[j];
                }
                g -= cls.Coefficients.Diversity / (n - 1) * (u[i] - w[i]);
                g.Should().BeApproximately(closedForm.Multipliers![c], 1e-12);
            }
        }
    }

    internal static PopulationGame ReasoningExample() => PopulationSamples.ReasoningExample();

    internal const string ReasoningJson = PopulationSamples.ReasoningJson;

    [Fact]
    public void Solve_ReasoningAndNonReasoningClasses_CoexistWithDifferentMixtures()
    {
        var eq = PopulationSolver.Solve(ReasoningExample());

        ShouldBeCertified(eq);
        eq.Game.Agents.Should().Be(8);
        eq.ClassWeights[0][1].Should().BeGreaterThan(eq.ClassWeights[1][1], "the reasoning class serves the centre more");
        eq.AverageWeights.Sum().Should().BeApproximately(1.0, 1e-12);
    }

    [Fact]
    public void AsymmetricDynamics_StrongDiversity_AgentsSpecialise()
    {
        // K = 2, a = (0.5, 0.5), C = I, λ_C = 0.05, λ_D = 2, N = 2: against (1, 0) the best response is (0, 1), and vice versa.
        var game = AlignmentGame.Create(["x", "y"], [0.5, 0.5], new double[,] { { 1, 0 }, { 0, 1 } }, 2, new IncentiveCoefficients(1, 0.05, 2));
        UniquenessReport.For(game).RosenCondition.Should().BeFalse();

        var result = AsymmetricDynamics.Run(PopulationGame.FromGame(game), [[0.9, 0.1], [0.2, 0.8]]);

        result.Polished.Should().BeTrue();
        result.IsAsymmetric.Should().BeTrue();
        result.Profile[0].Should().Equal(1.0, 0.0);
        result.Profile[1].Should().Equal(0.0, 1.0);
        result.NashGapReport.IsCertified.Should().BeTrue();
        result.NashGapReport.Gap.Should().BeLessThanOrEqualTo(1e-10 * game.Scale);
    }

    [Fact]
    public void AsymmetricDynamics_SymmetricStartUnderRosen_ReachesTheHomogeneousEquilibrium()
    {
        var game = TestGames.WorkedExample();
        var start = Enumerable.Range(0, 4).Select(i => i % 2 == 0 ? (double[])[0.8, 0.1, 0.1] : [0.1, 0.1, 0.8]).ToList();

        var result = AsymmetricDynamics.Run(PopulationGame.FromGame(game), start);

        var homogeneous = EquilibriumSolver.Solve(game);
        result.IsAsymmetric.Should().BeFalse();
        foreach (var w in result.Profile)
        {
            for (int k = 0; k < 3; k++)
            {
                w[k].Should().BeApproximately(homogeneous.Weights[k], 1e-12);
            }
        }
        result.NashGapReport.Gap.Should().BeLessThanOrEqualTo(1e-10);
    }

    [Fact]
    public void ReadPopulation_WriteThenRead_RoundTripsExactly()
    {
        var population = ReasoningExample();
        string text = GameJson.WritePopulation(population);
        var back = GameJson.ReadPopulation(text);

        GameJson.WritePopulation(back).Should().Be(text);
        back.Classes.Select(c => c.Name).Should().Equal("reasoning", "non-reasoning");
        back.Classes[1].HasOwnAttractiveness.Should().BeTrue();
        back.Classes[1].HasOwnCoefficients.Should().BeFalse();
        back.Classes[1].Coefficients.Should().Be(new IncentiveCoefficients(1.0, 0.5, 0.3));
    }

    [Fact]
    public void ReadPopulation_IntegerAgents_IsOneHomogeneousClass()
        => GameJson.ReadPopulation(Serialization.GameJsonTests.Example).IsHomogeneous.Should().BeTrue();

    [Fact]
    public void Read_ListOfClasses_PointsToReadPopulation()
    {
        var act = () => GameJson.Read(PopulationTests.ReasoningJson, "mixed.json");
        act.Should().Throw<GameFormatException>().WithMessage("mixed.json: agents is a list of agent classes: read this file as a population*");
    }

    [Theory]
    [InlineData("\"count\": 3", "\"count\": 0", "mixed.json: agents[0].count = 0; it must be an integer >= 1.")]
    [InlineData("\"attractiveness\": [0.7, 0.1, 0.4]", "\"attractiveness\": [0.7, 0.1]", "mixed.json: agents[1].attractiveness has 2 entries, expected 3 for 3 subpopulations.")]
    [InlineData("\"name\": \"non-reasoning\"", "\"name\": \"reasoning\"", "mixed.json: agents[1].name \"reasoning\" repeats agents[0].name; class names must be unique.")]
    [InlineData("\"count\": 5,", "\"count\": 5, \"size\": 1,", "mixed.json: unknown property \"agents[1].size\"*")]
    public void ReadPopulation_InvalidClass_NamesThePath(string from, string to, string message)
    {
        var act = () => GameJson.ReadPopulation(ReasoningJson.Replace(from, to, StringComparison.Ordinal), "mixed.json");
        act.Should().Throw<GameFormatException>().WithMessage(message);
    }

    [Fact]
    public void ReadPopulation_ClassWithoutCoefficientsAndNoDefault_IsAnError()
    {
        string json = ReasoningJson.Replace("\"coefficients\": { \"attractiveness\": 1.0, \"consistency\": 0.5, \"diversity\": 0.3 },", "", StringComparison.Ordinal);
        var act = () => GameJson.ReadPopulation(json, "mixed.json");
        act.Should().Throw<GameFormatException>().WithMessage("mixed.json: agents[1] has no \"coefficients\" and the file has no top-level \"coefficients\"*");
    }
}

using ActiveAlignment.Equilibria;

namespace ActiveAlignment.Tests.Equilibria;

/// <summary>Seeded random games (K from 2 to 60, interior and boundary, identity and general S, N = 1 and N &gt; 1).</summary>
public class RandomGameCertificateTests
{
    private static readonly int[] Sizes = [2, 3, 4, 5, 7, 12, 20, 33, 60];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (int seed = 0; seed < 72; seed++)
        {
            data.Add(seed);
        }
        return data;
    }

    private static AlignmentGame GameFor(int seed)
    {
        var rng = new Random(seed);
        int k = Sizes[seed % Sizes.Length];
        int agents = ((seed / Sizes.Length) % 3) switch { 0 => 1, 1 => 2, _ => 7 };
        bool identity = seed % 2 == 0;
        // Small spreads of attractiveness keep the equilibrium interior; large ones push it to the boundary.
        double spread = (seed / 4) % 2 == 0 ? 0.05 : 20.0;
        return TestGames.Random(rng, k, agents, identity, spread);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_SeededRandomGame_ReturnsCertifiedEquilibrium(int seed)
    {
        var game = GameFor(seed);

        var eq = EquilibriumSolver.Solve(game);

        eq.ShouldBeCertified();
        if (eq.ClosedForm.Status == ClosedFormStatus.Interior)
        {
            eq.Status.Should().Be(EquilibriumStatus.Interior);
            eq.Weights.Should().Equal(eq.ClosedForm.Weights);
        }
        else
        {
            eq.ClosedForm.Status.Should().Be(ClosedFormStatus.NoInterior);
            eq.Status.Should().Be(EquilibriumStatus.Boundary);
            eq.Support.Count.Should().BeLessThan(game.Count);
        }
    }

    [Fact]
    public void Solve_SeededRandomGames_CoverBothInteriorAndBoundaryAnswers()
    {
        var statuses = Enumerable.Range(0, 72).Select(seed => EquilibriumSolver.Solve(GameFor(seed)).Status).ToList();

        statuses.Should().HaveCount(72);
        statuses.Count(s => s == EquilibriumStatus.Interior).Should().BeGreaterThan(10);
        statuses.Count(s => s == EquilibriumStatus.Boundary).Should().BeGreaterThan(10);
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(150, 2)]
    public void Solve_LargeBoundaryGame_IsExactToRounding(int k, int seed)
    {
        var game = TestGames.Random(new Random(seed), k, agents: 5, identitySimilarity: false, attractivenessSpread: 50.0);

        var eq = EquilibriumSolver.Solve(game);

        eq.Status.Should().Be(EquilibriumStatus.Boundary);
        eq.ShouldBeCertified();
        eq.KktResidual.Should().BeLessThan(1e-12 * game.Scale);
    }
}

using ActiveAlignment.Equilibria;

namespace ActiveAlignment.Tests;

public class WorkedExampleTests
{
    [Fact]
    public void ClosedForm_WorkedExample_MatchesExactFractions()
    {
        var solution = ClosedFormSolver.Solve(TestGames.WorkedExample());

        solution.Status.Should().Be(ClosedFormStatus.Interior);
        solution.Weights!.Count.Should().Be(3);
        solution.Weights[0].Should().BeApproximately(127.0 / 298, 1e-12);
        solution.Weights[1].Should().BeApproximately(126.0 / 298, 1e-12);
        solution.Weights[2].Should().BeApproximately(45.0 / 298, 1e-12);
        solution.Multiplier!.Value.Should().BeApproximately(-229.0 / 1490, 1e-12);
    }

    [Fact]
    public void Solve_WorkedExample_IsCertifiedInteriorEquilibrium()
    {
        var eq = EquilibriumSolver.Solve(TestGames.WorkedExample());

        eq.Status.Should().Be(EquilibriumStatus.Interior);
        eq.ShouldBeCertified();
        eq.WeightOf("center").Should().BeApproximately(126.0 / 298, 1e-12);
        eq.Multiplier.Should().BeApproximately(-229.0 / 1490, 1e-12);
        eq.Support.Should().Equal(0, 1, 2);
        eq.Iterations.Should().Be(0);
        eq.Uniqueness.HomogeneousUnique.Should().BeTrue();
        eq.Uniqueness.UniqueEquilibrium.Should().BeTrue();
        eq.Excluded().Should().BeEmpty();
    }

    [Fact]
    public void ToString_ResultTypes_SaySomethingUseful()
    {
        var eq = EquilibriumSolver.Solve(TestGames.WorkedExample());
        eq.ToString().Should().StartWith("Interior: left 0.426174, center 0.422819, right 0.151007; Nash gap ").And.Contain("(certified;");
        eq.ClosedForm.ToString().Should().StartWith("Interior (reciprocal condition 0.49");
        ActiveAlignment.Steering.MinimumDiversity.Find(TestGames.WorkedExample(), 0.2, 10).ToString().Should().StartWith("raising diversity from 0.3 to 0.736396 brings every group to at least 0.2");
    }
}

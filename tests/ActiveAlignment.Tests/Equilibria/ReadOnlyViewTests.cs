namespace ActiveAlignment.Tests.Equilibria;

/// <summary>An answer's lists are views the caller cannot write through: casting back to the array behind them fails.</summary>
public class ReadOnlyViewTests
{
    [Fact]
    public void Weights_and_support_cannot_be_cast_back_and_changed()
    {
        var eq = EquilibriumSolver.Solve(TestGames.WorkedExample());
        double right = eq.WeightOf("right");

        eq.Weights.Should().NotBeAssignableTo<double[]>();
        eq.Support.Should().NotBeAssignableTo<int[]>().And.NotBeAssignableTo<List<int>>();
        var asList = (IList<double>)eq.Weights;
        asList.IsReadOnly.Should().BeTrue();
        var write = () => asList[2] = 0.99;
        write.Should().Throw<NotSupportedException>();

        eq.WeightOf("right").Should().Be(right);
        eq.Weights[2].Should().Be(right);
    }
}

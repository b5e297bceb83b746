namespace ActiveAlignment.Tests;

/// <summary>Every rule of docs/model.md#objects, with its message.</summary>
public class ValidationTests
{
    private static readonly double[,] I3 = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    private static readonly IncentiveCoefficients Lambda = new(1, 1, 1);

    [Fact]
    public void Create_OneSubpopulation_ThrowsNamingK()
    {
        var act = () => AlignmentGame.Create(["only"], [1.0], new double[,] { { 1 } }, 2, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage("*K >= 2*").Which.ParamName.Should().Be("subpopulations");
    }

    [Fact]
    public void Create_RepeatedName_ThrowsNamingBothEntries()
    {
        var act = () => AlignmentGame.Create(["a", "b", "a"], [1.0, 2, 3], I3, 2, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage("subpopulations[2].name \"a\" repeats subpopulations[0].name; names must be unique.*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_EmptyName_Throws(string name)
    {
        var act = () => AlignmentGame.Create(["a", name, "c"], [1.0, 2, 3], I3, 2, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage("names[1] is empty*");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Create_NonFiniteAttractiveness_Throws(double value)
    {
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, value, 3], I3, 2, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage("attractiveness[1] = * it must be a finite number.*");
    }

    [Fact]
    public void Create_NonFiniteMatrixEntry_ThrowsNamingEntry()
    {
        var c = (double[,])I3.Clone();
        c[2, 1] = double.NaN;
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, 2, 3], c, 2, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage("inconsistency[2][1] = NaN; every entry must be a finite number.*");
    }

    [Fact]
    public void Create_AsymmetricInconsistency_NamesWorstPair()
    {
        var c = new double[,] { { 1.0, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.3, 0.2, 1.2 } };
        c[1, 0] = 0.2000001; // a smaller asymmetry elsewhere: the worst pair is (2, 0)
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, 2, 3], c, 2, Lambda);
        act.Should().Throw<ArgumentException>()
            .WithMessage("inconsistency[2][0] = 0.3 but inconsistency[0][2] = 0.1; the matrix must be symmetric*");
    }

    [Fact]
    public void Create_AsymmetryWithinTolerance_IsAcceptedAndKeptExactly()
    {
        var c = (double[,])I3.Clone();
        c[0, 1] = 1e-11;
        var game = AlignmentGame.Create(["a", "b", "c"], [1.0, 2, 3], c, 2, Lambda);
        game.Inconsistency[0, 1].Should().Be(1e-11);
        game.Inconsistency[1, 0].Should().Be(0);
    }

    [Fact]
    public void Symmetrize_Asymmetric_ReturnsAverage()
    {
        var m = SymmetricMatrix.Symmetrize(new double[,] { { 1, 2 }, { 4, 1 } });
        m[0, 1].Should().Be(3);
        m[1, 0].Should().Be(3);
    }

    [Fact]
    public void Create_AsymmetricSimilarity_NamesSimilarity()
    {
        var s = new double[,] { { 1, 0.5, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, 2, 3], I3, 2, Lambda, s);
        act.Should().Throw<ArgumentException>().WithMessage("similarity[1][0] = 0 but similarity[0][1] = 0.5; the matrix must be symmetric*");
    }

    [Fact]
    public void Create_WrongInconsistencySize_StatesActualAndExpected()
    {
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, 2, 3], new double[,] { { 1, 0 }, { 0, 1 } }, 2, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage("inconsistency is 2x2, expected 3x3 for 3 subpopulations.*");
    }

    [Fact]
    public void Create_NonSquareMatrix_Throws()
    {
        var act = () => SymmetricMatrix.Create(new double[2, 3], "inconsistency");
        act.Should().Throw<ArgumentException>().WithMessage("inconsistency is 2x3; it must be square and non-empty.*");
    }

    [Fact]
    public void Create_WrongSimilaritySize_StatesActualAndExpected()
    {
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, 2, 3], I3, 2, Lambda, new double[,] { { 1 } });
        act.Should().Throw<ArgumentException>().WithMessage("similarity is 1x1, expected 3x3 for 3 subpopulations.*");
    }

    [Fact]
    public void Create_AttractivenessLengthMismatch_Throws()
    {
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, 2], I3, 2, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage("attractiveness has length 2, expected 3 for 3 subpopulations.*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Create_FewerThanOneAgent_Throws(int agents)
    {
        var act = () => AlignmentGame.Create(["a", "b", "c"], [1.0, 2, 3], I3, agents, Lambda);
        act.Should().Throw<ArgumentException>().WithMessage($"agents must be an integer >= 1, but was {agents}.*");
    }

    [Theory]
    [InlineData(-0.1, 1, 1, "attractiveness")]
    [InlineData(1, double.NaN, 1, "consistency")]
    [InlineData(1, 1, double.PositiveInfinity, "diversity")]
    public void Coefficients_NegativeOrNonFinite_ThrowNamingCoefficient(double a, double c, double d, string name)
    {
        var act = () => new IncentiveCoefficients(a, c, d);
        act.Should().Throw<ArgumentException>().WithMessage($"{name} must be a finite number >= 0, but was *").Which.ParamName.Should().Be(name);
    }

    [Fact]
    public void IndexOf_UnknownName_ListsTheNames()
    {
        var act = () => TestGames.WorkedExample().IndexOf("centre");
        act.Should().Throw<KeyNotFoundException>().WithMessage("No subpopulation is called \"centre\"; the names are: left, center, right.");
    }

    [Fact]
    public void Excluded_ThresholdOutsideUnitInterval_Throws()
    {
        var eq = EquilibriumSolver.Solve(TestGames.WorkedExample());
        var act = () => eq.Excluded(1.5);
        act.Should().Throw<ArgumentException>().WithMessage("threshold must lie in the open interval (0, 1), but was 1.5.*");
    }
}

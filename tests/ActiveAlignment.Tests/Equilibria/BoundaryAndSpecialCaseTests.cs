using ActiveAlignment.Equilibria;

namespace ActiveAlignment.Tests.Equilibria;

public class BoundaryAndSpecialCaseTests
{
    /// <summary>
    /// Derived by hand. K = 2, a = (3, 0), C = I, S = I, N = 3, λ = (1, 0.5, 0.4): M = 2·0.5·I + 0.4·I = 1.4 I and
    /// F(w) = (3 − 1.4 w₁, −1.4 w₂). The interior candidate solves 3 − 1.4p = −1.4(1 − p), p = 4.4/2.8 = 11/7 &gt; 1, so
    /// w* = (11/7, −4/7): no interior equilibrium. On the boundary w = (1, 0): ν = F₁ = 1.6 and F₂ = 0 ≤ ν, so the KKT
    /// conditions hold and, ZᵀMZ = 1.4 &gt; 0, it is the unique homogeneous equilibrium.
    /// </summary>
    [Fact]
    public void Solve_TwoGroupGameDerivedByHand_ReturnsVertexWithMultiplier()
    {
        var game = AlignmentGame.Create(["majority", "minority"], [3.0, 0.0], new double[,] { { 1, 0 }, { 0, 1 } }, 3,
            new IncentiveCoefficients(1.0, 0.5, 0.4));

        var eq = EquilibriumSolver.Solve(game);

        eq.ClosedForm.Status.Should().Be(ClosedFormStatus.NoInterior);
        eq.ClosedForm.Weights![0].Should().BeApproximately(11.0 / 7, 1e-14);
        eq.ClosedForm.Weights[1].Should().BeApproximately(-4.0 / 7, 1e-14);
        eq.Status.Should().Be(EquilibriumStatus.Boundary);
        eq.Weights.Should().Equal(1.0, 0.0);
        eq.Multiplier.Should().BeApproximately(1.6, 1e-14);
        eq.SupportNames.Should().Equal("majority");
        eq.Excluded().Should().Equal("minority");
        eq.ShouldBeCertified();
    }

    /// <summary>K = 3, a = (1, 1, −1), C = I, λ = (1, 0.5, 0): F = a − w; the face {0, 1} gives w = (½, ½, 0), ν = ½, F₂ = −1 ≤ ½.</summary>
    [Fact]
    public void Solve_ThreeGroupsWithOneUnattractive_ReturnsTwoGroupFace()
    {
        var game = AlignmentGame.Create(["a", "b", "c"], [1.0, 1.0, -1.0], new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, 2,
            new IncentiveCoefficients(1.0, 0.5, 0.0));

        var eq = EquilibriumSolver.Solve(game);

        eq.Status.Should().Be(EquilibriumStatus.Boundary);
        eq.Weights[0].Should().BeApproximately(0.5, 1e-15);
        eq.Weights[1].Should().BeApproximately(0.5, 1e-15);
        eq.Weights[2].Should().Be(0.0);
        eq.Multiplier.Should().BeApproximately(0.5, 1e-15);
        eq.ShouldBeCertified();
    }

    [Fact]
    public void ClosedForm_NoQuadraticTerm_IsSingularAndSolverReturnsBestVertex()
    {
        var game = AlignmentGame.Create(["a", "b", "c"], [0.2, 0.7, 0.1], new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, 3,
            new IncentiveCoefficients(1.0, 0.0, 0.0));

        var closedForm = ClosedFormSolver.Solve(game);
        var eq = EquilibriumSolver.Solve(game);

        closedForm.Status.Should().Be(ClosedFormStatus.Singular);
        closedForm.ReciprocalCondition.Should().Be(0);
        closedForm.Weights.Should().BeNull();
        closedForm.Multiplier.Should().BeNull();
        eq.Weights.Should().Equal(0.0, 1.0, 0.0);
        eq.Multiplier.Should().BeApproximately(0.7, 1e-15);
        eq.Uniqueness.HomogeneousUnique.Should().BeFalse();
        eq.ShouldBeCertified();
    }

    [Fact]
    public void ClosedForm_ConstantInconsistencyWithoutDiversity_IsSingular()
    {
        var c = new double[,] { { 2, 2, 2 }, { 2, 2, 2 }, { 2, 2, 2 } };
        var game = AlignmentGame.Create(["a", "b", "c"], [0.2, 0.5, 0.3], c, 1, new IncentiveCoefficients(1.0, 1.0, 5.0));

        var closedForm = ClosedFormSolver.Solve(game);

        closedForm.Status.Should().Be(ClosedFormStatus.Singular);
        closedForm.ReciprocalCondition.Should().BeLessThan(1e-12);
        var eq = EquilibriumSolver.Solve(game);
        eq.Weights.Should().Equal(0.0, 1.0, 0.0);
        eq.ShouldBeCertified();
    }

    [Fact]
    public void ClosedForm_SingularMWithRegularReducedMatrix_MatchesUnshiftedGame()
    {
        // C = I − 11ᵀ/3 is singular (C·1 = 0) but ZᵀCZ = I: the bordered system is still regular (docs/model.md#closed-form).
        double third = 1.0 / 3;
        var singular = new double[,] { { 1 - third, -third, -third }, { -third, 1 - third, -third }, { -third, -third, 1 - third } };
        var identity = new double[,] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        var lambda = new IncentiveCoefficients(0.4, 1.0, 0.0);
        var a = new[] { 0.6, 0.3, 0.1 };

        var fromSingular = ClosedFormSolver.Solve(AlignmentGame.Create(["x", "y", "z"], a, singular, 2, lambda));
        var fromIdentity = ClosedFormSolver.Solve(AlignmentGame.Create(["x", "y", "z"], a, identity, 2, lambda));

        fromSingular.Status.Should().Be(ClosedFormStatus.Interior);
        fromSingular.ReciprocalCondition.Should().BeGreaterThan(0.1);
        for (int k = 0; k < 3; k++)
        {
            fromSingular.Weights![k].Should().BeApproximately(fromIdentity.Weights![k], 1e-15);
        }
    }

    [Theory]
    [InlineData(1e-6, ClosedFormStatus.Interior)]
    [InlineData(1e-9, ClosedFormStatus.Interior)]
    [InlineData(1e-17, ClosedFormStatus.Singular)]
    public void ClosedForm_NearlySingularReducedMatrix_ClassifiesByReciprocalCondition(double epsilon, ClosedFormStatus expected)
    {
        // C = vvᵀ + ε I with v = (1, −1, 0) ∈ T: ZᵀCZ has eigenvalues 2 + ε and ε, so rcond ≈ ε / 2.
        var c = new double[,] { { 1 + epsilon, -1, 0 }, { -1, 1 + epsilon, 0 }, { 0, 0, epsilon } };
        var game = AlignmentGame.Create(["x", "y", "z"], [0.3, 0.3, 0.3 + (1e-3 * epsilon)], c, 1, new IncentiveCoefficients(1.0, 1.0, 0.0));

        var closedForm = ClosedFormSolver.Solve(game);

        closedForm.Status.Should().Be(expected);
        if (expected == ClosedFormStatus.Singular)
        {
            closedForm.ReciprocalCondition.Should().BeLessThan(1e-12);
        }
        else
        {
            closedForm.ReciprocalCondition.Should().BeInRange(epsilon / 20, epsilon);
            EquilibriumSolver.Solve(game).ShouldBeCertified();
        }
    }

    [Fact]
    public void Solve_ConcaveOnlyThroughDiversity_IsNotConcaveWithExactGap()
    {
        // C = −I: own concavity fails (κ = −1) whatever λ_D does for the homogeneous map.
        var c = new double[,] { { -1, 0, 0 }, { 0, -1, 0 }, { 0, 0, -1 } };
        var game = AlignmentGame.Create(["x", "y", "z"], [0.5, 0.4, 0.1], c, 3, new IncentiveCoefficients(1.0, 0.2, 2.0));

        var eq = EquilibriumSolver.Solve(game);

        game.OwnConcavity.IsConcave.Should().BeFalse();
        game.OwnConcavity.Kappa.Should().BeApproximately(-1.0, 1e-12);
        eq.ClosedForm.Status.Should().Be(ClosedFormStatus.NotConcave);
        eq.Status.Should().Be(EquilibriumStatus.NotConcave);
        eq.IsCertifiedEquilibrium.Should().BeFalse();
        eq.NashGapReport.IsExact.Should().BeTrue(); // K ≤ 12: exact global best response by enumeration
        eq.NashGap.Should().BeGreaterThan(0.01); // a convex own payoff makes the agent prefer a vertex
        eq.NashGapCertified.Should().BeFalse("the exact gap exceeds the tolerance, so nothing is certified");
        eq.NashGapBound.Should().BeGreaterThanOrEqualTo(eq.NashGap);
        eq.Reason.Should().Contain("own concavity fails");
    }

    [Fact]
    public void Solve_SingleAgent_IgnoresDiversity()
    {
        var one = TestGames.WorkedExample(agents: 1);
        var noDiversity = one.WithCoefficients(new IncentiveCoefficients(1.0, 0.5, 0.0));

        var a = EquilibriumSolver.Solve(one);
        var b = EquilibriumSolver.Solve(noDiversity);

        a.Weights.Should().Equal(b.Weights);
        a.ShouldBeCertified();
        one.WithCoefficients(new IncentiveCoefficients(1.0, 0.5, 50.0)).Scale.Should().Be(0.6, "λ_D is treated as 0 for N = 1, in the scale too (max(λ_A·0.5, λ_C·1.2), no floor)");
        one.WithAgents(2).WithCoefficients(new IncentiveCoefficients(1.0, 0.5, 50.0)).Scale.Should().Be(50.0);
    }

    [Fact]
    public void Uniqueness_StrongDiversityManyAgents_RulesOutOnlyAsymmetricUniqueness()
    {
        var game = TestGames.WorkedExample(agents: 2).WithCoefficients(new IncentiveCoefficients(1.0, 0.1, 5.0));

        var report = UniquenessReport.For(game);

        report.HomogeneousUnique.Should().BeTrue();
        report.RosenCondition.Should().BeFalse();
        report.UniqueEquilibrium.Should().BeFalse();
        report.Description.Should().Contain("asymmetric");
    }
}

using ActiveAlignment.Numerics;
using CsCheck;

namespace ActiveAlignment.Tests.Numerics;

public class SimplexProjectionTests
{
    [Fact]
    public void Project_KnownPoint_ReturnsKnownProjection()
    {
        // (0.5, 0.5, 0.5) − θ with θ = 1/6 → (1/3, 1/3, 1/3); (2, 0, −1) → (1, 0, 0); (0.6, 0.6, −1) → (0.5, 0.5, 0).
        SimplexProjection.Project([0.5, 0.5, 0.5]).Should().AllSatisfy(x => x.Should().BeApproximately(1.0 / 3, 1e-16));
        SimplexProjection.Project([2.0, 0.0, -1.0]).Should().Equal(1.0, 0.0, 0.0);
        SimplexProjection.Project([0.6, 0.6, -1.0]).Should().Equal(0.5, 0.5, 0.0);
    }

    [Fact]
    public void Project_RandomPoints_SatisfiesTheVariationalCharacterisation()
    {
        // x = Π(p) iff x ∈ Δ and (p − x)ᵀ(v − x) ≤ 0 for every v ∈ Δ, i.e. for every vertex.
        Gen.Double[-5, 5].Array[1, 40].Sample(p =>
        {
            var x = SimplexProjection.Project(p);
            x.Should().OnlyContain(v => v >= 0);
            x.Sum().Should().BeApproximately(1.0, 1e-12);
            double px = 0;
            for (int i = 0; i < p.Length; i++)
            {
                px += (p[i] - x[i]) * x[i];
            }
            for (int vertex = 0; vertex < p.Length; vertex++)
            {
                ((p[vertex] - x[vertex]) - px).Should().BeLessThanOrEqualTo(1e-12);
            }
        }, iter: 200);
    }

    [Fact]
    public void Project_MismatchedLengths_Throws()
    {
        var act = () => SimplexProjection.Project([1.0, 2.0], new double[3], new double[3]);
        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "point[1] = +∞*")]
    [InlineData(double.NegativeInfinity, "point[1] = -∞*")]
    public void AnInfiniteEntry_IsRefused_NotProjectedOffTheSimplex(double value, string message)
    {
        var act = () => SimplexProjection.Project([0.2, value, 0.1]);
        act.Should().Throw<ArgumentException>().WithMessage(message);
    }
}

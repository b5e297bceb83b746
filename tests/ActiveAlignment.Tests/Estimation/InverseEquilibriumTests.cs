using System.Globalization;
using ActiveAlignment.Estimation;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Tests.Estimation;

public class InverseEquilibriumTests
{
    private const string Game = """
        { "subpopulations": [ { "name": "left", "attractiveness": 0.83 }, { "name": "center", "attractiveness": 0.48 },
                              { "name": "right", "attractiveness": 0.51 } ],
          "inconsistency": [[1.0, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]], "similarity": null, "agents": 4,
          "coefficients": { "attractiveness": 1, "consistency": 0, "diversity": 0 } }
        """;

    private static InverseEquilibriumResult Infer(string game, params (string Name, string W)[] observed) =>
        InverseEquilibrium.Solve(InverseProblem.FromGameJson(game, observed.Select(o => new KeyValuePair<string, string>(o.Name, o.W))));

    [Fact]
    public void An_interior_mixture_built_from_known_coefficients_gives_exactly_those_coefficients()
    {
        // a = 2λ_C C w + λ_D w + ν 1 with w = (0.5, 0.3, 0.2), λ_C = 1/2, λ_D = 3/10, ν = 1/10, in exact decimals.
        var r = Infer(Game, ("left", "0.5"), ("center", "0.3"), ("right", "0.2"));
        r.Feasible.Should().BeTrue();
        r.Vertices.Should().Equal(new CoefficientPoint(new Rational(1, 2), new Rational(3, 10)));
        r.Rays.Should().BeEmpty();
        r.Residual.IsZero.Should().BeTrue();
    }

    [Fact]
    public void A_pure_mixture_gives_the_exact_triangle_in_boundary_order()
    {
        // w = e_left: 1.6 λ_C + λ_D <= 0.2 binds (center), 1.8 λ_C + λ_D <= 0.3 does not.
        var r = Infer(Game.Replace("0.83", "0.5").Replace("0.48", "0.3").Replace("0.51", "0.2"), ("left", "1"));
        r.Vertices.Should().Equal(new CoefficientPoint(0, 0), new CoefficientPoint(new Rational(1, 8), 0), new CoefficientPoint(0, new Rational(1, 5)));
        r.Bounded.Should().BeTrue();
    }

    [Fact]
    public void With_one_agent_diversity_is_free_and_the_set_is_unbounded_along_it()
    {
        var r = Infer(Game.Replace("0.83", "0.5").Replace("0.48", "0.3").Replace("0.51", "0.2").Replace("\"agents\": 4", "\"agents\": 1"), ("left", "1"));
        r.Rays.Should().Equal(new CoefficientPoint(0, 1));
        r.Vertices.Should().Equal(new CoefficientPoint(0, 0), new CoefficientPoint(new Rational(1, 8), 0));
    }

    [Fact]
    public void Weights_within_1e9_of_one_are_normalised_and_others_refused()
    {
        var ok = () => Infer(Game, ("left", "0.5"), ("center", "0.3"), ("right", "0.2000000005"));
        ok.Should().NotThrow();
        var bad = () => Infer(Game, ("left", "0.5"), ("center", "0.3"), ("right", "0.21"));
        bad.Should().Throw<ArgumentException>().WithMessage("*sum to 1.01*");
        var unknown = () => Infer(Game, ("lefty", "1"));
        unknown.Should().Throw<ArgumentException>().WithMessage("*'lefty' is not in the game*");
    }

    /// <summary>
    /// Forward then inverse: solve random interior games with known λ, feed the (rounded) equilibrium back, and recover λ.
    /// Rounding makes the exact set empty or tiny, so the answer is the least-violation λ: it must be within rounding of λ*.
    /// </summary>
    [Fact]
    public void Inverting_the_forward_solver_recovers_the_coefficients()
    {
        var random = new Random(11);
        int checkedGames = 0;
        for (int trial = 0; trial < 200 && checkedGames < 60; trial++)
        {
            int k = random.Next(3, 6);
            var game = TestGames.Random(random, k, 3, identitySimilarity: random.Next(2) == 0, attractivenessSpread: 0.3)
                .WithCoefficients(new IncentiveCoefficients(1, 0.2 + random.NextDouble(), 0.1 + random.NextDouble()));
            var eq = EquilibriumSolver.Solve(game);
            if (eq.Status != ActiveAlignment.Equilibria.EquilibriumStatus.Interior || eq.Weights.Min() < 0.02)
            {
                continue;
            }
            checkedGames++;
            var r = InverseEquilibrium.Solve(InverseProblem.FromGame(game, eq.Weights));
            CoefficientPoint found = r.Feasible ? r.Vertices[0] : r.LeastViolation!.Value;
            r.Residual.ToDouble().Should().BeLessThan(1e-12 * game.Scale);
            found.Consistency.ToDouble().Should().BeApproximately(game.Coefficients.Consistency, 1e-7 * game.Coefficients.Consistency);
            found.Diversity.ToDouble().Should().BeApproximately(game.Coefficients.Diversity, 1e-7 * game.Coefficients.Diversity);
        }
        checkedGames.Should().BeGreaterThan(20);
    }

    /// <summary>Every reported vertex satisfies the equilibrium conditions exactly; every least-violation answer attains its residual.</summary>
    [Fact]
    public void Answers_satisfy_the_conditions_checked_independently_in_exact_arithmetic()
    {
        var random = new Random(3);
        for (int trial = 0; trial < 150; trial++)
        {
            int k = random.Next(2, 5);
            string D() => (random.Next(0, 20) / 10.0).ToString(CultureInfo.InvariantCulture);
            var c = new string[k, k];
            for (int i = 0; i < k; i++)
            {
                for (int j = i; j < k; j++)
                {
                    c[i, j] = c[j, i] = D();
                }
            }
            var rows = Enumerable.Range(0, k).Select(i => "[" + string.Join(",", Enumerable.Range(0, k).Select(j => c[i, j])) + "]");
            string subpopulations = string.Join(",", Enumerable.Range(0, k).Select(i => "{\"name\": \"g" + i + "\", \"attractiveness\": " + D() + "}"));
            string json = "{ \"subpopulations\": [" + subpopulations + "], \"inconsistency\": [" + string.Join(",", rows) + "], " +
                "\"similarity\": null, \"agents\": 3, \"coefficients\": { \"attractiveness\": 1, \"consistency\": 1, \"diversity\": 1 } }";
            var weights = Enumerable.Range(0, k).Select(_ => random.Next(0, 4)).ToArray();
            if (weights.Sum() == 0)
            {
                weights[0] = 1;
            }
            var observed = Enumerable.Range(0, k).Select(i => new KeyValuePair<string, string>($"g{i}", $"{weights[i]}/{weights.Sum()}")).ToArray();
            var problem = InverseProblem.FromGameJson(json, observed.Select(o => new KeyValuePair<string, string>(o.Key,
                (weights[int.Parse(o.Key[1..], CultureInfo.InvariantCulture)] / (double)weights.Sum()).ToString("R", CultureInfo.InvariantCulture))));
            var r = InverseEquilibrium.Solve(problem);
            if (r.Feasible)
            {
                foreach (var v in r.Vertices)
                {
                    Violation(problem, v, out _).IsZero.Should().BeTrue($"vertex {v} of trial {trial} must make w_obs an equilibrium");
                }
            }
            else
            {
                r.Residual.Sign.Should().BePositive();
                Violation(problem, r.LeastViolation!.Value, out _).Should().Be(r.Residual);
                // No point of a grid does better than the reported optimum.
                for (int i = 0; i <= 20; i++)
                {
                    for (int j = 0; j <= 20; j++)
                    {
                        (Violation(problem, new CoefficientPoint(new Rational(i, 4), new Rational(j, 4)), out _) >= r.Residual).Should().BeTrue();
                    }
                }
            }
        }
    }

    /// <summary>min over ν of the largest violation at λ, by trying every candidate ν (each F_k and each midpoint).</summary>
    private static Rational Violation(InverseProblem p, CoefficientPoint lambda, out Rational bestNu)
    {
        int k = p.Names.Count;
        var f = new Rational[k];
        for (int i = 0; i < k; i++)
        {
            Rational cw = Rational.Zero;
            for (int j = 0; j < k; j++)
            {
                cw += p.Inconsistency[i, j] * p.Observed[j];
            }
            f[i] = p.Attractiveness[i] - (2 * lambda.Consistency * cw) - (lambda.Diversity * p.Observed[i]);
        }
        var support = Enumerable.Range(0, k).Where(i => p.Observed[i] > InverseEquilibrium.DefaultSupportThreshold).ToArray();
        var candidates = f.Concat(from x in f from y in f select (x + y) / 2).Distinct();
        Rational best = Rational.Zero;
        bestNu = Rational.Zero;
        bool first = true;
        foreach (var nu in candidates)
        {
            Rational worst = Rational.Zero;
            for (int i = 0; i < k; i++)
            {
                var d = f[i] - nu;
                var v = support.Contains(i) ? (d.Sign < 0 ? -d : d) : Rational.Max(d, Rational.Zero);
                worst = Rational.Max(worst, v);
            }
            if (first || worst < best)
            {
                (best, bestNu, first) = (worst, nu, false);
            }
        }
        return best;
    }
}

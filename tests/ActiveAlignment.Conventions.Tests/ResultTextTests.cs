using ActiveAlignment.Certificates;
using ActiveAlignment.Steering;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Tests;

/// <summary>Results print what they hold in a REPL or a log line, not their type name.</summary>
public class ResultTextTests
{
    // Plumbing that is handed to a sweep rather than printed; everything else public declares its own ToString.
    private static readonly HashSet<string> NotResults = new(StringComparer.Ordinal)
    {
        "ActiveAlignment.Sweeps.CompositeSweepSink", "ActiveAlignment.Sweeps.CsvSweepSink", "ActiveAlignment.Sweeps.FocalGridSink",
        "ActiveAlignment.Sweeps.SweepRow",
    };

    private static readonly string[] Libraries = ["ActiveAlignment", "ActiveAlignment.Numerics", "ActiveAlignment.FiniteGames", "ActiveAlignment.Plotting"];

    [Fact]
    public void Every_public_type_of_the_libraries_prints_its_own_text()
    {
        var missing = Libraries
            .SelectMany(name => System.Reflection.Assembly.Load(name).GetExportedTypes())
            .Where(t => !t.IsInterface && !t.IsEnum && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t) && !typeof(Delegate).IsAssignableFrom(t))
            .Where(t => t.GetMethod(nameof(ToString), Type.EmptyTypes)!.DeclaringType != t)
            .Select(t => t.FullName!)
            .Where(n => !NotResults.Contains(n))
            .ToList();
        missing.Should().BeEmpty("a public result type prints a summary of its values, not its type name");
    }

    [Fact]
    public void The_main_results_print_a_summary_of_their_values()
    {
        var game = TestGames.WorkedExample();
        game.ToString().Should().Be("AlignmentGame(K = 3: left, center, right; N = 4; λ = (1, 0.5, 0.3))");
        game.Inconsistency.ToString().Should().Be("[[1, 0.2, 0.1], [0.2, 0.5, 0.2], [0.1, 0.2, 1.2]]");

        var eq = EquilibriumSolver.Solve(game);
        eq.Uniqueness.ToString().Should().Be(eq.Uniqueness.Description);

        var best = BestResponse.Compute(game, eq.WeightsSpan);
        best.ToString().Should().StartWith("BestResponse(utility ").And.Contain("certified");

        var steering = SteeringReport.Analyze(game, 0.2);
        steering.ToString().Should().StartWith("SteeringReport(τ = 0.2, Interior; minimum diversity 0.736396");
        steering.SubsidyToFloor.ToString().Should().StartWith("subsidy δ = [");

        var population = ActiveAlignment.Populations.PopulationGame.FromGame(game);
        population.ToString().Should().Be("PopulationGame(K = 3: left, center, right; 4 agents in 1 class: " + population.Classes[0].Name + " × 4)");
        population.Classes[0].ToString().Should().Contain("× 4, λ = (1, 0.5, 0.3)");
        steering.Sensitivity.ToString().Should().StartWith("sensitivity ∂w/∂λ_D = [");

        var summary = ExclusionSweep.Run(game, GridAxis.Parse("consistency=0.1:1:4"), GridAxis.Parse("diversity=0:1:4"), new SweepOptions { Threshold = 0.05 });
        summary.ToString().Should().StartWith("ExclusionSummary(consistency=0.1:1:4 × diversity=0:1:4, τ = 0.05: 16 points, ");
    }
}

using ActiveAlignment.Plotting;
using ActiveAlignment.Reporting;
using ActiveAlignment.Serialization;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Tests.Reporting;

/// <summary>
/// The audit's analysis without its rendering: each game's part is what the library's own calls give, and rendering the
/// analysis gives the very report the one-call <see cref="AuditReport.Render(string, AlignmentGame, AuditReportOptions?)"/> writes.
/// </summary>
public class AuditAnalysisTests
{
    private static readonly AlignmentGame Game = GameJson.ReadFile(Path.Combine(TestPaths.RepositoryRoot, "samples", "ideological.json"));

    private static readonly AuditReportOptions Options = new()
    {
        X = GridAxis.Create(CoefficientAxis.Consistency, 0.05, 2, 12),
        Y = GridAxis.Create(CoefficientAxis.Diversity, 0, 3, 12),
        Threshold = 0.05,
        Title = "test",
    };

    [Fact]
    public void Each_games_part_is_the_librarys_own_answer()
    {
        var analysis = AuditAnalysis.Run([new("ideological", Game)], Options.AnalysisOptions);
        var part = analysis.Games.Should().ContainSingle().Subject;
        part.Equilibrium.WeightsSpan.ToArray().Should().Equal(EquilibriumSolver.Solve(Game).WeightsSpan.ToArray());
        part.Equilibrium.NashGapCertified.Should().BeTrue();
        part.Equilibrium.NashGapBound.Should().BeLessThanOrEqualTo(part.Equilibrium.NashGapReport.Tolerance);
        part.Sweep.Points.Should().Be(144);
        part.Grids.Select(g => g.FocalName).Should().Equal(Game.Names);
        part.Equilibria.Should().NotBeNull("a K = 3, N = 4 game is small enough to enumerate");
        analysis.Comparison.Should().BeNull();
        analysis.EquilibriumUncertainty.Should().BeNull();
        analysis.ToString().Should().Be("Audit of 1 game (ideological) at τ = 0.05 on a 12 × 12 grid");
        part.ToString().Should().StartWith("ideological: ");
    }

    [Fact]
    public void Rendering_the_analysis_is_the_one_call_report()
    {
        var analysis = AuditAnalysis.Run([new("ideological", Game)], Options.AnalysisOptions);
        // The embedded SVG figures number their clip paths from a process-wide counter (SkiaSharp), so two renderings in one
        // process differ there and only there; everything else must be the same text.
        static string Text(string html) => System.Text.RegularExpressions.Regex.Replace(html, "data:image/svg\\+xml;base64,[A-Za-z0-9+/=]*", "data:figure");
        string fromAnalysis = AuditReport.RenderAnalysis(analysis, Options);
        Text(fromAnalysis).Should().Be(Text(AuditReport.Render("ideological", Game, Options)));
        fromAnalysis.Should().Contain("data:image/svg+xml;base64,");
        var act = () => AuditAnalysis.Run([], null);
        act.Should().Throw<ArgumentException>().WithParameterName("games");
    }
}

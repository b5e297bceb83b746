using System.Text;
using System.Text.RegularExpressions;
using ActiveAlignment.Estimation;
using ActiveAlignment.Plotting;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Tests.Reporting;

/// <summary>
/// The audit report's interval and subsidy figures are drawn by ScottPlot like its other figures: round percentage ticks,
/// τ's line, a legend, and a row per group.
/// </summary>
public partial class ShareChartTests
{
    [GeneratedRegex("data:image/svg\\+xml;base64,([A-Za-z0-9+/=]+)")]
    private static partial Regex Figures();

    [GeneratedRegex(">\\s*(-?[0-9.]+)%\\s*<")]
    private static partial Regex PercentTicks();

    private static List<string> ShareFigures(string html) => Figures().Matches(html)
        .Select(m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)))
        .Where(svg => svg.Contains("share of the group at the equilibrium", StringComparison.Ordinal)).ToList();

    private static void ShouldHaveRoundTicks(string svg)
    {
        var ticks = PercentTicks().Matches(svg).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        ticks.Should().HaveCountGreaterThan(2);
        ticks.Should().OnlyContain(t => Math.Abs((t * 2) - Math.Round(t * 2)) < 1e-9, "ticks fall on round percentages (no 10.3%, 20.6%)");
    }

    [Fact]
    public void The_interval_figure_of_an_ensemble_report()
    {
        var ensemble = EnsembleJson.Read(File.ReadAllText(Path.Combine(TestPaths.Samples, "estimation", "traits-ensemble.json")), "traits-ensemble.json");
        string html = AuditReport.Render("traits", ensemble, new AuditReportOptions { Threshold = 0.05 });
        var figure = ShareFigures(html).Should().ContainSingle(svg => svg.Contains("95% interval", StringComparison.Ordinal)).Subject;
        ShouldHaveRoundTicks(figure);
        foreach (string group in ensemble.Point.Names)
        {
            figure.Should().MatchRegex($">\\s*{Regex.Escape(group)}\\s*<");
        }
    }

    [Fact]
    public void The_subsidy_figure_of_a_game_report()
    {
        var game = GameJson.Read(File.ReadAllText(Path.Combine(TestPaths.Samples, "tutorial", "regions.json")), "regions.json");
        string html = AuditReport.Render("regions", game, new AuditReportOptions { Threshold = 0.2 });
        var figure = ShareFigures(html).Should().ContainSingle(svg => svg.Contains("after the subsidy", StringComparison.Ordinal)).Subject;
        ShouldHaveRoundTicks(figure);
        figure.Should().MatchRegex(">\\s*τ = 20%\\s*<").And.Contain("#D55E00");
    }
}

using ActiveAlignment.Steering;
using ScottPlot;

namespace ActiveAlignment.Plotting;

/// <summary>
/// How each group's equilibrium weight moves as one coefficient grows (docs/model.md#steering): one line per group, the
/// threshold τ drawn, the current value and the minimum diversity marked. Weights come from the certified solver at every
/// point (interior or boundary), so the curves are continuous across the boundary.
/// </summary>
public static class SteeringChart
{
    /// <summary>Renders the chart as PNG bytes.</summary>
    /// <param name="game">The game.</param>
    /// <param name="axis">The coefficient varied (the others stay as in the game).</param>
    /// <param name="maximum">The largest value drawn (&gt; the game's value).</param>
    /// <param name="threshold">τ.</param>
    /// <param name="minimumDiversity">The minimum diversity to mark, or null.</param>
    /// <param name="label">The game's name or file for the title; null to leave it out.</param>
    /// <param name="width">Width in pixels (≥ 200).</param>
    /// <param name="height">Height in pixels (≥ 200).</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="maximum"/> is not above the current value, or the image is too small.</exception>
    public static byte[] RenderPng(AlignmentGame game, CoefficientAxis axis, double maximum, double threshold, MinimumDiversityResult? minimumDiversity,
        string? label = null, int width = 900, int height = 600)
        => Build(game, axis, maximum, threshold, minimumDiversity, label, width, height).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Renders the chart as SVG (see <see cref="RenderPng"/>).</summary>
    /// <param name="game">The game.</param>
    /// <param name="axis">The coefficient varied.</param>
    /// <param name="maximum">The largest value drawn.</param>
    /// <param name="threshold">τ.</param>
    /// <param name="minimumDiversity">The minimum diversity to mark, or null.</param>
    /// <param name="label">The game's name or file; null to leave it out.</param>
    /// <param name="width">Width in pixels (≥ 200).</param>
    /// <param name="height">Height in pixels (≥ 200).</param>
    /// <returns>The SVG XML.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="maximum"/> is not above the current value, or the image is too small.</exception>
    public static string RenderSvg(AlignmentGame game, CoefficientAxis axis, double maximum, double threshold, MinimumDiversityResult? minimumDiversity,
        string? label = null, int width = 900, int height = 600)
        => Build(game, axis, maximum, threshold, minimumDiversity, label, width, height).GetSvgXml(width, height);

    private static Plot Build(AlignmentGame game, CoefficientAxis axis, double maximum, double threshold, MinimumDiversityResult? minimumDiversity,
        string? label, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(game);
        double current = game.Coefficients[axis];
        if (!(maximum > current) || !double.IsFinite(maximum))
        {
            throw new ArgumentException($"maximum = {maximum}; it must be finite and above the current {axis.ToString().ToLowerInvariant()} coefficient {current}.", nameof(maximum));
        }
        if (width < 200 || height < 200)
        {
            throw new ArgumentException($"the image is {width}x{height}; it must be at least 200x200 pixels.", nameof(width));
        }
        const int points = 301;
        var xs = new double[points];
        var ws = new double[game.Count][];
        for (int k = 0; k < game.Count; k++)
        {
            ws[k] = new double[points];
        }
        for (int p = 0; p < points; p++)
        {
            xs[p] = current + ((maximum - current) * p / (points - 1));
            var eq = EquilibriumSolver.Solve(game.WithCoefficients(game.Coefficients.With(axis, xs[p])));
            for (int k = 0; k < game.Count; k++)
            {
                ws[k][p] = eq.IsCertifiedEquilibrium ? eq.Weights[k] : double.NaN;
            }
        }
        var plot = new Plot();
        for (int k = 0; k < game.Count; k++)
        {
            var line = plot.Add.ScatterLine(xs, ws[k]);
            line.Color = ComparisonChart.Palette[k % ComparisonChart.Palette.Count];
            line.LineWidth = 2;
            line.LinePattern = k < ComparisonChart.Palette.Count ? LinePattern.Solid : LinePattern.Dashed;
            line.LegendText = game.Subpopulations[k].Name;
        }
        var tau = plot.Add.HorizontalLine(threshold);
        tau.Color = Colors.Black;
        tau.LinePattern = LinePattern.Dashed;
        tau.LegendText = $"τ = {ExclusionHeatmap.Number(threshold)}";
        if (axis == CoefficientAxis.Diversity && minimumDiversity?.Value is double d && d <= maximum)
        {
            var mark = plot.Add.VerticalLine(d);
            mark.Color = Colors.Black;
            mark.LineWidth = 2;
            mark.LegendText = $"minimum diversity {ExclusionHeatmap.Number(d)}";
        }
        plot.ShowLegend(Edge.Right);
        string name = axis.ToString().ToLowerInvariant();
        plot.Title($"{(label is null ? string.Empty : label + ": ")}equilibrium weights as λ_{ExclusionHeatmap.Letter(axis)} grows (N = {game.Agents})", size: 13);
        plot.XLabel($"{name} coefficient λ_{ExclusionHeatmap.Letter(axis)}");
        plot.YLabel("weight at the homogeneous equilibrium");
        plot.Axes.SetLimitsY(0, 1);
        return plot;
    }
}

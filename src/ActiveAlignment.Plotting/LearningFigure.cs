using System.Globalization;
using ActiveAlignment.Learning;
using ScottPlot;

namespace ActiveAlignment.Plotting;

/// <summary>
/// The figure of a <see cref="DynamicsResult"/> (docs/model.md#learning-dynamics): for K = 3 a ternary (simplex) plot of each
/// agent's path from its start (open circle) to the equilibrium it reached (filled marker; stable ones in the legend's colour);
/// otherwise the representation rₖ = (1/N) Σᵢ wᵢₖ of every group over the iterations of the first runs.
/// </summary>
public static class LearningFigure
{
    /// <summary>At most this many runs are drawn, so the figure stays readable.</summary>
    public const int MaxRunsDrawn = 24;

    private static readonly double Height = Math.Sqrt(3) / 2;

    // The triangle's outline (corners e1, e2, e3 and back); the plots read these arrays and never change them.
    private static readonly double[] FrameX = [0.0, 1.0, 0.5, 0.0];
    private static readonly double[] FrameY = [0.0, 0.0, Height, 0.0];

    /// <summary>Renders the figure as PNG.</summary>
    /// <param name="result">A result run with <see cref="DynamicsOptions.RecordTrajectories"/>.</param>
    /// <param name="width">Pixels, ≥ 200.</param>
    /// <param name="height">Pixels, ≥ 200.</param>
    /// <returns>The PNG bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">No trajectory was recorded, or the size is below 200×200.</exception>
    public static byte[] RenderPng(DynamicsResult result, int width = 820, int height = 760)
        => Build(result, width, height).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Renders the figure as SVG.</summary>
    /// <param name="result">A result run with <see cref="DynamicsOptions.RecordTrajectories"/>.</param>
    /// <param name="width">Pixels, ≥ 200.</param>
    /// <param name="height">Pixels, ≥ 200.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    /// <exception cref="ArgumentException">No trajectory was recorded, or the size is below 200×200.</exception>
    public static string RenderSvg(DynamicsResult result, int width = 820, int height = 760)
        => Build(result, width, height).GetSvgXml(width, height);

    private static Plot Build(DynamicsResult result, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (width < 200 || height < 200)
        {
            throw new ArgumentException($"the image is {width}x{height}; it must be at least 200x200 pixels.", nameof(width));
        }
        if (result.Runs.All(r => r.Trajectory.Count == 0))
        {
            throw new ArgumentException("no trajectory was recorded; run the dynamics with RecordTrajectories = true.", nameof(result));
        }
        return result.Game.Count == 3 ? Ternary(result) : OverTime(result);
    }

    private static (double X, double Y) Project(IReadOnlyList<double> w) => (w[1] + (w[2] / 2), w[2] * Height);

    private static Plot Ternary(DynamicsResult result)
    {
        var plot = new Plot();
        var names = result.Game.Names.ToArray();
        var frame = plot.Add.Scatter(FrameX, FrameY);
        frame.Color = Colors.Black;
        frame.MarkerSize = 0;
        frame.LineWidth = 1.5f;
        var palette = new ScottPlot.Palettes.Category10();
        var agentLegend = new HashSet<int>();
        foreach (var run in result.Runs.Take(MaxRunsDrawn))
        {
            int agents = run.Trajectory[0].Profile.Count;
            for (int i = 0; i < agents; i++)
            {
                var points = run.Trajectory.Select(p => Project(p.Profile[i])).ToArray();
                var color = palette.GetColor(i).WithAlpha(0.75);
                var path = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
                path.Color = color;
                path.MarkerSize = 0;
                path.LineWidth = 1.2f;
                if (agentLegend.Add(i) && i < 10)
                {
                    path.LegendText = $"agent {i + 1}";
                }
                var start = plot.Add.Marker(points[0].X, points[0].Y, MarkerShape.OpenCircle, 5);
                start.Color = color;
            }
        }
        bool stableShown = false, otherShown = false;
        foreach (var outcome in result.Outcomes)
        {
            bool stable = outcome.Stability.IsStable;
            foreach (var w in outcome.Profile)
            {
                var (x, y) = Project(w);
                var marker = plot.Add.Marker(x, y, stable ? MarkerShape.FilledCircle : MarkerShape.FilledSquare, 11);
                marker.Color = stable ? Color.FromHex("#1A9850") : Color.FromHex("#D73027");
                if (stable && !stableShown)
                {
                    marker.LegendText = "end: stable equilibrium";
                    stableShown = true;
                }
                else if (!stable && !otherShown)
                {
                    marker.LegendText = $"end: {outcome.Stability.Label.ToString().ToLowerInvariant()} equilibrium";
                    otherShown = true;
                }
            }
        }
        var homogeneous = EquilibriumSolver.Solve(result.Game);
        if (homogeneous.IsCertifiedEquilibrium)
        {
            var (hx, hy) = Project(homogeneous.Weights);
            var marker = plot.Add.Marker(hx, hy, MarkerShape.OpenDiamond, 16);
            marker.Color = Colors.Black;
            marker.LineWidth = 2;
            marker.LegendText = $"homogeneous equilibrium ({homogeneous.Stability.Label.ToString().ToLowerInvariant()})";
        }
        var labels = new[] { (names[0], 0.0, -0.06, Alignment.UpperCenter), (names[1], 1.0, -0.06, Alignment.UpperCenter), (names[2], 0.5, Height + 0.03, Alignment.LowerCenter) };
        foreach (var (text, x, y, alignment) in labels)
        {
            var label = plot.Add.Text(text, x, y);
            label.LabelFontSize = 14;
            label.LabelBold = true;
            label.LabelAlignment = alignment;
        }
        plot.Axes.SetLimits(-0.12, 1.12, -0.16, Height + 0.12);
        plot.Axes.SquareUnits();
        plot.HideGrid();
        plot.Axes.Frameless();
        plot.ShowLegend(Edge.Bottom);
        plot.Title(Title(result), size: 13);
        return plot;
    }

    private static Plot OverTime(DynamicsResult result)
    {
        var plot = new Plot();
        var names = result.Game.Names.ToArray();
        var palette = new ScottPlot.Palettes.Category10();
        var shown = new HashSet<int>();
        foreach (var run in result.Runs.Take(Math.Min(8, MaxRunsDrawn)))
        {
            var xs = run.Trajectory.Select(p => (double)p.Iteration).ToArray();
            for (int k = 0; k < names.Length; k++)
            {
                var ys = run.Trajectory.Select(p => p.Profile.Average(w => w[k])).ToArray();
                var line = plot.Add.Scatter(xs, ys);
                line.Color = palette.GetColor(k % 10).WithAlpha(0.8);
                line.MarkerSize = 0;
                line.LineWidth = 1.3f;
                if (shown.Add(k) && k < 10)
                {
                    line.LegendText = names[k];
                }
            }
        }
        // The homogeneous prediction, dashed, for comparison with where the learning agents go.
        var homogeneous = EquilibriumSolver.Solve(result.Game);
        if (homogeneous.IsCertifiedEquilibrium)
        {
            for (int k = 0; k < names.Length; k++)
            {
                var line = plot.Add.HorizontalLine(homogeneous.Weights[k]);
                line.LineColor = palette.GetColor(k % 10);
                line.LinePattern = LinePattern.Dashed;
                line.LineWidth = 1.5f;
                if (k == 0)
                {
                    line.LegendText = $"dashed: the homogeneous equilibrium ({homogeneous.Stability.Label.ToString().ToLowerInvariant()})";
                }
            }
        }
        plot.XLabel("iteration");
        plot.YLabel("representation rₖ (mean weight over agents)");
        plot.Axes.SetLimitsY(0, 1);
        plot.ShowLegend(Edge.Bottom);
        plot.Title(Title(result), size: 13);
        return plot;
    }

    private static string Title(DynamicsResult result)
    {
        string shares = string.Join(", ", result.Outcomes.Take(3).Select(o => string.Create(CultureInfo.InvariantCulture,
            $"{o.Share * 100:F0}% {o.Stability.Label.ToString().ToLowerInvariant()} {(o.IsHomogeneous ? "homogeneous" : "specialised")}")));
        return string.Create(CultureInfo.InvariantCulture,
            $"{LearningDynamics.RuleName(result.Rule)} play, N = {result.Game.Agents}, {result.Starts} starts (first {Math.Min(MaxRunsDrawn, result.Starts)} drawn)\nends: {shares}");
    }
}

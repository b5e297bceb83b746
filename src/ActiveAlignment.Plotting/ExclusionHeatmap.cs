using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Sweeps;
using ScottPlot;

namespace ActiveAlignment.Plotting;

/// <summary>What an exclusion heatmap shows beyond the sweep itself.</summary>
public sealed record HeatmapOptions
{
    /// <summary>The game's name or file, for the title; null to leave it out.</summary>
    public string? Label { get; init; }

    /// <summary>
    /// Also solve the boundary equilibrium where there is no interior one, and shade that region by it (excluded there or
    /// not), in colours distinct from the paper-style black and grey.
    /// </summary>
    public bool Boundary { get; init; }

    /// <summary>Image width in pixels (≥ 200).</summary>
    public int Width { get; init; } = 900;

    /// <summary>Image height in pixels (≥ 200).</summary>
    public int Height { get; init; } = 760;

    /// <summary>
    /// The top of the weight colour scale; null for the largest weight in this figure. Set the same value on several
    /// figures (small multiples) so that a colour means the same weight in all of them.
    /// </summary>
    public double? WeightMaximum { get; init; }
}

/// <summary>
/// A heatmap of one group over a sweep, in the style of the active-alignment exclusion figures (docs/model.md#exclusion):
/// black where the group is excluded (weight &lt; τ at an interior equilibrium), a colour scale of its weight from τ up
/// where it is represented, and distinct shades, each in the legend, where there is no interior equilibrium, where the
/// closed form is singular, and where own concavity fails. The title names the game, N, the fixed coefficient and τ, with
/// the group's exclusion area and conditional exclusion. PNG or SVG, same content.
/// </summary>
public static class ExclusionHeatmap
{
    /// <summary>Excluded at an interior equilibrium.</summary>
    public static readonly Color Excluded = Colors.Black;

    /// <summary>No interior equilibrium (paper-style), when the boundary is not drawn.</summary>
    public static readonly Color NoInterior = Color.FromHex("#D9D9D9");

    /// <summary>The closed form is singular.</summary>
    public static readonly Color Singular = Color.FromHex("#8C8C8C");

    /// <summary>Own concavity fails.</summary>
    public static readonly Color NotConcave = Color.FromHex("#E6A0A0");

    /// <summary>No interior equilibrium; the boundary equilibrium excludes the group (weight &lt; τ, often exactly 0).</summary>
    public static readonly Color BoundaryExcluded = Color.FromHex("#B2182B");

    /// <summary>No interior equilibrium; the boundary equilibrium represents the group.</summary>
    public static readonly Color BoundaryRepresented = Color.FromHex("#BFD7EA");

    /// <summary>Renders the heatmap as PNG bytes (900 × 720 by default).</summary>
    /// <param name="grid">The focal group's weights and statuses, filled by <see cref="ExclusionSweep.Run"/>.</param>
    /// <param name="summary">The sweep's summary (for the title figures).</param>
    /// <param name="width">Image width in pixels (≥ 200).</param>
    /// <param name="height">Image height in pixels (≥ 200).</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The image is smaller than 200 × 200 pixels.</exception>
    public static byte[] RenderPng(FocalGridSink grid, ExclusionSummary summary, int width = 900, int height = 760)
        => RenderPng(grid, summary, new HeatmapOptions { Width = width, Height = height });

    /// <summary>Renders the heatmap as PNG bytes.</summary>
    /// <param name="grid">The focal group's weights and statuses.</param>
    /// <param name="summary">The sweep's summary.</param>
    /// <param name="options">Label, boundary shading, size.</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The image is smaller than 200 × 200 pixels.</exception>
    public static byte[] RenderPng(FocalGridSink grid, ExclusionSummary summary, HeatmapOptions options)
    {
        var plot = Build(grid, summary, options);
        return plot.GetImageBytes(options.Width, options.Height, ImageFormat.Png);
    }

    /// <summary>Renders the heatmap as SVG with the default options (900 × 760).</summary>
    /// <param name="grid">The focal group's grid, filled by the sweep.</param>
    /// <param name="summary">The sweep's summary.</param>
    /// <returns>The SVG document.</returns>
    public static string RenderSvg(FocalGridSink grid, ExclusionSummary summary) => RenderSvg(grid, summary, new HeatmapOptions());

    /// <summary>Renders the heatmap as an SVG document (vector axes and text; the same content as the PNG).</summary>
    /// <param name="grid">The focal group's weights and statuses.</param>
    /// <param name="summary">The sweep's summary.</param>
    /// <param name="options">Label, boundary shading, size.</param>
    /// <returns>The SVG XML.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The image is smaller than 200 × 200 pixels.</exception>
    public static string RenderSvg(FocalGridSink grid, ExclusionSummary summary, HeatmapOptions options)
    {
        var plot = Build(grid, summary, options);
        return plot.GetSvgXml(options.Width, options.Height);
    }

    private static Plot Build(FocalGridSink grid, ExclusionSummary summary, HeatmapOptions options)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Width < 200 || options.Height < 200)
        {
            throw new ArgumentException($"the image is {options.Width}x{options.Height}; it must be at least 200x200 pixels.", nameof(options));
        }
        int ny = grid.Y.Count, nx = grid.X.Count;
        double tau = summary.Threshold;
        var weight = new double[ny, nx];
        var unstable = new double[ny, nx];
        bool anyUnstable = false;
        var family = ClosedFormFamily.Create(grid.Game);
        var layers = new Dictionary<Color, double[,]>();
        double[,] Layer(Color color)
        {
            if (!layers.TryGetValue(color, out var layer))
            {
                layer = new double[ny, nx];
                foreach (int j in Enumerable.Range(0, ny))
                {
                    for (int i = 0; i < nx; i++)
                    {
                        layer[j, i] = double.NaN;
                    }
                }
                layers.Add(color, layer);
            }
            return layer;
        }
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                // ScottPlot draws row 0 at the top: flip so that y grows upwards.
                int row = ny - 1 - j;
                weight[row, i] = double.NaN;
                unstable[row, i] = double.NaN;
                if (grid.Statuses[j, i] == ClosedFormStatus.Interior && family.InteriorStability(grid.Game.Coefficients
                    .With(grid.X.Axis, grid.X.ValueAt(i)).With(grid.Y.Axis, grid.Y.ValueAt(j))) == Learning.StabilityLabel.Unstable)
                {
                    unstable[row, i] = 1;
                    anyUnstable = true;
                }
                switch (grid.Statuses[j, i])
                {
                    case ClosedFormStatus.Interior when grid.Weights[j, i] < tau:
                        Layer(Excluded)[row, i] = 1;
                        break;
                    case ClosedFormStatus.Interior:
                        weight[row, i] = grid.Weights[j, i];
                        break;
                    case ClosedFormStatus.NoInterior when options.Boundary:
                        var eq = EquilibriumSolver.Solve(grid.Game.WithCoefficients(grid.Game.Coefficients
                            .With(grid.X.Axis, grid.X.ValueAt(i)).With(grid.Y.Axis, grid.Y.ValueAt(j))));
                        Layer(eq.Weights[grid.FocalIndex] < tau ? BoundaryExcluded : BoundaryRepresented)[row, i] = 1;
                        break;
                    case ClosedFormStatus.NoInterior:
                        Layer(NoInterior)[row, i] = 1;
                        break;
                    case ClosedFormStatus.Singular:
                        Layer(Singular)[row, i] = 1;
                        break;
                    default:
                        Layer(NotConcave)[row, i] = 1;
                        break;
                }
            }
        }
        var plot = new Plot();
        var rect = new CoordinateRect(grid.X.Start, grid.X.Count > 1 ? grid.X.Stop : grid.X.Start + 1,
            grid.Y.Start, grid.Y.Count > 1 ? grid.Y.Stop : grid.Y.Start + 1);
        // A layer with no finite cell is not added (ScottPlot cannot take the range of no values).
        if (HasFinite(weight))
        {
            var weights = plot.Add.Heatmap(weight);
            // The colour scale starts at τ: nothing below τ is coloured (it is black, excluded).
            weights.ManualRange = new ScottPlot.Range(tau, options.WeightMaximum is double top && top > tau ? top : Math.Max(MaxFinite(weight), Math.Min(1.0, 2 * tau)));
            weights.Colormap = new ScottPlot.Colormaps.Viridis();
            weights.NaNCellColor = Colors.Transparent;
            weights.Rectangle = rect;
            var bar = plot.Add.ColorBar(weights);
            bar.Label = $"weight of {grid.FocalName} (from τ)";
            // About six round ticks (not one every 0.01), so the bar's title has room beside its labels.
            bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TargetTickCount = 8 };
        }
        var legend = new List<(Color Color, string Label)>();
        foreach (var (color, label) in new[]
        {
            (Excluded, $"excluded (weight < {Number(tau)})"),
            (NoInterior, "no interior equilibrium"),
            (BoundaryExcluded, "no interior; boundary equilibrium excludes"),
            (BoundaryRepresented, "no interior; boundary equilibrium represents"),
            (Singular, "singular"),
            (NotConcave, "not concave"),
        })
        {
            if (!layers.TryGetValue(color, out var layer))
            {
                if (color == Excluded || (color == NoInterior && !options.Boundary))
                {
                    legend.Add((color, label + " (none here)"));
                }
                continue;
            }
            var heatmap = plot.Add.Heatmap(layer);
            heatmap.ManualRange = new ScottPlot.Range(0, 1);
            heatmap.Colormap = new ScottPlot.Colormaps.Custom([color, color], true);
            heatmap.NaNCellColor = Colors.Transparent;
            heatmap.Rectangle = rect;
            legend.Add((color, label));
        }
        long interiorCount = 0, unstableCount = 0;
        foreach (var status in grid.Statuses.Entries)
        {
            interiorCount += status == ClosedFormStatus.Interior ? 1 : 0;
        }
        foreach (double u in unstable)
        {
            unstableCount += u == 1 ? 1 : 0;
        }
        if (anyUnstable)
        {
            // The unstable region: the map's colour washed out and cross-hatched, so a reader sees the point is one learning agents leave.
            var wash = plot.Add.Heatmap(unstable);
            wash.ManualRange = new ScottPlot.Range(0, 1);
            wash.Colormap = new ScottPlot.Colormaps.Custom([UnstableWash, UnstableWash], true);
            wash.NaNCellColor = Colors.Transparent;
            wash.Rectangle = rect;
            AddHatching(plot, unstable, rect, nx, ny);
            legend.Add((UnstableWash, "unstable: learning agents leave it and specialise (hatched)"));
        }
        foreach (var (color, label) in legend)
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = label, FillColor = color, OutlineColor = Colors.Gray, OutlineWidth = 1 });
        }
        if (StabilityLine(grid, rect) is { } line)
        {
            var segment = plot.Add.Line(line.X1, line.Y1, line.X2, line.Y2);
            segment.LineColor = StabilityBoundaryColor;
            segment.LineWidth = 2.5f;
            segment.LinePattern = LinePattern.Dashed;
            plot.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = $"stability boundary of interior equilibria: λ_D = {Number(line.Slope)}·λ_C (exact)",
                LineColor = StabilityBoundaryColor,
                LineWidth = 2.5f,
                LinePattern = LinePattern.Dashed,
            });
        }
        plot.ShowLegend(Edge.Bottom);
        var figure = summary[grid.FocalName];
        string conditional = figure.ConditionalExclusion is double c ? Percent(c) : "n/a (no interior points)";
        var fixedAxis = Enum.GetValues<CoefficientAxis>().First(a => a != grid.X.Axis && a != grid.Y.Axis);
        string game = options.Label is null ? string.Empty : options.Label + ": ";
        plot.Title($"{game}{grid.FocalName}, N = {grid.Game.Agents}, λ_{Letter(fixedAxis)} = {Number(grid.Game.Coefficients[fixedAxis])} fixed, τ = {Number(tau)}\n" +
            (options.Boundary
                ? $"excluded in {Percent(CombinedArea(layers, figure.Excluded, nx, ny))} of the map, boundary equilibria included ({Percent(figure.ExclusionArea)} at interior ones)\n"
                : $"exclusion area {Percent(figure.ExclusionArea)}, conditional exclusion {conditional} (interior equilibria only)\n") +
            $"unstable (learning agents leave) at {(interiorCount == 0 ? "n/a" : Percent((double)unstableCount / interiorCount))} of interior points", size: 13);
        plot.XLabel($"{grid.X.Name} coefficient λ_{Letter(grid.X.Axis)}");
        plot.YLabel($"{grid.Y.Name} coefficient λ_{Letter(grid.Y.Axis)}");
        plot.Axes.SetLimits(rect);
        return plot;
    }

    /// <summary>The wash over the unstable region (translucent white, with hatching).</summary>
    public static readonly Color UnstableWash = Color.FromHex("#FFFFFF").WithAlpha(0.55);

    /// <summary>The dashed line of the exact stability boundary.</summary>
    public static readonly Color StabilityBoundaryColor = Color.FromHex("#D7301F");

    /// <summary>Diagonal hatching over the unstable cells: one short stroke per cell of a coarse lattice.</summary>
    private static void AddHatching(Plot plot, double[,] unstable, CoordinateRect rect, int nx, int ny)
    {
        int step = Math.Max(1, Math.Max(nx, ny) / 40);
        double dx = (rect.Right - rect.Left) / Math.Max(1, nx), dy = (rect.Top - rect.Bottom) / Math.Max(1, ny);
        for (int row = 0; row < ny; row += step)
        {
            for (int i = 0; i < nx; i += step)
            {
                if (unstable[row, i] != 1)
                {
                    continue;
                }
                double x0 = rect.Left + (i * dx), y0 = rect.Top - ((row + 1) * dy);
                var stroke = plot.Add.Line(x0, y0, x0 + (step * dx), y0 + (step * dy));
                stroke.LineColor = Color.FromHex("#404040").WithAlpha(0.6);
                stroke.LineWidth = 1;
            }
        }
    }

    /// <summary>
    /// The exact stability boundary λ_D = slope·λ_C of interior equilibria (docs/model.md#maps-and-steering) clipped to the map, when the
    /// axes make it a line on it: through the origin on (λ_C, λ_D), horizontal or vertical when one of them is fixed.
    /// </summary>
    private static (double X1, double Y1, double X2, double Y2, double Slope)? StabilityLine(FocalGridSink grid, CoordinateRect rect)
    {
        if (Learning.Stability.InteriorBoundarySlope(grid.Game) is not double slope || !(slope > 0))
        {
            return null;
        }
        var (xa, ya) = (grid.X.Axis, grid.Y.Axis);
        var c = grid.Game.Coefficients;
        (double, double, double, double, double)? Clip(double x1, double y1, double x2, double y2)
        {
            // Clip the segment to the rectangle by sampling its parameter range (the segment is straight).
            double tLow = 0, tHigh = 1;
            void Bound(double p0, double p1, double low, double high)
            {
                double d = p1 - p0;
                if (d == 0)
                {
                    if (p0 < low || p0 > high)
                    {
                        tLow = 1;
                        tHigh = 0;
                    }
                    return;
                }
                double a = (low - p0) / d, b = (high - p0) / d;
                tLow = Math.Max(tLow, Math.Min(a, b));
                tHigh = Math.Min(tHigh, Math.Max(a, b));
            }
            Bound(x1, x2, rect.Left, rect.Right);
            Bound(y1, y2, rect.Bottom, rect.Top);
            if (!(tHigh > tLow))
            {
                return null;
            }
            return (x1 + (tLow * (x2 - x1)), y1 + (tLow * (y2 - y1)), x1 + (tHigh * (x2 - x1)), y1 + (tHigh * (y2 - y1)), slope);
        }
        double big = 4 * Math.Max(Math.Abs(rect.Right), Math.Max(Math.Abs(rect.Top), Math.Max(Math.Abs(rect.Left), Math.Abs(rect.Bottom)))) + 1;
        return (xa, ya) switch
        {
            (CoefficientAxis.Consistency, CoefficientAxis.Diversity) => Clip(0, 0, big, slope * big),
            (CoefficientAxis.Diversity, CoefficientAxis.Consistency) => Clip(0, 0, slope * big, big),
            (_, CoefficientAxis.Diversity) => Clip(-big, slope * c.Consistency, big, slope * c.Consistency),
            (CoefficientAxis.Diversity, _) => Clip(slope * c.Consistency, -big, slope * c.Consistency, big),
            (_, CoefficientAxis.Consistency) => Clip(-big, c.Diversity / slope, big, c.Diversity / slope),
            (CoefficientAxis.Consistency, _) => Clip(c.Diversity / slope, -big, c.Diversity / slope, big),
            _ => null,
        };
    }

    /// <summary>(interior excluded + boundary excluded cells) / all cells, from the drawn layers.</summary>
    private static double CombinedArea(Dictionary<Color, double[,]> layers, long interiorExcluded, int nx, int ny)
    {
        long boundary = 0;
        if (layers.TryGetValue(BoundaryExcluded, out var layer))
        {
            foreach (double v in layer)
            {
                boundary += v == 1 ? 1 : 0;
            }
        }
        return (double)(interiorExcluded + boundary) / ((long)nx * ny);
    }

    internal static string Letter(CoefficientAxis axis) => axis.ToString()[..1];

    internal static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    private static bool HasFinite(double[,] values)
    {
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                return true;
            }
        }
        return false;
    }

    private static double MaxFinite(double[,] values)
    {
        double max = 0;
        foreach (double v in values)
        {
            if (double.IsFinite(v))
            {
                max = Math.Max(max, v);
            }
        }
        return max;
    }

    internal static string Percent(double value) => (100 * value).ToString("F1", CultureInfo.InvariantCulture) + "%";
}

using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Sweeps;
using ScottPlot;

namespace ActiveAlignment.Plotting;

/// <summary>
/// A heatmap of one group over a sweep, in the style of the active-alignment exclusion figures: black where the group is
/// excluded (weight &lt; τ at an interior equilibrium), white where no interior equilibrium exists (and at singular or
/// non-concave points), a colour scale of the group's weight elsewhere; axes named after the coefficients; a title with the
/// group, the threshold, its exclusion area and conditional exclusion.
/// </summary>
public static class ExclusionHeatmap
{
    /// <summary>Renders the heatmap as PNG bytes.</summary>
    /// <param name="grid">The focal group's weights and statuses, filled by <see cref="ExclusionSweep.Run"/>.</param>
    /// <param name="summary">The sweep's summary (for the title figures).</param>
    /// <param name="width">Image width in pixels (≥ 200).</param>
    /// <param name="height">Image height in pixels (≥ 200).</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The image is smaller than 200 × 200 pixels.</exception>
    public static byte[] RenderPng(FocalGridSink grid, ExclusionSummary summary, int width = 900, int height = 720)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(summary);
        if (width < 200 || height < 200)
        {
            throw new ArgumentException($"the image is {width}x{height}; it must be at least 200x200 pixels.", nameof(width));
        }
        int ny = grid.Y.Count, nx = grid.X.Count;
        var weight = new double[ny, nx];
        var excluded = new double[ny, nx];
        double tau = summary.Threshold;
        for (int j = 0; j < ny; j++)
        {
            for (int i = 0; i < nx; i++)
            {
                // ScottPlot draws row 0 at the top: flip so that y grows upwards.
                int row = ny - 1 - j;
                bool interior = grid.Statuses[j, i] == ClosedFormStatus.Interior;
                bool isExcluded = interior && grid.Weights[j, i] < tau;
                weight[row, i] = interior && !isExcluded ? grid.Weights[j, i] : double.NaN;
                excluded[row, i] = isExcluded ? 1.0 : double.NaN;
            }
        }
        var plot = new Plot();
        var rect = new CoordinateRect(grid.X.Start, grid.X.Count > 1 ? grid.X.Stop : grid.X.Start + 1,
            grid.Y.Start, grid.Y.Count > 1 ? grid.Y.Stop : grid.Y.Start + 1);
        // A layer with no finite cell is not added (ScottPlot cannot take the range of no values): a focal group that is never
        // excluded has no black layer, one that is never represented no colour layer.
        if (HasFinite(weight))
        {
            var weights = plot.Add.Heatmap(weight);
            // The colour scale starts at τ: nothing below τ is coloured (it is black, excluded).
            weights.ManualRange = new ScottPlot.Range(tau, Math.Max(MaxFinite(weight), Math.Min(1.0, 2 * tau)));
            weights.Colormap = new ScottPlot.Colormaps.Viridis();
            weights.NaNCellColor = Colors.White;
            weights.Rectangle = rect;
            var bar = plot.Add.ColorBar(weights);
            bar.Label = $"weight of {grid.FocalName}";
        }
        if (HasFinite(excluded))
        {
            var black = plot.Add.Heatmap(excluded);
            black.ManualRange = new ScottPlot.Range(0, 1);
            black.Colormap = new ScottPlot.Colormaps.Custom([Colors.Black, Colors.Black], true);
            black.NaNCellColor = Colors.Transparent;
            black.Rectangle = rect;
        }
        var figure = summary[grid.FocalName];
        string conditional = figure.ConditionalExclusion is double c ? Percent(c) : "n/a (no interior points)";
        plot.Title($"{grid.FocalName}: excluded (black) where weight < {tau.ToString("G4", CultureInfo.InvariantCulture)}; " +
            $"exclusion area {Percent(figure.ExclusionArea)}, conditional {conditional}\nwhite: no interior equilibrium", size: 13);
        plot.XLabel($"{grid.X.Name} coefficient λ_{grid.X.Name[0].ToString().ToUpperInvariant()}");
        plot.YLabel($"{grid.Y.Name} coefficient λ_{grid.Y.Name[0].ToString().ToUpperInvariant()}");
        plot.Axes.SetLimits(rect);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

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

    private static string Percent(double value) => (100 * value).ToString("F1", CultureInfo.InvariantCulture) + "%";
}

using ActiveAlignment.Sweeps;
using ScottPlot;

namespace ActiveAlignment.Plotting;

/// <summary>
/// The model-comparison table as a figure: for every group, one bar per game of its exclusion area and, hatched beside it,
/// of its conditional exclusion (docs/model.md#exclusion); games are told apart by colour (colour-blind-safe palette) and
/// named in the legend.
/// </summary>
public static class ComparisonChart
{
    /// <summary>Renders the chart as PNG bytes.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="width">Width in pixels (≥ 200).</param>
    /// <param name="height">Height in pixels (≥ 200).</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    /// <exception cref="ArgumentException">The image is smaller than 200 × 200 pixels.</exception>
    public static byte[] RenderPng(ExclusionComparison comparison, int width = 1000, int height = 600)
        => Build(comparison, width, height).GetImageBytes(width, height, ImageFormat.Png);

    /// <summary>Renders the chart as SVG.</summary>
    /// <param name="comparison">The comparison.</param>
    /// <param name="width">Width in pixels (≥ 200).</param>
    /// <param name="height">Height in pixels (≥ 200).</param>
    /// <returns>The SVG XML.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is null.</exception>
    /// <exception cref="ArgumentException">The image is smaller than 200 × 200 pixels.</exception>
    public static string RenderSvg(ExclusionComparison comparison, int width = 1000, int height = 600)
        => Build(comparison, width, height).GetSvgXml(width, height);

    /// <summary>The game colours, in order (Okabe–Ito: distinguishable by colour-blind readers).</summary>
    public static readonly IReadOnlyList<Color> Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    private static Plot Build(ExclusionComparison comparison, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        if (width < 200 || height < 200)
        {
            throw new ArgumentException($"the image is {width}x{height}; it must be at least 200x200 pixels.", nameof(width));
        }
        var plot = new Plot();
        int games = comparison.Rows.Count;
        double slot = 0.8 / (2 * games);
        var ticks = new List<Tick>();
        var bars = new List<Bar>();
        for (int g = 0; g < comparison.GroupNames.Count; g++)
        {
            string group = comparison.GroupNames[g];
            ticks.Add(new Tick(g, group));
            for (int r = 0; r < games; r++)
            {
                var figure = comparison.Rows[r].Value[group];
                var color = Palette[r % Palette.Count];
                double left = g - 0.4 + (2 * r * slot) + (slot / 2);
                bars.Add(new Bar { Position = left, Value = 100 * figure.ExclusionArea, FillColor = color, Size = slot * 0.95 });
                bars.Add(new Bar { Position = left + slot, Value = 100 * (figure.ConditionalExclusion ?? 0), FillColor = color.WithAlpha(0.45), Size = slot * 0.95 });
            }
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. ticks]);
        for (int r = 0; r < games; r++)
        {
            var color = Palette[r % Palette.Count];
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{comparison.Rows[r].Key}: exclusion area", FillColor = color });
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{comparison.Rows[r].Key}: conditional exclusion", FillColor = color.WithAlpha(0.45) });
        }
        plot.ShowLegend(Edge.Bottom);
        var first = comparison.Rows[0].Value;
        plot.Title($"Exclusion by group and game over {first.X} × {first.Y}, τ = {ExclusionHeatmap.Number(first.Threshold)}", size: 13);
        plot.YLabel("share of the grid (%)");
        plot.Axes.Margins(bottom: 0);
        return plot;
    }
}

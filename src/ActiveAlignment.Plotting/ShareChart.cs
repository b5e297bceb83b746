using ActiveAlignment.Estimation;
using ScottPlot;

namespace ActiveAlignment.Plotting;

/// <summary>
/// Each group's equilibrium share as a horizontal chart, with the exclusion threshold τ as an orange line (solid: SVG output has no dash patterns): the audit report's
/// intervals (a point estimate and its bootstrap interval per group) and its subsidy figure (today's share beside the share
/// after the subsidy). Drawn by ScottPlot like every other figure, with its tick placement (round percentages).
/// </summary>
internal static class ShareChart
{
    private static readonly Color Ink = Color.FromHex("#1a1a1a");
    private static readonly Color Blue = Color.FromHex("#0072B2");
    private static readonly Color Grey = Color.FromHex("#999999");
    private static readonly Color Threshold = Color.FromHex("#D55E00");

    /// <summary>The point estimate (dot) and the interval (bar) of every group's share, as SVG.</summary>
    public static string Intervals(EquilibriumUncertainty uncertainty, double tau, int width = 760)
    {
        var groups = uncertainty.Groups;
        var plot = Frame(groups.Select(g => g.Name).ToList(), tau);
        for (int i = 0; i < groups.Count; i++)
        {
            double y = groups.Count - 1 - i;
            if (groups[i].Interval is { } interval)
            {
                var line = plot.Add.Line(100 * interval.Lower, y, 100 * interval.Upper, y);
                line.LineColor = Blue.WithAlpha(0.45);
                line.LineWidth = 6;
            }
            if (groups[i].Point is double point)
            {
                var marker = plot.Add.Marker(100 * point, y, MarkerShape.FilledCircle, 9);
                marker.Color = Ink;
            }
        }
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "point estimate", MarkerShape = MarkerShape.FilledCircle, MarkerColor = Ink, MarkerSize = 9 });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"{ExclusionHeatmap.Number(100 * uncertainty.Confidence)}% interval", LineColor = Blue.WithAlpha(0.45), LineWidth = 6 });
        return Finish(plot, Math.Max(tau, groups.Max(g => Math.Max(g.Point ?? 0, g.Interval?.Upper ?? 0))), width, groups.Count);
    }

    /// <summary>Today's share (grey) and the share after a subsidy (blue) of every group, as SVG.</summary>
    public static string BeforeAfter(IReadOnlyList<string> names, IReadOnlyList<double> before, IReadOnlyList<double> after, double tau, int width = 760)
    {
        var plot = Frame(names, tau);
        var bars = new List<Bar>();
        for (int i = 0; i < names.Count; i++)
        {
            double y = names.Count - 1 - i;
            bars.Add(new Bar { Position = y + 0.18, Value = 100 * before[i], FillColor = Grey, Size = 0.34, LineWidth = 0 });
            bars.Add(new Bar { Position = y - 0.18, Value = 100 * after[i], FillColor = Blue, Size = 0.34, LineWidth = 0 });
        }
        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = true;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "today", FillColor = Grey });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "after the subsidy", FillColor = Blue });
        return Finish(plot, Math.Max(tau, Math.Max(before.Max(), after.Max())), width, names.Count);
    }

    /// <summary>Group names down the left (first at the top), shares along the bottom in percent, τ dashed.</summary>
    private static Plot Frame(IReadOnlyList<string> names, double tau)
    {
        var plot = new Plot();
        var ticks = names.Select((name, i) => new Tick(names.Count - 1 - i, name)).ToArray();
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => $"{ExclusionHeatmap.Number(v)}%" };
        var line = plot.Add.VerticalLine(100 * tau);
        line.Color = Threshold;
        line.LineWidth = 2;
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = $"τ = {ExclusionHeatmap.Number(100 * tau)}%", LineColor = Threshold, LineWidth = 2 });
        plot.XLabel("share of the group at the equilibrium (%)");
        return plot;
    }

    /// <summary>Shares from just below 0 to a little beyond the largest one (<paramref name="largest"/>, τ included), one row per group.</summary>
    private static string Finish(Plot plot, double largest, int width, int rows)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Axes.SetLimitsY(-0.6, rows - 0.4);
        plot.Axes.SetLimitsX(-2 * largest, 100 * largest * 1.1); // a little room left of 0, so that a share of 0 shows whole
        return plot.GetSvgXml(width, 130 + (40 * rows));
    }
}

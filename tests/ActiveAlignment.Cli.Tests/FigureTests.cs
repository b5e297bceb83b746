using SkiaSharp;

namespace ActiveAlignment.Tests.Cli;

/// <summary>
/// Every figure kind renders to a valid image of the expected size, and its categories are present where the data says
/// they are (counted pixels of the category's exact colour): excluded black, no-interior grey, boundary shading, bars, lines.
/// </summary>
public sealed class FigureTests : IDisposable
{
    private readonly TempDir _dir = new();
    private static readonly string Samples = Path.Combine(TestPaths.RepositoryRoot, "samples");

    public void Dispose() => _dir.Dispose();


    private static SKBitmap Decode(string path, int width, int height)
    {
        var bitmap = SKBitmap.Decode(path);
        bitmap.Should().NotBeNull($"{path} is a valid image");
        bitmap.Width.Should().Be(width);
        bitmap.Height.Should().Be(height);
        return bitmap;
    }

    /// <summary>Pixels of exactly this colour, inside the given rectangle (default: the whole image).</summary>
    private static int Count(SKBitmap bitmap, string hex, SKRectI? area = null)
    {
        var color = SKColor.Parse(hex);
        var r = area ?? new SKRectI(0, 0, bitmap.Width, bitmap.Height);
        int count = 0;
        for (int y = r.Top; y < r.Bottom; y++)
        {
            for (int x = r.Left; x < r.Right; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Red == color.Red && p.Green == color.Green && p.Blue == color.Blue)
                {
                    count++;
                }
            }
        }
        return count;
    }

    /// <summary>Well inside the heatmap's data area (900 × 760 image): no text, ticks or legend.</summary>
    private static readonly SKRectI DataArea = new(90, 85, 760, 590);

    private static CliRun Sweep(string focal, params string[] extra) => CliRun.Of(["sweep", Path.Combine(Samples, "ideological.json"),
        "--x", "consistency=0.01:0.6:120", "--y", "diversity=0:1:120", "--threshold", "0.05", "--focal", focal, .. extra]);

    [Fact]
    public void Heatmap_ExcludedAndNoInteriorRegions_AreDrawnInTheirColours()
    {
        string png = _dir.Combine("right.png");
        Sweep("right", "--png", png).ExitCode.Should().Be(0);
        using var image = Decode(png, 900, 760);
        Count(image, "#000000", DataArea).Should().BeGreaterThan(10_000, "right is excluded on a band of the grid (4.6%)");
        Count(image, "#D9D9D9").Should().BeGreaterThan(20_000, "the no-interior corner is grey, not page white");
    }

    [Fact]
    public void Heatmap_FocalGroupNeverExcluded_HasNoBlackRegion()
    {
        string png = _dir.Combine("left.png");
        Sweep("left", "--png", png).ExitCode.Should().Be(0);
        using var image = Decode(png, 900, 760);
        Count(image, "#000000", DataArea).Should().BeLessThan(50, "nothing is black inside the data area when nothing is excluded");
        Count(image, "#D9D9D9").Should().BeGreaterThan(20_000);
    }

    [Fact]
    public void Heatmap_Boundary_ShadesTheNoInteriorRegionByTheBoundaryAnswer()
    {
        string png = _dir.Combine("boundary.png");
        Sweep("right", "--png", png, "--boundary").ExitCode.Should().Be(0);
        using var image = Decode(png, 900, 760);
        Count(image, "#B2182B").Should().BeGreaterThan(20_000, "right gets weight 0 at the boundary equilibria of that corner");
        Count(image, "#D9D9D9", DataArea).Should().BeLessThan(50, "every no-interior point is shaded by its boundary answer");
    }

    [Fact]
    public void Heatmap_Svg_IsAVectorDocumentWithTheSameTitle()
    {
        string svg = _dir.Combine("right.svg");
        Sweep("right", "--svg", svg).ExitCode.Should().Be(0);
        string text = File.ReadAllText(svg);
        text.Should().StartWith("<?xml").And.Contain("<svg").And.Contain("exclusion area 4.6%");
    }

    [Fact]
    public void Compare_Png_DrawsABarPerGroupAndGame()
    {
        string a = _dir.File("model-a.json", File.ReadAllText(Path.Combine(Samples, "ideological.json")));
        string b = _dir.File("model-b.json", File.ReadAllText(Path.Combine(Samples, "ideological.json")).Replace("\"consistency\": 0.5", "\"consistency\": 0.25", StringComparison.Ordinal));
        string png = _dir.Combine("compare.png");
        CliRun.Of("compare", a, b, "--x", "attractiveness=0.2:2:60", "--y", "diversity=0:1:60", "--threshold", "0.05", "--png", png).ExitCode.Should().Be(0);
        using var image = Decode(png, 1000, 600);
        Count(image, "#0072B2").Should().BeGreaterThan(500, "the first game's bars");
        Count(image, "#E69F00").Should().BeGreaterThan(500, "the second game's bars");
    }

    [Fact]
    public void Steer_Png_DrawsEveryGroupsCurve()
    {
        string png = _dir.Combine("steer.png");
        CliRun.Of("steer", Path.Combine(Samples, "ideological.json"), "--threshold", "0.2", "--png", png).ExitCode.Should().Be(0);
        using var image = Decode(png, 900, 600);
        foreach (string color in new[] { "#0072B2", "#E69F00", "#009E73" })
        {
            Count(image, color).Should().BeGreaterThan(300, $"the curve in {color}");
        }
    }
}

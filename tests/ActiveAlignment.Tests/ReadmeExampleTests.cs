using System.Text.RegularExpressions;

namespace ActiveAlignment.Tests;

/// <summary>
/// The README's C# example is the body of <see cref="QuickStart"/>, character for character (indentation aside): one test
/// checks the two agree, another runs the code and checks what it prints.
/// </summary>
public class ReadmeExampleTests
{
    // The README prints as a user's first program would (current culture); the test sets nothing culture-specific.
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Globalization", "CA1305:Specify IFormatProvider",
        Justification = "The body is the README's example verbatim.")]
    private static void QuickStart(TextWriter console)
    {
        #region readme-quickstart
        var game = AlignmentGame.Create(
            names: ["left", "center", "right"],
            attractiveness: [0.5, 0.3, 0.2],
            inconsistency: new double[,] { { 1.0, 0.2, 0.1 }, { 0.2, 0.5, 0.2 }, { 0.1, 0.2, 1.2 } },
            agents: 4,
            coefficients: new IncentiveCoefficients(attractiveness: 1.0, consistency: 0.5, diversity: 0.3));

        var eq = EquilibriumSolver.Solve(game);

        console.WriteLine(eq.Status);                            // Interior
        console.WriteLine(eq.WeightOf("right").ToString("F6"));  // 0.151007  (= 45/298)
        console.WriteLine(eq.Multiplier.ToString("F6"));         // -0.153691 (= -229/1490)
        console.WriteLine(eq.IsCertifiedEquilibrium);            // True: Nash gap <= 1e-10 * scale
        console.WriteLine(string.Join(", ", eq.Excluded(0.2)));  // right     (weight below 0.2)
        #endregion
    }

    [Fact]
    public void QuickStart_Runs_AndPrintsTheCommentedValues()
    {
        var output = new StringWriter { NewLine = "\n" };
        QuickStart(output);
        output.ToString().Should().Be("Interior\n0.151007\n-0.153691\nTrue\nright\n");
    }

    [Fact]
    public void Readme_ContainsTheQuickStartVerbatim()
    {
        string root = FindRepositoryRoot();
        string source = File.ReadAllText(Path.Combine(root, "tests", "ActiveAlignment.Tests", "ReadmeExampleTests.cs"));
        var match = Regex.Match(source, @"#region readme-quickstart\r?\n(?<code>.*?)\r?\n\s*#endregion", RegexOptions.Singleline);
        match.Success.Should().BeTrue();
        string code = string.Join("\n", match.Groups["code"].Value.Split('\n').Select(l => l.TrimEnd('\r')).Select(l => l.Length >= 8 ? l[8..] : l.Trim()));
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        readme.Should().Contain(code.Replace("console.WriteLine", "Console.WriteLine", StringComparison.Ordinal));
    }

    internal static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActiveAlignment.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("ActiveAlignment.sln not found above " + AppContext.BaseDirectory);
    }
}

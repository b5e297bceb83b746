using System.Text.RegularExpressions;
using ActiveAlignment.Estimation;

namespace ActiveAlignment.Tests.Estimation;

/// <summary>The C# example of docs/estimation.md#library is the body of <see cref="Example"/>, and it runs.</summary>
public class EstimationExampleTests
{
    private static void Example(TextWriter console)
    {
        #region estimation-example
        var a = AttractivenessTable.ReadFile("samples/estimation/attractiveness.csv");
        var c = PairTable.ReadFile("samples/estimation/inconsistency.csv", a.Groups);
        var template = GameEstimator.Template(a.Groups, agents: 6, new IncentiveCoefficients(1.0, 0.5, 0.2));
        var estimate = GameEstimator.Estimate(a, c, similarity: null, template, new EstimationOptions { Replicates = 200 });

        var answer = EnsembleAnalysis.Solve(estimate.Ensemble, threshold: 0.05, confidence: 0.95);
        foreach (var g in answer.Groups)
        {
            console.WriteLine($"{g.Name}: {g.Point:F3} {g.Interval}, P(excluded) = {g.ExclusionProbability}");
        }
        #endregion
    }

    [Fact]
    public void The_documented_example_runs_from_the_repository_root()
    {
        // The example uses paths relative to the repository root, as a reader would run it; every test that needs a working
        // directory sets this same one.
        Environment.CurrentDirectory = TestPaths.RepositoryRoot;
        var output = new StringWriter { NewLine = "\n" };
        Example(output);
        string text = output.ToString();
        text.Should().StartWith("openness: 0.300 [0.2899");
        text.Should().Contain("neuroticism: 0.000 [0, 0], P(excluded) = 1");
    }

    [Fact]
    public void The_documentation_contains_the_example_verbatim()
    {
        string source = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "tests", "ActiveAlignment.Tests", "Estimation", "EstimationExampleTests.cs"));
        var match = Regex.Match(source, @"#region estimation-example\r?\n(?<code>.*?)\r?\n\s*#endregion", RegexOptions.Singleline);
        match.Success.Should().BeTrue();
        string code = string.Join("\n", match.Groups["code"].Value.Split('\n').Select(l => l.TrimEnd('\r')).Select(l => l.Length >= 8 ? l[8..] : l.Trim()));
        string doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "estimation.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        doc.Should().Contain(code.Replace("console.WriteLine", "Console.WriteLine", StringComparison.Ordinal));
    }
}

using System.Text.RegularExpressions;

namespace ActiveAlignment.Tests.Cli;

/// <summary>Every example in `--help` runs as written from the repository root (here: a scratch copy of samples/).</summary>
public class HelpExampleTests
{
    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (string name in new[] { "solve", "validate", "sweep", "merge", "compare", "steer", "report", "estimate", "infer", "tts", "welfare", "nash", "allocate", "demo", "equilibria", "dynamics" })
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_help_example_runs(string command)
    {
        var help = CliRun.Of(command, "--help");
        help.ExitCode.Should().Be(0);
        string text = Regex.Replace(help.Out, @"\s+", " ");
        var match = Regex.Match(text, @"Example: (?<example>active-alignment .*?) Usage:");
        match.Success.Should().BeTrue($"`{command} --help` shows an example");
        help.Out.Should().NotMatchRegex(@"--[a-z-]+ <[a-z-]+>", "every option's placeholder says what goes there (FILE, T, NAME=START:STOP:COUNT), not its own name");
        string scratch = Path.Combine(Path.GetTempPath(), "aa-help-" + Guid.NewGuid().ToString("N"));
        TestPaths.CopyDirectory(Path.Combine(TestPaths.RepositoryRoot, "samples"), Path.Combine(scratch, "samples"));
        try
        {
            foreach (string step in match.Groups["example"].Value.Split(" && "))
            {
                var args = step.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                    .Select(a => IsPath(a) ? Absolute(scratch, a) : a).ToArray();
                var run = CliRun.Of(args);
                run.ExitCode.Should().Be(0, $"`{step}` runs as written: {run.Error}");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Samples_WritesEveryExampleFile_AndRefusesToOverwriteWithoutForce()
    {
        string scratch = Path.Combine(Path.GetTempPath(), "aa-samples-" + Guid.NewGuid().ToString("N"));
        try
        {
            string target = Path.Combine(scratch, "samples");
            var run = CliRun.Of("samples", target);
            run.ExitCode.Should().Be(0, run.Error);
            foreach (string file in Directory.GetFiles(TestPaths.Samples, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".py", StringComparison.Ordinal)))
            {
                string relative = Path.GetRelativePath(TestPaths.Samples, file);
                File.ReadAllBytes(Path.Combine(target, relative)).Should().Equal(File.ReadAllBytes(file), relative);
            }
            CliRun.Of("samples", target).ShouldFailWith(2, "*already exist; give --force to overwrite them.*");
            CliRun.Of("samples", target, "--force").ExitCode.Should().Be(0);
            CliRun.Of("solve", Path.Combine(target, "ideological.json")).ExitCode.Should().Be(0);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>A file argument (input or output), possibly as NAME=FILE: run it inside the scratch folder.</summary>
    private static bool IsPath(string argument) => !argument.StartsWith('-') &&
        (argument == "demo-output" || Regex.IsMatch(argument, @"(^|=)[\w./-]+\.(json|png|svg|md|html|csv)$"));

    private static string Absolute(string scratch, string argument)
    {
        int equals = argument.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && argument[..equals].IndexOf('/', StringComparison.Ordinal) < 0
            ? argument[..(equals + 1)] + Path.Combine(scratch, argument[(equals + 1)..])
            : Path.Combine(scratch, argument);
    }

}

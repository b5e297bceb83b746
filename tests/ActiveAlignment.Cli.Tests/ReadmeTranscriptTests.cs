using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ActiveAlignment.Tests;

/// <summary>
/// Every `$ active-alignment …` transcript in the README and in docs/tutorial.md reproduces verbatim: each is run as a new user would, as a separate
/// process, in a scratch folder holding a copy of samples/.
/// </summary>
public class ReadmeTranscriptTests
{

    /// <summary>The documents whose transcripts are checked: the README and the tutorial.</summary>
    private static readonly string[] Documents = ["README.md", "docs/tutorial.md"];

    /// <summary>(command line, expected stdout) for every transcript whose inputs ship with the repository.</summary>
    public static TheoryData<string, string> Transcripts()
    {
        var data = new TheoryData<string, string>();
        string text = string.Concat(Documents.Select(d => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, d)) + "\n"));
        foreach (Match block in Regex.Matches(text, "```\\n(\\$ active-alignment .*?)```", RegexOptions.Singleline))
        {
            foreach (Match run in Regex.Matches(block.Groups[1].Value, "^\\$ (active-alignment [^\\n]*)\\n(.*?)(?=^\\$ |\\z)", RegexOptions.Singleline | RegexOptions.Multiline))
            {
                string command = run.Groups[1].Value;
                string expected = run.Groups[2].Value;
                if (Regex.IsMatch(command, "bad\\.json|model-[ab]\\.json"))
                {
                    continue; // illustrative inputs the reader writes themselves
                }
                // Two transcripts in one block are separated by a blank line.
                data.Add(command, expected.EndsWith("\n\n", StringComparison.Ordinal) ? expected[..^1] : expected);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Transcripts))]
    public async Task Transcript_Reproduces(string command, string expected)
    {
        string root = TestPaths.RepositoryRoot;
        string scratch = Path.Combine(Path.GetTempPath(), "aa-readme-" + Guid.NewGuid().ToString("N"));
        TestPaths.CopyDirectory(Path.Combine(root, "samples"), Path.Combine(scratch, "samples"));
        try
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = scratch, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "active-alignment.dll"));
            foreach (string arg in command.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            string output = await stdout, error = await stderr;
            process.ExitCode.Should().Be(0, error);
            output.Should().Be(expected, $"the README shows the output of `{command}`");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void Transcripts_AreFound()
    {
        Transcripts().Count.Should().BeGreaterThanOrEqualTo(16, "11 in the README, 5 in the tutorial");
    }

}

using System.Security.Cryptography;
using System.Text;
using ActiveAlignment.IO;

namespace ActiveAlignment.Tests.IO;

/// <summary>
/// The library's input and output files: outputs appear together on commit or not at all, never over an input (found by
/// file identity), links are followed and kept; inputs are recorded with the SHA-256 of their bytes.
/// </summary>
public sealed class OutputFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("aa-io-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    private string[] Entries() => Directory.EnumerateFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Outputs_appear_together_on_commit_and_not_before()
    {
        using var outputs = new OutputFiles();
        outputs.Write(PathOf("a.csv"), "--csv", s => s.Write("1,2\n"u8));
        outputs.Write(PathOf("b.png"), "--png", s => s.Write([1, 2, 3]));
        File.Exists(PathOf("a.csv")).Should().BeFalse();
        File.Exists(PathOf("b.png")).Should().BeFalse();
        outputs.Pending.Should().Be(2);
        outputs.Commit();
        File.ReadAllText(PathOf("a.csv")).Should().Be("1,2\n");
        File.ReadAllBytes(PathOf("b.png")).Should().Equal(1, 2, 3);
        Entries().Should().Equal("a.csv", "b.png"); // no temporary sibling left
    }

    [Fact]
    public void Without_commit_nothing_is_written_and_the_old_file_stays()
    {
        File.WriteAllText(PathOf("old.csv"), "old");
        using (var outputs = new OutputFiles())
        {
            outputs.Write(PathOf("old.csv"), "--csv", s => s.Write("new"u8));
            outputs.Write(PathOf("fresh.csv"), "--csv", s => s.Write("x"u8));
        }
        File.ReadAllText(PathOf("old.csv")).Should().Be("old");
        Entries().Should().Equal("old.csv");
    }

    [Fact]
    public void A_failing_writer_leaves_nothing_and_names_the_field()
    {
        using var outputs = new OutputFiles();
        var act = () => outputs.Write(PathOf("x.csv"), "--csv", _ => throw new IOException("disk full"));
        act.Should().Throw<OutputFileException>().Where(e => e.Field == "--csv" && e.Message.StartsWith("--csv ", StringComparison.Ordinal)
            && e.Message.Contains("disk full", StringComparison.Ordinal));
        Entries().Should().BeEmpty();
    }

    [Fact]
    public void An_input_is_refused_under_another_name_too()
    {
        string input = PathOf("game.json");
        File.WriteAllText(input, "{}");
        var inputs = new InputFiles();
        inputs.ReadText(input);
        if (!OperatingSystem.IsWindows())
        {
            File.CreateSymbolicLink(PathOf("alias.json"), input);
        }
        using var outputs = new OutputFiles(inputs.Paths);
        foreach (string target in OperatingSystem.IsWindows() ? [input] : new[] { input, PathOf("alias.json") })
        {
            var act = () => outputs.Write(target, "--out", s => s.Write("x"u8));
            act.Should().Throw<OutputFileException>().WithMessage("--out *: is this command's input *writing it would destroy it*");
        }
        File.ReadAllText(input).Should().Be("{}");
    }

    [Fact]
    public void A_link_is_followed_and_stays_a_link()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        File.WriteAllText(PathOf("target.csv"), "old");
        File.CreateSymbolicLink(PathOf("link.csv"), "target.csv");
        using var outputs = new OutputFiles();
        outputs.Write(PathOf("link.csv"), "--csv", s => s.Write("new"u8));
        outputs.Commit();
        new FileInfo(PathOf("link.csv")).LinkTarget.Should().Be("target.csv");
        File.ReadAllText(PathOf("target.csv")).Should().Be("new");
    }

    [Fact]
    public void Unwritable_paths_are_refused_before_any_work()
    {
        ((Action)(() => OutputFiles.Check(_dir, "--png"))).Should().Throw<OutputFileException>().WithMessage("--png *: is a directory*");
        ((Action)(() => OutputFiles.Check(PathOf("missing/x.png"), "--png"))).Should().Throw<OutputFileException>().WithMessage("--png *: the directory * does not exist.");
        ((Action)(() => OutputFiles.Check(" ", "--png"))).Should().Throw<OutputFileException>().WithMessage("--png: the path is empty.");
    }

    [Fact]
    public void A_cancelled_set_commits_nothing()
    {
        using var source = new CancellationTokenSource();
        using var outputs = new OutputFiles(cancellation: source.Token);
        outputs.Write(PathOf("a.csv"), "--csv", s => s.Write("1"u8));
        source.Cancel();
        ((Action)outputs.Commit).Should().Throw<OperationCanceledException>();
        outputs.Abandon();
        Entries().Should().BeEmpty();
    }

    [Fact]
    public void Inputs_are_recorded_with_the_SHA256_of_their_bytes_once_each()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("{\"a\": 1}");
        File.WriteAllBytes(PathOf("g.json"), bytes);
        var inputs = new InputFiles(new StringReader("stdin text"));
        inputs.ReadText(PathOf("g.json")).Should().Be("{\"a\": 1}");
        inputs.ReadText(PathOf("g.json"));
        inputs.ReadText("-").Should().Be("stdin text");
        inputs.Files.Select(f => f.Key).Should().Equal(PathOf("g.json"), "-");
        inputs.Files[0].Value.Should().Be(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant());
        InputFiles.Label("-").Should().Be(InputFiles.StandardInputLabel);
    }

    [Fact]
    public void Unreadable_inputs_say_why_with_the_field()
    {
        var inputs = new InputFiles();
        ((Action)(() => inputs.ReadText(PathOf("none.json")))).Should().Throw<InputFileException>().WithMessage("*none.json: no such file.");
        ((Action)(() => inputs.ReadText(_dir))).Should().Throw<InputFileException>().WithMessage("*: is a directory; give the path of a file.");
        ((Action)(() => InputFiles.Read(PathOf("t.csv"), File.ReadAllText, "--attractiveness"))).Should().Throw<InputFileException>()
            .WithMessage("--attractiveness *t.csv: no such file.");
        inputs.Files.Should().BeEmpty();
    }
}

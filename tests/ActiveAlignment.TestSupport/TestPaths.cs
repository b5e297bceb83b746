namespace ActiveAlignment.Tests;

/// <summary>Where the repository's own files are, from a test's output folder.</summary>
public static class TestPaths
{
    /// <summary>The folder holding ActiveAlignment.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The repository's samples/ folder.</summary>
    public static string Samples => Path.Combine(RepositoryRoot, "samples");

    /// <summary>Copies a folder recursively (tests run the README and --help examples in a scratch copy of samples/).</summary>
    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (string dir in Directory.GetDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ActiveAlignment.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("the repository root (ActiveAlignment.sln) was not found above the test output.");
    }
}

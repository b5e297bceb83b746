using System.CommandLine;

namespace ActiveAlignment.Cli.Commands;

/// <summary>
/// <c>active-alignment samples [DIR]</c>: writes the sample files that the <c>--help</c> examples, the README and the tutorial use, so
/// that an installed tool (which has no repository) can run them.
/// </summary>
internal static class SamplesCommand
{
    public static Command Create(CommandContext context)
    {
        var directory = new Argument<string>("DIR")
        {
            Description = "The folder to write the samples into (created if missing); the --help examples expect it to be called samples.",
            DefaultValueFactory = _ => "samples",
        };
        var force = new Option<bool>("--force") { Description = "Overwrite sample files that already exist." };
        var command = new Command("samples",
            "Write the sample games, populations, payoff files and measurement tables that the --help examples and the README use " +
            "into DIR, so every example runs from the folder above it.\n\nExample: active-alignment samples && active-alignment solve samples/ideological.json")
        {
            directory, force,
        };
        command.SetAction(parse =>
        {
            string root = parse.GetValue(directory)!;
            var assembly = typeof(SamplesCommand).Assembly;
            var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith("samples/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
            var targets = names.Select(n => (Resource: n, Path: Path.Combine(root, n["samples/".Length..].Replace('/', Path.DirectorySeparatorChar)))).ToList();
            if (!parse.GetValue(force))
            {
                var existing = targets.Where(t => File.Exists(t.Path)).Select(t => t.Path).ToList();
                if (existing.Count > 0)
                {
                    throw new CliException($"{existing[0]}{(existing.Count > 1 ? $" and {existing.Count - 1} more sample files" : "")} already exist; give --force to overwrite them.");
                }
            }
            foreach (var (resource, path) in targets)
            {
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"{root}: cannot create the folder ({e.Message}).");
                }
                using var stream = assembly.GetManifestResourceStream(resource)!;
                var bytes = new MemoryStream();
                stream.CopyTo(bytes);
                byte[] data = bytes.ToArray();
                AtomicFile.Write(context, path, "DIR", s => s.Write(data));
            }
            context.Buffer.Write($"wrote {targets.Count} sample files into {root}/; try: active-alignment solve {Path.Combine(root, "ideological.json")}\n");
            return 0;
        });
        return command;
    }
}

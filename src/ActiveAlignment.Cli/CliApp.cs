using System.CommandLine;
using ActiveAlignment.Cli.Commands;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Cli;

/// <summary>
/// The <c>active-alignment</c> command tree, runnable in-process: arguments in; stdout, stderr and the exit code out.
/// Exit codes: 0 success; 2 invalid input or usage (one message on stderr naming the file, JSON path or option);
/// 1 unexpected failure. Nothing reaches stdout unless the command succeeds.
/// </summary>
public static class CliApp
{
    /// <summary>Exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>Exit code of an unexpected failure.</summary>
    public const int UnexpectedFailure = 1;

    /// <summary>Exit code of invalid input or usage.</summary>
    public const int InvalidInput = 2;

    /// <summary>
    /// Exit code with <c>--require-certified</c> when some answer is not certified (docs in the README, 'Pipelines'): the output
    /// is written as usual, so a pipeline can inspect it, and standard error says which answer and why.
    /// </summary>
    public const int NotCertified = 3;

    /// <summary>Exit code when standard output's reader has gone (a closed pipe, e.g. <c>| head</c>): 128 + SIGPIPE, quietly.</summary>
    public const int BrokenPipe = 141;

    /// <summary>The exit code (and message) when standard output cannot be written.</summary>
    internal static int OutputFailed(StandardOutputException e, CliConsole console)
    {
        if (e.BrokenPipe)
        {
            return BrokenPipe;
        }
        console.Error.WriteLine($"error: cannot write standard output ({e.Message}).");
        return InvalidInput;
    }

    /// <summary>Removes the outputs a failed command wrote but did not commit; false, so that it can run as an exception filter.</summary>
    private static bool Abandon(CommandContext context)
    {
        context.Outputs.Abandon();
        return false;
    }

    /// <summary>Runs the tool.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <param name="console">The streams to use.</param>
    /// <param name="cancellation">Cancels long-running commands (Ctrl-C); output files are then not written.</param>
    /// <returns>The exit code.</returns>
    public static int Run(string[] args, CliConsole console, CancellationToken cancellation = default)
    {
        var context = new CommandContext(console, cancellation);
        var root = BuildRoot(context);
        if (args.Length == 0)
        {
            // No arguments: the usage and the commands, on stderr, as a usage error.
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = console.Error, Error = console.Error });
            return InvalidInput;
        }
        var parse = root.Parse(args);
        bool verbose = parse.GetValue(context.Verbose);
        if (parse.Errors.Count > 0)
        {
            var commands = root.Subcommands.Select(c => c.Name).ToList();
            foreach (var error in parse.Errors)
            {
                if (error.Message.StartsWith("Required command was not provided", StringComparison.Ordinal) && !commands.Contains(args[0]))
                {
                    continue; // the unknown command below says it better
                }
                console.Error.WriteLine($"error: {Format.Visible(Reword(error.Message, parse))}");
            }
            if (!args[0].StartsWith('-') && !commands.Contains(args[0]) && Closest(args[0], commands) is { } suggestion)
            {
                console.Error.WriteLine($"Did you mean '{suggestion}'? The commands are {string.Join(", ", commands)}.");
            }
            console.Error.WriteLine($"Run 'active-alignment {CommandPath(parse)}--help' for usage and an example.");
            return InvalidInput;
        }
        try
        {
            int code = parse.Invoke(new InvocationConfiguration
            {
                Output = context.Buffer,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
            bool answered = code is Success or NotCertified;
            if (answered)
            {
                context.Outputs.Commit();
            }
            else
            {
                context.Outputs.Abandon();
            }
            if (answered && context.StandardOutputData.Count == 0 && WantsJson(parse) && parse.CommandResult.Command.Name != "merge")
            {
                // Every JSON answer carries its provenance (docs in the README, 'Provenance').
                string answer = context.Buffer.ToString();
                context.Buffer.GetStringBuilder().Clear();
                context.Buffer.Write(Provenance.Append(answer, parse, console, parse.CommandResult.Command.Name == "estimate" ? ["--ensemble"] : []));
            }
            if (answered)
            {
                if (context.StandardOutputData.Count > 0)
                {
                    console.Error.Write(Format.Visible(context.Buffer.ToString()));
                    foreach (byte[] data in context.StandardOutputData)
                    {
                        if (console.Binary is { } binary)
                        {
                            binary.Write(data);
                            binary.Flush();
                        }
                        else
                        {
                            console.Out.Write(System.Text.Encoding.UTF8.GetString(data));
                        }
                    }
                }
                else
                {
                    // Text for a terminal: names' control characters are shown, not obeyed (JSON escapes them itself).
                    console.Out.Write(WantsJson(parse) ? context.Buffer.ToString() : Format.Visible(context.Buffer.ToString()));
                }
                console.Out.Flush();
            }
            return code;
        }
        catch (Exception) when (Abandon(context))
        {
            throw; // not reached: Abandon returns false after removing the uncommitted outputs
        }
        catch (Exception e) when (e is CliException or InputFormatException or IO.OutputFileException or IO.InputFileException)
        {
            console.Error.WriteLine($"error: {Format.Visible(e.Message)}");
            return InvalidInput;
        }
        catch (StandardOutputException e)
        {
            return OutputFailed(e, console);
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled: no output file was written.");
            return console.CancelledExitCode;
        }
        catch (Exception e)
        {
            console.Error.WriteLine(verbose
                ? $"unexpected failure: {e}"
                : $"unexpected failure: {e.Message} (run with --verbose for details)");
            return UnexpectedFailure;
        }
    }

    /// <summary>Parser messages in the tool's words: no .NET type names, and "did you mean" for a mistyped option.</summary>
    internal static string Reword(string message, ParseResult parse)
    {
        var cannotParse = System.Text.RegularExpressions.Regex.Match(message, "^Cannot parse argument '(?<value>.*)' for (?<what>option|command|argument) '(?<name>[^']*)' as expected type '(?<type>[^']*)'\\.?$");
        if (cannotParse.Success)
        {
            string type = cannotParse.Groups["type"].Value;
            string expected = type.Contains("Double", StringComparison.Ordinal) ? "a number (e.g. 0.05)"
                : type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
                : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
                : "a value of the documented form";
            return $"{cannotParse.Groups["name"].Value} {cannotParse.Groups["value"].Value}: expected {expected}.";
        }
        var unknown = System.Text.RegularExpressions.Regex.Match(message, "^Unrecognized command or argument '(?<token>.*)'\\.?$");
        if (unknown.Success && unknown.Groups["token"].Value.StartsWith('-'))
        {
            string token = unknown.Groups["token"].Value;
            var options = parse.CommandResult.Command.Options.Select(o => o.Name).Where(n => n.StartsWith("--", StringComparison.Ordinal)).ToList();
            return Closest(token, options) is { } near
                ? $"unknown option '{token}'. Did you mean '{near}'?"
                : $"unknown option '{token}'; the options of this command are {string.Join(", ", options.Where(o => o != "--help"))}.";
        }
        if (unknown.Success)
        {
            return $"unexpected argument '{unknown.Groups["token"].Value}'.";
        }
        return message.Replace("System.Double", "number", StringComparison.Ordinal).Replace("System.Int32", "whole number", StringComparison.Ordinal);
    }

    /// <summary>What goes after an option in --help (bool flags take none).</summary>
    private static string? Placeholder(Option option) => option.ValueType == typeof(bool) ? null : option.Name switch
    {
        "--x" or "--y" => "NAME=START:STOP:COUNT",
        "--threshold" => "T",
        "--focal" => "GROUP",
        "--target" => "NAME=W,NAME=W,...",
        "--max-diversity" => "X",
        "--k" => "K,K,...",
        "--welfare" => "FUNCTION",
        "--price-range" => "0:P",
        "--max-equilibria" or "--max-candidates" => "N",
        "--csv" or "--png" or "--svg" or "--markdown" or "--out" or "--partial" => "FILE",
        _ => option.Name.TrimStart('-').ToUpperInvariant(),
    };

    private static bool WantsJson(ParseResult parse) =>
        parse.CommandResult.Command.Options.OfType<Option<bool>>().FirstOrDefault(o => o.Name == "--json") is { } json && parse.GetValue(json);

    /// <summary>The command within edit distance 2 of <paramref name="word"/>, if exactly one is nearest.</summary>
    /// <summary>The candidate within edit distance 2 of the word, when exactly one is closest (for "did you mean").</summary>
    internal static string? Closest(string word, IReadOnlyList<string> candidates)
    {
        var best = candidates.Select(c => (Name: c, Distance: ActiveAlignment.Internal.EditDistance.Between(word, c))).OrderBy(c => c.Distance).ToList();
        return best.Count > 0 && best[0].Distance <= 2 && (best.Count == 1 || best[1].Distance > best[0].Distance) ? best[0].Name : null;
    }

    private static string CommandPath(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        return command is RootCommand ? "" : command.Name + " ";
    }

    private static RootCommand BuildRoot(CommandContext context)
    {
        var root = new RootCommand(
            "active-alignment: which human groups does a population of LLM agents end up serving? Solves, certifies, maps and steers " +
            "the Nash equilibria of the active-alignment game (docs/model.md).\n\nStart with: active-alignment demo\nThe --help examples use sample files: active-alignment samples writes them into ./samples.");
        root.Options.Add(context.Verbose);
        root.Subcommands.Add(SolveCommand.Create(context));
        root.Subcommands.Add(ValidateCommand.Create(context));
        root.Subcommands.Add(SweepCommand.Create(context));
        root.Subcommands.Add(MergeCommand.Create(context));
        root.Subcommands.Add(CompareCommand.Create(context));
        root.Subcommands.Add(SteerCommand.Create(context));
        root.Subcommands.Add(EquilibriaCommand.Create(context));
        root.Subcommands.Add(DynamicsCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(EstimateCommand.Create(context));
        root.Subcommands.Add(InferCommand.Create(context));
        root.Subcommands.Add(TtsCommand.Create(context));
        root.Subcommands.Add(WelfareCommand.Create(context));
        root.Subcommands.Add(NashCommand.Create(context));
        root.Subcommands.Add(AllocateCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(SamplesCommand.Create(context));
        foreach (var command in root.Subcommands)
        {
            foreach (var option in command.Options)
            {
                option.HelpName ??= Placeholder(option);
            }
        }
        return root;
    }
}

/// <summary>What every command shares: the console, the output buffer, cancellation and the global options.</summary>
internal sealed class CommandContext(CliConsole console, CancellationToken cancellation)
{
    public CliConsole Console { get; } = console;

    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Standard output is buffered and written only when the command succeeds.</summary>
    public StringWriter Buffer { get; } = new() { NewLine = "\n" };

    /// <summary>
    /// Files written to "-": when any is, it is what standard output carries, and the command's own summary goes to standard
    /// error instead (so a pipe receives only the data).
    /// </summary>
    public List<byte[]> StandardOutputData { get; } = [];

    /// <summary>Output files, written to their temporary siblings and renamed together when the command succeeds.</summary>
    public IO.OutputFiles Outputs { get; } = new(console.Inputs.Paths, cancellation);

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show exception details on unexpected failures.",
        Recursive = true,
    };

    public static Argument<string> GameArgument() => new("GAME")
    {
        Description = "Path of a JSON game file, or - to read it from standard input.",
    };

    public static Option<bool> JsonOption() => new("--json")
    {
        Description = "Print one JSON object on stdout (camelCase) instead of a table.",
    };

    public static Option<double> ThresholdOption() => new("--threshold")
    {
        Description = "Exclusion threshold τ in (0, 1): a group with weight below τ is excluded.",
        DefaultValueFactory = _ => 0.01,
        CustomParser = FiniteNumber,
    };

    /// <summary>
    /// The parser of every numeric option: an invariant-culture decimal that is finite as a double, quoting the text given.
    /// A non-zero literal that rounds to 0 (1e-1000000000) or to infinity (1e400) is refused instead of changing meaning.
    /// </summary>
    public static double FiniteNumber(System.CommandLine.Parsing.ArgumentResult result)
    {
        string option = result.Parent is System.CommandLine.Parsing.OptionResult o ? o.Option.Name : "value";
        string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        string shown = Format.Visible(text.Length > 40 ? text[..40] + "…" : text);
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double value)
            || double.IsNaN(value))
        {
            result.AddError($"{option} {shown}: expected a number (e.g. 0.05).");
            return 0;
        }
        if (double.IsInfinity(value))
        {
            result.AddError($"{option} {shown}: too large for a double (the magnitude must be at most 1.8e308).");
            return 0;
        }
        if (Format.Underflows(text, value))
        {
            result.AddError($"{option} {shown}: not zero, but smaller than the smallest double (4.9e-324); write 0 for zero.");
            return 0;
        }
        return value;
    }

    /// <summary>As <see cref="FiniteNumber"/>, for an optional option.</summary>
    public static double? OptionalFiniteNumber(System.CommandLine.Parsing.ArgumentResult result) => FiniteNumber(result);

    public static Option<string?> EnsembleOption() => new("--ensemble")
    {
        Description = "An ensemble FILE written by 'estimate' (instead of GAME): the answer on the point estimate plus intervals over its bootstrap replicates.",
        HelpName = "FILE",
    };

    public static Option<double> ConfidenceOption() => new("--confidence")
    {
        Description = "Confidence level 1-α in (0, 1) of the intervals given with --ensemble.",
        DefaultValueFactory = _ => 0.95,
        CustomParser = FiniteNumber,
        HelpName = "C",
    };

    public static Option<int> ThreadsOption() => new("--threads")
    {
        Description = "Threads to use; -1 means all cores. The result is the same whatever the number.",
        DefaultValueFactory = _ => -1,
        HelpName = "N",
    };

    public static int CheckThreads(int threads)
    {
        if (threads == 0 || threads < -1)
        {
            throw new CliException($"--threads {threads}: give a number of threads >= 1 (or leave it out for all cores).");
        }
        return threads;
    }

    public static double CheckConfidence(double confidence)
    {
        if (!double.IsFinite(confidence) || confidence <= 0 || confidence >= 1)
        {
            throw new CliException($"--confidence {Format.Number(confidence)}: the confidence level must lie in the open interval (0, 1), e.g. 0.95.");
        }
        return confidence;
    }

    /// <summary>GAME or --ensemble FILE, exactly one.</summary>
    public static string? CheckGameOrEnsemble(string? game, string? ensemble)
    {
        if (game is null && ensemble is null)
        {
            throw new CliException("give a GAME file, or --ensemble FILE for an answer with intervals.");
        }
        if (game is not null && ensemble is not null)
        {
            throw new CliException($"give either a GAME file ({game}) or --ensemble FILE ({ensemble}), not both.");
        }
        return ensemble;
    }

    public static Option<bool> RequireCertifiedOption() => new("--require-certified")
    {
        Description = "Exit with code 3 (after writing the output) when any answer is not certified, so a pipeline can refuse it.",
    };

    /// <summary>The exit code of a command with --require-certified: 3, with the reason on stderr, when an answer is not certified.</summary>
    public int Certified(bool required, bool certified, string what)
    {
        if (!required || certified)
        {
            return CliApp.Success;
        }
        Console.Error.WriteLine($"not certified: {what} (--require-certified: exit code {CliApp.NotCertified}).");
        return CliApp.NotCertified;
    }

    public static double CheckThreshold(double threshold)
    {
        if (!double.IsFinite(threshold) || threshold <= 0 || threshold >= 1)
        {
            throw new CliException($"--threshold {Format.Number(threshold)}: the threshold must lie in the open interval (0, 1).");
        }
        return threshold;
    }
}

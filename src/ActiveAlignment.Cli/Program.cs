namespace ActiveAlignment.Cli;

/// <summary>The process entry point of <c>active-alignment</c>.</summary>
public static class Program
{
    /// <summary>Runs the tool on the process's console streams.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 on success, 2 for invalid input or usage, 1 for an unexpected failure.</returns>
    public static int Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        var console = new CliConsole(Console.In, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected);
        return CliApp.Run(args, console, cancellation.Token);
    }
}

using System.Runtime.InteropServices;

namespace ActiveAlignment.Cli;

/// <summary>The process entry point of <c>active-alignment</c>.</summary>
public static class Program
{
    /// <summary>How long a cancelled command may take to stop by itself before the process ends anyway.</summary>
    private const int GracePeriodMilliseconds = 500;

    /// <summary>Runs the tool on the process's console streams.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 on success, 2 for invalid input or usage, 1 for an unexpected failure, 128 + the signal number when cancelled.</returns>
    public static int Main(string[] args)
    {
        if (StandardStreams.IsClosed(1))
        {
            Console.Error.WriteLine("error: standard output is closed; give the command somewhere to write (> FILE, or a pipe).");
            return CliApp.InvalidInput;
        }
        using var cancellation = new CancellationTokenSource();
        using var stdout = StandardStreams.OpenOutput();
        using var stdoutText = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), 1 << 16, leaveOpen: true);
        // A standard input closed by the caller reads as empty, never as the runtime's own pipe (which would wait forever).
        using var stdinStream = StandardStreams.IsClosed(0) ? Stream.Null : Console.OpenStandardInput();
        using var stdin = new StreamReader(stdinStream, new System.Text.UTF8Encoding(false), false, 1 << 16);
        var console = new CliConsole(stdin, stdoutText, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected) { Binary = stdout, BinaryIn = stdinStream };
        // SIGINT, SIGTERM and SIGHUP cancel the run: the command stops, its temporary files are removed, nothing more is
        // committed, and the exit code says which signal it was (128 + signal number). Long loops observe the token; any
        // computation that has not stopped within the grace period (a long exact operation, a library call) is ended.
        int stopping = 0;
        void Stop(PosixSignalContext signal, int code)
        {
            signal.Cancel = true;
            if (Interlocked.Exchange(ref stopping, 1) == 1)
            {
                return;
            }
            console.CancelledExitCode = code;
            IO.OutputFiles.StopAll();
            cancellation.Cancel();
            new Thread(() =>
            {
                Thread.Sleep(GracePeriodMilliseconds);
                IO.OutputFiles.StopAll();
                console.Error.WriteLine("cancelled: no output file was written.");
                console.Error.Flush();
                Environment.Exit(code);
            })
            { IsBackground = true, Name = "cancellation watchdog" }.Start();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, s => Stop(s, 130));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, s => Stop(s, 143));
        using var hangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, s => Stop(s, 129));
        int code = CliApp.Run(args, console, cancellation.Token);
        try
        {
            stdoutText.Flush();
        }
        catch (StandardOutputException e)
        {
            return CliApp.OutputFailed(e, console);
        }
        return code;
    }
}

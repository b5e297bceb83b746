using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Cli;

/// <summary>A one-line progress bar on stderr, drawn only when stderr is a terminal (so pipelines see nothing).</summary>
internal sealed class ProgressBar(CliConsole console, string unit = "points") : IProgress<SweepProgress>, IProgress<int>
{
    private int _lastPercent = -1;

    /// <summary>Total for <see cref="IProgress{T}"/> of int (replicates done).</summary>
    public long Total { get; init; }

    public void Report(int value) => Report(new SweepProgress(value, Total));

    private readonly Lock _gate = new();

    public void Report(SweepProgress value)
    {
        if (!console.StderrIsTerminal)
        {
            return;
        }
        lock (_gate)
        {
            Draw(value);
        }
    }

    private void Draw(SweepProgress value)
    {
        int percent = (int)(100 * value.Fraction);
        if (percent == _lastPercent)
        {
            return;
        }
        _lastPercent = percent;
        int filled = percent * 30 / 100;
        console.Error.Write($"\r[{new string('#', filled)}{new string('.', 30 - filled)}] {percent,3}% ({value.PointsDone:N0}/{value.TotalPoints:N0} {unit})");
        if (value.PointsDone == value.TotalPoints)
        {
            console.Error.Write("\r" + new string(' ', 80) + "\r");
        }
        console.Error.Flush();
    }
}

using System.Diagnostics;
using System.Globalization;
using ActiveAlignment.Serialization;
using BenchmarkDotNet.Running;

namespace ActiveAlignment.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>
    /// Runs the benchmarks chosen on the command line; or, with <c>--first-calls GAME N</c>, times what a fresh process
    /// pays for its first certified solves (used by <c>benchmarks/peer/qp_compare.py</c>, one process per measurement).
    /// </summary>
    /// <param name="args">BenchmarkDotNet arguments (e.g. --filter, --job short), or --first-calls GAME N.</param>
    public static void Main(string[] args)
    {
        if (args.Length == 3 && args[0] == "--first-calls")
        {
            FirstCalls(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>
    /// Prints the milliseconds of the first certified solve from scratch (game built from its numbers, as
    /// <see cref="QpPeerBenchmarks"/> does) and of the first <paramref name="count"/> of them, in this fresh process.
    /// </summary>
    private static void FirstCalls(string path, int count)
    {
        var game = GameJson.ReadFile(path); // read outside the clock: the peers are timed from their matrices too
        var names = game.Subpopulations.Select(s => s.Name).ToArray();
        var a = game.Subpopulations.Select(s => s.Attractiveness).ToArray();
        var c = game.Inconsistency.ToArray();
        var clock = Stopwatch.StartNew();
        double first = 0;
        for (int i = 0; i < count; i++)
        {
            var eq = EquilibriumSolver.Solve(AlignmentGame.Create(names, a, c, game.Agents, game.Coefficients));
            if (!eq.IsCertifiedEquilibrium)
            {
                throw new InvalidOperationException($"not certified: {eq.Reason}");
            }
            if (i == 0)
            {
                first = clock.Elapsed.TotalMilliseconds;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first} {clock.Elapsed.TotalMilliseconds}"));
    }
}

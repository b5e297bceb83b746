using BenchmarkDotNet.Running;

namespace ActiveAlignment.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project benchmarks/ActiveAlignment.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Runs the benchmarks chosen on the command line.</summary>
    /// <param name="args">BenchmarkDotNet arguments (e.g. --filter, --job short).</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

using System.Buffers;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;

namespace ActiveAlignment.Sweeps;

/// <summary>Progress of a sweep: points evaluated so far out of the total.</summary>
/// <param name="PointsDone">Points evaluated.</param>
/// <param name="TotalPoints">Points in the grid.</param>
public readonly record struct SweepProgress(long PointsDone, long TotalPoints)
{
    /// <summary>PointsDone / TotalPoints.</summary>
    public double Fraction => TotalPoints == 0 ? 1.0 : (double)PointsDone / TotalPoints;
}

/// <summary>Options of <see cref="ExclusionSweep.Run"/>.</summary>
public sealed class SweepOptions
{
    /// <summary>The exclusion threshold τ in (0, 1); default 0.01.</summary>
    public double Threshold { get; init; } = 0.01;

    /// <summary>Also solve the boundary equilibrium (docs/model.md#boundary) at points with no interior one, reported apart.</summary>
    public bool BoundaryAware { get; init; }

    /// <summary>Threads to use; -1 (default) for all cores. Results are identical whatever the value.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives progress after each block of rows.</summary>
    public IProgress<SweepProgress>? Progress { get; init; }

    /// <summary>Cancels the sweep (an <see cref="OperationCanceledException"/> is thrown between blocks of rows).</summary>
    public CancellationToken CancellationToken { get; init; }
}

/// <summary>
/// Political-exclusion maps (docs/model.md#exclusion): the closed form over a grid of two coefficients (the third fixed), each point
/// classified per subpopulation as no interior equilibrium, excluded (weight &lt; τ) or represented, with exclusion area and
/// conditional exclusion per group and for "any group". Uses <see cref="ClosedFormFamily"/> (O(K²) per point on the diagonal
/// path), runs rows in parallel, keeps only counters (plus what the optional sink asks for), and hands rows to the sink in
/// grid order so CSV output streams.
/// </summary>
public static class ExclusionSweep
{
    private const int PointsPerBlock = 1 << 15;

    // Counter layout per row: [0, K) excluded per group; K any group; K+1 interior; K+2 noInterior; K+3 singular; K+4 notConcave;
    // then the boundary-aware part: [K+5, 2K+5) excluded per group at boundary points; 2K+5 any; 2K+6 solved; 2K+7 unverified.
    private static int Width(int k) => (2 * k) + 8;

    /// <summary>Runs a sweep.</summary>
    /// <param name="game">The game; the coefficient not on an axis keeps the game's value.</param>
    /// <param name="x">The first axis (varies fastest).</param>
    /// <param name="y">The second axis; a different coefficient from <paramref name="x"/>.</param>
    /// <param name="options">Threshold, boundary mode, parallelism, progress and cancellation; null for the defaults.</param>
    /// <param name="sink">Receives every row in order (e.g. <see cref="CsvSweepSink"/>, <see cref="FocalGridSink"/>); null for figures only.</param>
    /// <returns>The counts and exclusion figures.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/>, <paramref name="x"/> or <paramref name="y"/> is null.</exception>
    /// <exception cref="ArgumentException">Both axes name the same coefficient, or the threshold is outside (0, 1).</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled.</exception>
    public static ExclusionSummary Run(AlignmentGame game, GridAxis x, GridAxis y, SweepOptions? options = null, ISweepSink? sink = null)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
        options ??= new SweepOptions();
        if (x.Axis == y.Axis)
        {
            Preconditions.ThrowArgument(nameof(y), $"both axes are {x.Name}; a sweep needs two different coefficients.");
        }
        double threshold = Preconditions.CheckOpenUnitInterval(options.Threshold, "threshold");
        var family = ClosedFormFamily.Create(game);
        int k = game.Count, nx = x.Count, ny = y.Count, width = Width(k);
        var xs = new double[nx];
        for (int i = 0; i < nx; i++)
        {
            xs[i] = x.ValueAt(i);
        }
        int rowsPerBlock = Math.Max(1, Math.Min(ny, PointsPerBlock / nx));
        var totals = new long[width];
        var rowCounters = new long[rowsPerBlock * width];
        var statuses = sink is null ? null : new ClosedFormStatus[rowsPerBlock * nx];
        var weights = sink is null ? null : new double[rowsPerBlock * nx * k];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = options.CancellationToken };
        long total = (long)nx * ny, done = 0;
        for (int blockStart = 0; blockStart < ny; blockStart += rowsPerBlock)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            int rows = Math.Min(rowsPerBlock, ny - blockStart);
            Array.Clear(rowCounters);
            int start = blockStart;
            Parallel.For(0, rows, parallel, r => EvaluateRow(game, family, x, y, xs, start + r, threshold, options.BoundaryAware,
                rowCounters.AsSpan(r * width, width),
                statuses is null ? default : statuses.AsSpan(r * nx, nx),
                weights is null ? default : weights.AsSpan(r * nx * k, nx * k)));
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    totals[c] += rowCounters[(r * width) + c];
                }
                sink?.WriteRow(new SweepRow(start + r, y.ValueAt(start + r), xs, statuses.AsSpan(r * nx, nx), weights.AsSpan(r * nx * k, nx * k), k));
            }
            done += (long)rows * nx;
            options.Progress?.Report(new SweepProgress(done, total));
        }
        return Summarise(game, x, y, threshold, totals, options.BoundaryAware, family.IsDiagonal);
    }

    private static void EvaluateRow(AlignmentGame game, ClosedFormFamily family, GridAxis x, GridAxis y, double[] xs, int yIndex,
        double threshold, bool boundaryAware, Span<long> counters, Span<ClosedFormStatus> rowStatuses, Span<double> rowWeights)
    {
        int k = game.Count, nx = xs.Length;
        Span<double> lambda = [game.Coefficients.Attractiveness, game.Coefficients.Consistency, game.Coefficients.Diversity];
        lambda[(int)y.Axis] = y.ValueAt(yIndex);
        double[]? rentedWeights = null;
        ClosedFormStatus[]? rentedStatuses = null;
        if (rowWeights.IsEmpty)
        {
            rentedWeights = ArrayPool<double>.Shared.Rent(nx * k);
            rentedStatuses = ArrayPool<ClosedFormStatus>.Shared.Rent(nx);
            rowWeights = rentedWeights.AsSpan(0, nx * k);
            rowStatuses = rentedStatuses.AsSpan(0, nx);
        }
        try
        {
            family.EvaluateRow(lambda[0], lambda[1], lambda[2], x.Axis, xs, rowWeights, rowStatuses);
            for (int i = 0; i < nx; i++)
            {
                ReadOnlySpan<double> w = rowWeights.Slice(i * k, k);
                var status = rowStatuses[i];
                switch (status)
                {
                    case ClosedFormStatus.Interior:
                        counters[k + 1]++;
                        bool any = false;
                        for (int g = 0; g < k; g++)
                        {
                            if (w[g] < threshold)
                            {
                                counters[g]++;
                                any = true;
                            }
                        }
                        if (any)
                        {
                            counters[k]++;
                        }
                        break;
                    case ClosedFormStatus.NoInterior:
                        counters[k + 2]++;
                        break;
                    case ClosedFormStatus.Singular:
                        counters[k + 3]++;
                        break;
                    default:
                        counters[k + 4]++;
                        break;
                }
                if (boundaryAware && status is ClosedFormStatus.NoInterior or ClosedFormStatus.Singular)
                {
                    lambda[(int)x.Axis] = xs[i];
                    SolveBoundary(game, lambda, status == ClosedFormStatus.NoInterior ? w : default, threshold, counters[(k + 5)..]);
                }
            }
        }
        finally
        {
            if (rentedWeights is not null)
            {
                ArrayPool<double>.Shared.Return(rentedWeights);
                ArrayPool<ClosedFormStatus>.Shared.Return(rentedStatuses!);
            }
        }
    }

    private static void SolveBoundary(AlignmentGame game, ReadOnlySpan<double> lambda, ReadOnlySpan<double> candidate, double threshold, Span<long> counters)
    {
        int k = game.Count;
        double lambdaD = game.Agents == 1 ? 0.0 : lambda[2];
        var m = new double[k * k];
        game.FillInteractionMatrix(lambda[1], lambdaD, m);
        var b = new double[k];
        for (int i = 0; i < k; i++)
        {
            b[i] = lambda[0] * game.Attractiveness[i];
        }
        double[] start = candidate.IsEmpty ? Enumerable.Repeat(1.0 / k, k).ToArray() : candidate.ToArray();
        var solution = SimplexQuadraticProgram.Maximize(m, b, k, start);
        counters[k + 1]++;
        if (!solution.Polished)
        {
            counters[k + 2]++;
        }
        bool any = false;
        for (int g = 0; g < k; g++)
        {
            if (solution.X[g] < threshold)
            {
                counters[g]++;
                any = true;
            }
        }
        if (any)
        {
            counters[k]++;
        }
    }

    private static ExclusionSummary Summarise(AlignmentGame game, GridAxis x, GridAxis y, double threshold, long[] t, bool boundaryAware, bool diagonal)
    {
        int k = game.Count;
        long points = (long)x.Count * y.Count, interior = t[k + 1];
        GroupExclusion Figure(string name, long excluded, long conditionalBase)
            => new(name, excluded, (double)excluded / points, conditionalBase == 0 ? null : (double)excluded / conditionalBase);
        var groups = new GroupExclusion[k];
        for (int g = 0; g < k; g++)
        {
            groups[g] = Figure(game.Subpopulations[g].Name, t[g], interior);
        }
        var anyGroup = Figure("any group", t[k], interior);
        BoundaryExclusion? boundary = null;
        if (boundaryAware)
        {
            int o = k + 5;
            long solved = t[o + k + 1];
            var boundaryGroups = new GroupExclusion[k];
            var combined = new double[k];
            for (int g = 0; g < k; g++)
            {
                boundaryGroups[g] = Figure(game.Subpopulations[g].Name, t[o + g], solved);
                combined[g] = (double)(t[g] + t[o + g]) / points;
            }
            boundary = new BoundaryExclusion(solved, t[o + k + 2], boundaryGroups, Figure("any group", t[o + k], solved), combined,
                (double)(t[k] + t[o + k]) / points);
        }
        return new ExclusionSummary(x, y, threshold, points, interior, t[k + 2], t[k + 3], t[k + 4], groups, anyGroup, boundary, diagonal);
    }
}

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

    /// <summary>Computes only one shard's rows (see <see cref="SweepShard"/>); null (default) for every row.</summary>
    public SweepShard? Shard { get; init; }
    /// <summary>A one-line summary: the threshold, the boundary option and the shard.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"SweepOptions(τ = {Threshold:G6}{(BoundaryAware ? ", boundary" : "")}{(Shard is null ? "" : $", shard {Shard}")})");
}

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: the grid rows (values of the y axis) y = Index, Index + Count,
/// Index + 2·Count, … Round-robin rows keep shards equally costly when cost varies along y. Shards 0 … Count − 1 together
/// cover every row exactly once.
/// </summary>
/// <param name="Index">0 ≤ Index &lt; Count.</param>
/// <param name="Count">The number of shards, ≥ 1.</param>
public sealed record SweepShard(int Index, int Count)
{
    /// <summary>Checks the shard.</summary>
    /// <exception cref="ArgumentException">Count &lt; 1 or Index outside [0, Count).</exception>
    public SweepShard Validate()
    {
        if (Count < 1 || Index < 0 || Index >= Count)
        {
            Preconditions.ThrowArgument("shard", $"shard {Index}/{Count}: the count must be >= 1 and the index in [0, {Math.Max(0, Count - 1)}].");
        }
        return this;
    }

    /// <summary>The rows of this shard for a y axis of <paramref name="rows"/> values.</summary>
    public IEnumerable<int> Rows(int rows)
    {
        for (long y = Index; y < rows; y += Count) // long: Index + Count may pass int.MaxValue
        {
            yield return (int)y;
        }
    }

    /// <summary>
    /// Checks that the shard indices given are 0 … <paramref name="count"/> − 1, each exactly once (the shards of one sharded
    /// computation, before their results are merged). The work is linear in the number of indices given, not in the count
    /// they claim, and a message names at most five shards.
    /// </summary>
    /// <param name="indices">The index of every shard to be merged.</param>
    /// <param name="count">The shard count they share.</param>
    /// <param name="what">What a shard holds, for the message ("rows", "replicates").</param>
    /// <param name="where">Where from, for the message ("of the y axis").</param>
    /// <param name="total">How many rows or replicates there are: the message lists only those that exist.</param>
    /// <exception cref="ArgumentException">An index repeated, outside [0, count), or missing; the message names which.</exception>
    public static void CheckCover(IReadOnlyList<int> indices, int count, string what, string where, int total = int.MaxValue)
    {
        const int Shown = 5;
        Preconditions.CheckNotNull(indices);
        var outside = indices.Where(i => i < 0 || i >= count).Take(1).ToList();
        if (count < 1 || outside.Count > 0)
        {
            Preconditions.ThrowArgument("partials", count < 1 ? $"a shard count of {count}; it must be >= 1." : $"shard {outside[0]}/{count}: the index must be in [0, {count - 1}].");
        }
        var seen = new HashSet<int>();
        var repeated = new SortedSet<int>();
        foreach (int i in indices)
        {
            if (!seen.Add(i))
            {
                repeated.Add(i);
            }
        }
        if (repeated.Count > 0)
        {
            Preconditions.ThrowArgument("partials", $"shard {string.Join(", ", repeated.Take(Shown).Select(i => $"{i}/{count}"))}{(repeated.Count > Shown ? ", …" : "")} " +
                "given more than once; each shard must be merged exactly once.");
        }
        if (seen.Count < count)
        {
            var missing = new List<int>();
            for (int i = 0; i < count && missing.Count < Shown; i++)
            {
                if (!seen.Contains(i))
                {
                    missing.Add(i);
                }
            }
            long absent = (long)count - seen.Count;
            Preconditions.ThrowArgument("partials", $"shard{(absent == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"{m}/{count}"))}{(absent > Shown ? $", … ({absent} of {count})" : "")} missing: " +
                Uncovered(missing[0], count, total, what, where));
        }
    }

    private static string Uncovered(int first, int count, int total, string what, string where)
    {
        var rows = new List<long>();
        for (long r = first; r < total && rows.Count < 4; r += count)
        {
            rows.Add(r);
        }
        if (rows.Count == 0)
        {
            return $"the missing shards hold no {what} (there are {total}), but every shard must be merged.";
        }
        if (rows.Count == 1)
        {
            return $"{what.TrimEnd('s')} {rows[0]} {where} is not covered.";
        }
        string listed = string.Join(", ", rows.Take(3)) + (rows.Count > 3 ? ", …" : "");
        return $"{what} {listed} {where} are not covered.";
    }

    /// <summary>The number of rows of a <paramref name="rows"/>-row axis this shard covers.</summary>
    /// <param name="rows">The number of values of the y axis.</param>
    /// <returns>⌈(rows − Index) / Count⌉, or 0 when Index ≥ rows.</returns>
    public int RowCount(int rows) => Index >= rows ? 0 : ((rows - 1 - Index) / Count) + 1;

    /// <summary>"I/N".</summary>
    public override string ToString() => $"{Index}/{Count}";
}

/// <summary>
/// The exact integer counters of one shard of a sweep (<see cref="ExclusionSweep.RunPartial"/>); partials of every shard
/// merge, by adding counters, into the summary of the whole sweep (<see cref="ExclusionSweep.Merge"/>), identical to an
/// unsharded run.
/// </summary>
public sealed class SweepPartial
{
    internal SweepPartial(IReadOnlyList<string> groups, GridAxis x, GridAxis y, double threshold, bool boundaryAware, bool diagonal,
        SweepShard shard, SweepCounters counters)
    {
        Groups = groups;
        X = x;
        Y = y;
        Threshold = threshold;
        BoundaryAware = boundaryAware;
        Diagonal = diagonal;
        Shard = shard;
        Counters = counters;
    }

    /// <summary>Creates a partial from stored values (e.g. read back from a file).</summary>
    /// <param name="groups">The game's groups.</param>
    /// <param name="x">First axis.</param>
    /// <param name="y">Second axis.</param>
    /// <param name="threshold">τ.</param>
    /// <param name="boundaryAware">Whether boundary equilibria were solved.</param>
    /// <param name="diagonal">Whether the sweep used the diagonal path.</param>
    /// <param name="shard">The shard.</param>
    /// <param name="counters">The shard's counters, of K groups (<see cref="SweepCounters.FromList"/> reads them from a file's list).</param>
    /// <exception cref="ArgumentException">Counters of the wrong length, or counters that contradict each other (see
    /// docs/pipelines.md#what-merge-checks: statuses that do not add up to the shard's points, more exclusions than points,
    /// boundary counts in a sweep without boundary points, …); a threshold outside (0, 1); equal axes; an invalid shard.</exception>
    public static SweepPartial Create(IReadOnlyList<string> groups, GridAxis x, GridAxis y, double threshold, bool boundaryAware, bool diagonal,
        SweepShard shard, SweepCounters counters)
    {
        Preconditions.CheckNotNull(groups);
        Preconditions.CheckNotNull(counters);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
        Preconditions.CheckNotNull(shard);
        Preconditions.CheckLength(counters.Groups, groups.Count, nameof(counters), "groups");
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        if (x.Axis == y.Axis)
        {
            Preconditions.ThrowArgument(nameof(y), $"both axes are {x.Name}; a sweep needs two different coefficients.");
        }
        shard.Validate();
        string? broken = counters.Inconsistency((long)x.Count * shard.RowCount(y.Count), boundaryAware);
        if (broken is not null)
        {
            Preconditions.ThrowArgument(nameof(counters), $"the counters of shard {shard} contradict each other: {broken}; the partial was edited or damaged.");
        }
        return new SweepPartial(groups.ToArray(), x, y, threshold, boundaryAware, diagonal, shard, counters);
    }

    /// <summary>The number of counters for K groups: 3K + 11.</summary>
    public static int CounterCount(int groups) => SweepCounters.Layout.Width(groups);

    /// <summary>The groups.</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>First axis.</summary>
    public GridAxis X { get; }

    /// <summary>Second axis.</summary>
    public GridAxis Y { get; }

    /// <summary>τ.</summary>
    public double Threshold { get; }

    /// <summary>Whether boundary equilibria were solved.</summary>
    public bool BoundaryAware { get; }

    /// <summary>Whether the diagonal path was used.</summary>
    public bool Diagonal { get; }

    /// <summary>The shard.</summary>
    public SweepShard Shard { get; }

    /// <summary>The shard's counters.</summary>
    public SweepCounters Counters { get; }

    /// <summary>A one-line summary: the shard and the sweep it belongs to.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"SweepPartial(shard {Shard} of {X} × {Y}, τ = {Threshold:G6}{(BoundaryAware ? ", boundary" : "")})");
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
    // then the boundary-aware part: [K+5, 2K+5) excluded per group at boundary points; 2K+5 any; 2K+6 solved; 2K+7 unverified;
    // then stability: [2K+8, 3K+8) excluded per group at stable interior points; 3K+8 any; 3K+9 unstable; 3K+10 stable.
    private static int Width(int k) => SweepPartial.CounterCount(k);

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
        var (totals, diagonal, threshold) = Count(game, x, y, options ?? new SweepOptions(), sink, allRows: true);
        return Summarise(game.Names.ToArray(), x, y, threshold, totals, (options ?? new SweepOptions()).BoundaryAware, diagonal);
    }

    /// <summary>Runs the rows of <see cref="SweepOptions.Shard"/> only and returns its exact counters.</summary>
    /// <param name="game">The game.</param>
    /// <param name="x">First axis.</param>
    /// <param name="y">Second axis.</param>
    /// <param name="options">As for <see cref="Run"/>; <see cref="SweepOptions.Shard"/> is required.</param>
    /// <param name="sink">Receives this shard's rows, in order.</param>
    /// <returns>The partial, to be merged with the other shards' by <see cref="Merge"/>.</returns>
    /// <exception cref="ArgumentException">No shard, or an invalid one; or as for <see cref="Run"/>.</exception>
    public static SweepPartial RunPartial(AlignmentGame game, GridAxis x, GridAxis y, SweepOptions options, ISweepSink? sink = null)
    {
        Preconditions.CheckNotNull(options);
        if (options.Shard is null)
        {
            Preconditions.ThrowArgument(nameof(options), "options.Shard is null; RunPartial computes one shard (use Run for the whole sweep).");
        }
        var (totals, diagonal, threshold) = Count(game, x, y, options, sink, allRows: false);
        return new SweepPartial(game.Names.ToArray(), x, y, threshold, options.BoundaryAware, diagonal, options.Shard!.Validate(), totals);
    }

    /// <summary>
    /// Merges the partials of every shard of one sweep into its summary, identical to <see cref="Run"/> on the whole grid.
    /// </summary>
    /// <param name="partials">One partial per shard.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">The partials belong to different sweeps (groups, axes, threshold, boundary option
    /// or shard count differ), or some shard is missing or repeated; the message names which.</exception>
    public static ExclusionSummary Merge(IReadOnlyList<SweepPartial> partials)
    {
        Preconditions.CheckNotNull(partials);
        if (partials.Count == 0)
        {
            Preconditions.ThrowArgument(nameof(partials), "no partials to merge.");
        }
        var first = partials[0];
        foreach (var p in partials.Skip(1))
        {
            string? difference = !p.Groups.SequenceEqual(first.Groups) ? "groups"
                : p.X != first.X ? "x axis" : p.Y != first.Y ? "y axis"
                : !p.Threshold.Equals(first.Threshold) ? "threshold" : p.BoundaryAware != first.BoundaryAware ? "boundary option"
                : p.Shard.Count != first.Shard.Count ? "shard count" : null;
            if (difference is not null)
            {
                Preconditions.ThrowArgument(nameof(partials), $"shard {p.Shard} and shard {first.Shard} differ in their {difference}; they are not parts of one sweep.");
            }
        }
        int n = first.Shard.Count;
        SweepShard.CheckCover(partials.Select(p => p.Shard.Index).ToList(), n, "rows", "of the y axis", first.Y.Count);
        return Summarise(first.Groups, first.X, first.Y, first.Threshold, SweepCounters.Sum(partials.Select(p => p.Counters)), first.BoundaryAware, first.Diagonal);
    }

    private static (SweepCounters Totals, bool Diagonal, double Threshold) Count(AlignmentGame game, GridAxis x, GridAxis y, SweepOptions options,
        ISweepSink? sink, bool allRows)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
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
        int[] rowList = allRows || options.Shard is null ? Enumerable.Range(0, ny).ToArray() : options.Shard.Validate().Rows(ny).ToArray();
        int rowsPerBlock = Math.Max(1, Math.Min(Math.Max(1, rowList.Length), PointsPerBlock / nx));
        var totals = new long[width];
        var rowCounters = new long[rowsPerBlock * width];
        var statuses = sink is null ? null : new ClosedFormStatus[rowsPerBlock * nx];
        var weights = sink is null ? null : new double[rowsPerBlock * nx * k];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = options.CancellationToken };
        long total = (long)nx * rowList.Length, done = 0;
        for (int blockStart = 0; blockStart < rowList.Length; blockStart += rowsPerBlock)
        {
            options.CancellationToken.ThrowIfCancellationRequested();
            int rows = Math.Min(rowsPerBlock, rowList.Length - blockStart);
            Array.Clear(rowCounters);
            int start = blockStart;
            Parallel.For(0, rows, parallel, r => EvaluateRow(game, family, x, y, xs, rowList[start + r], threshold, options.BoundaryAware,
                rowCounters.AsSpan(r * width, width),
                statuses is null ? default : statuses.AsSpan(r * nx, nx),
                weights is null ? default : weights.AsSpan(r * nx * k, nx * k)));
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < width; c++)
                {
                    totals[c] += rowCounters[(r * width) + c];
                }
                sink?.WriteRow(new SweepRow(rowList[start + r], y.ValueAt(rowList[start + r]), xs, statuses.AsSpan(r * nx, nx), weights.AsSpan(r * nx * k, nx * k), k));
            }
            done += (long)rows * nx;
            options.Progress?.Report(new SweepProgress(done, total));
        }
        return (SweepCounters.Wrap(k, totals), family.IsDiagonal, threshold);
    }

    private static void EvaluateRow(AlignmentGame game, ClosedFormFamily family, GridAxis x, GridAxis y, double[] xs, int yIndex,
        double threshold, bool boundaryAware, Span<long> counters, Span<ClosedFormStatus> rowStatuses, Span<double> rowWeights)
    {
        int k = game.Count, nx = xs.Length;
        Span<double> lambda = [game.Coefficients.Attractiveness, game.Coefficients.Consistency, game.Coefficients.Diversity];
        lambda[(int)y.Axis] = y.ValueAt(yIndex);
        if (rowWeights.IsEmpty && !boundaryAware)
        {
            // Only the counts are wanted: no weights are written (identical counts, lane by lane).
            family.CountRow(lambda[0], lambda[1], lambda[2], x.Axis, xs, threshold, counters);
            return;
        }
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
            double[]? warm = null;
            for (int i = 0; i < nx; i++)
            {
                ReadOnlySpan<double> w = rowWeights.Slice(i * k, k);
                var status = rowStatuses[i];
                ClosedFormFamily.CountPoint(status, w, threshold, counters,
                    status == ClosedFormStatus.Interior ? family.StabilityAt(x.Axis == CoefficientAxis.Consistency ? xs[i] : lambda[1],
                        x.Axis == CoefficientAxis.Diversity ? xs[i] : lambda[2]) : 0);
                if (boundaryAware && status is ClosedFormStatus.NoInterior or ClosedFormStatus.Singular)
                {
                    lambda[(int)x.Axis] = xs[i];
                    // Continuation along the row: the previous point's equilibrium (when it was verified) starts this one,
                    // so the active set usually finishes at once from a support that differs by at most a group or two.
                    warm = SolveBoundary(game, lambda, warm ?? (status == ClosedFormStatus.NoInterior ? w.ToArray() : null), threshold, counters);
                }
                else
                {
                    warm = null;
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

    /// <summary>Solves one boundary point and counts it; returns its equilibrium when verified (the next point's warm start).</summary>
    private static double[]? SolveBoundary(AlignmentGame game, ReadOnlySpan<double> lambda, double[]? start, double threshold, Span<long> counters)
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
        var solution = SimplexQuadraticProgram.Maximize(m, b, k, start ?? Enumerable.Repeat(1.0 / k, k).ToArray());
        counters[SweepCounters.Layout.BoundarySolved(k)]++;
        if (!solution.Polished)
        {
            counters[SweepCounters.Layout.BoundaryUnverified(k)]++;
        }
        bool any = false;
        int boundary = SweepCounters.Layout.Boundary(k);
        for (int g = 0; g < k; g++)
        {
            if (solution.X[g] < threshold)
            {
                counters[boundary + g]++;
                any = true;
            }
        }
        if (any)
        {
            counters[SweepCounters.Layout.BoundaryAny(k)]++;
        }
        return solution.Polished ? solution.X : null;
    }

    private static ExclusionSummary Summarise(IReadOnlyList<string> names, GridAxis x, GridAxis y, double threshold, SweepCounters t, bool boundaryAware, bool diagonal)
    {
        int k = names.Count;
        long points = (long)x.Count * y.Count, interior = t.Interior;
        GroupExclusion Figure(string name, long excluded, long conditionalBase)
            => new(name, excluded, (double)excluded / points, conditionalBase == 0 ? null : (double)excluded / conditionalBase);
        var groups = new GroupExclusion[k];
        for (int g = 0; g < k; g++)
        {
            groups[g] = Figure(names[g], t.Excluded[g], interior) with { StableExcluded = t.StableExcluded[g] };
        }
        var anyGroup = Figure("any group", t.AnyExcluded, interior) with { StableExcluded = t.StableAnyExcluded };
        BoundaryExclusion? boundary = null;
        if (boundaryAware)
        {
            long solved = t.BoundarySolved;
            var boundaryGroups = new GroupExclusion[k];
            var combined = new double[k];
            for (int g = 0; g < k; g++)
            {
                boundaryGroups[g] = Figure(names[g], t.BoundaryExcluded[g], solved);
                combined[g] = (double)(t.Excluded[g] + t.BoundaryExcluded[g]) / points;
            }
            boundary = new BoundaryExclusion(solved, t.BoundaryUnverified, boundaryGroups, Figure("any group", t.BoundaryAnyExcluded, solved), combined,
                (double)(t.AnyExcluded + t.BoundaryAnyExcluded) / points);
        }
        return new ExclusionSummary(x, y, threshold, points, interior, t.NoInterior, t.Singular, t.NotConcave, groups, anyGroup, boundary, diagonal)
        {
            UnstablePoints = t.Unstable,
            StablePoints = t.Stable,
        };
    }
}

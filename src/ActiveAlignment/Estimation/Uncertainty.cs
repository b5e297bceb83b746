using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;
using ActiveAlignment.Populations;
using ActiveAlignment.Steering;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Estimation;

/// <summary>A percentile interval [lower, upper] (docs/estimation.md#uncertainty); +∞ marks an unreachable value.</summary>
/// <param name="Lower">q_{α/2}.</param>
/// <param name="Upper">q_{1−α/2}.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>"[0.32, 0.80]".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"[{Lower:G6}, {Upper:G6}]");
}

/// <summary>Sample quantiles and percentile intervals (docs/estimation.md#uncertainty).</summary>
public static class Percentile
{
    /// <summary>
    /// The sample quantile of type 7 (Hyndman–Fan; numpy's default "linear"): with h = (n − 1)p, the value
    /// x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) over the sorted values, interpolated as numpy does. +∞ values are allowed.
    /// </summary>
    /// <param name="sorted">The values in ascending order (at least one; no NaN).</param>
    /// <param name="p">The probability in [0, 1].</param>
    /// <returns>The quantile.</returns>
    /// <exception cref="ArgumentException">No values, or <paramref name="p"/> outside [0, 1].</exception>
    public static double Quantile(ReadOnlySpan<double> sorted, double p)
    {
        if (sorted.IsEmpty)
        {
            Preconditions.ThrowArgument(nameof(sorted), "sorted is empty; a quantile needs at least one value.");
        }
        if (!(p >= 0 && p <= 1))
        {
            Preconditions.ThrowArgument(nameof(p), $"p must lie in [0, 1], but was {Preconditions.Format(p)}.");
        }
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        if (lo >= sorted.Length - 1)
        {
            return sorted[^1];
        }
        double gamma = h - lo;
        double a = sorted[lo], b = sorted[lo + 1];
        if (a == b || double.IsPositiveInfinity(a))
        {
            return a;
        }
        if (double.IsPositiveInfinity(b))
        {
            return gamma > 0 ? double.PositiveInfinity : a;
        }
        double diff = b - a;
        return gamma >= 0.5 ? b - (diff * (1 - gamma)) : a + (diff * gamma);
    }

    /// <summary>The percentile interval [q_{α/2}, q_{1−α/2}] with α = 1 − confidence.</summary>
    /// <param name="values">The replicate values (any order; +∞ allowed; no NaN).</param>
    /// <param name="confidence">1 − α in (0, 1).</param>
    /// <returns>The interval, or null when there are no values.</returns>
    public static ConfidenceInterval? Interval(IEnumerable<double> values, double confidence)
    {
        Preconditions.CheckNotNull(values);
        Preconditions.CheckOpenUnitInterval(confidence, nameof(confidence));
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        Array.Sort(sorted);
        double alpha = 1 - confidence;
        return new ConfidenceInterval(Quantile(sorted, alpha / 2), Quantile(sorted, 1 - (alpha / 2)));
    }
}

/// <summary>One group's equilibrium weight with its uncertainty.</summary>
/// <param name="Name">The group.</param>
/// <param name="Point">The weight at the point game's equilibrium (null when it has none).</param>
/// <param name="Interval">The percentile interval over replicates with a certified equilibrium (null when there are none).</param>
/// <param name="ExclusionProbability">P(w_k &lt; τ): the share of those replicates where the group is excluded (null when none).</param>
public sealed record WeightUncertainty(string Name, double? Point, ConfidenceInterval? Interval, double? ExclusionProbability);

/// <summary>The equilibrium of an ensemble with uncertainty (docs/estimation.md#uncertainty).</summary>
public sealed class EquilibriumUncertainty
{
    internal EquilibriumUncertainty(double confidence, double threshold, int replicates, int certified,
        IReadOnlyList<KeyValuePair<EquilibriumStatus, int>> statusCounts, IReadOnlyList<WeightUncertainty> groups,
        HomogeneousEquilibrium? point, PopulationEquilibrium? pointPopulation)
    {
        Confidence = confidence;
        Threshold = threshold;
        Replicates = replicates;
        CertifiedReplicates = certified;
        StatusCounts = statusCounts;
        Groups = groups;
        Point = point;
        PointPopulation = pointPopulation;
    }

    /// <summary>1 − α.</summary>
    public double Confidence { get; }

    /// <summary>τ.</summary>
    public double Threshold { get; }

    /// <summary>B.</summary>
    public int Replicates { get; }

    /// <summary>Replicates whose equilibrium is certified (the ones weights, intervals and exclusion probabilities use).</summary>
    public int CertifiedReplicates { get; }

    /// <summary>Replicates by equilibrium status, in the order of <see cref="EquilibriumStatus"/>; only statuses that occur.</summary>
    public IReadOnlyList<KeyValuePair<EquilibriumStatus, int>> StatusCounts { get; }

    /// <summary>
    /// How many replicates' certified homogeneous equilibria are stable, unstable or degenerate for learning agents
    /// (docs/model.md#stability); empty for populations of agent classes, whose replicates are not labelled.
    /// </summary>
    public IReadOnlyList<KeyValuePair<Learning.StabilityLabel, int>> StabilityCounts { get; internal init; } = [];

    /// <summary>The share of all replicates whose equilibrium is certified and has this stability label.</summary>
    /// <param name="label">The label.</param>
    public double StabilityShare(Learning.StabilityLabel label) =>
        Replicates == 0 ? 0 : (double)StabilityCounts.Where(p => p.Key == label).Sum(p => p.Value) / Replicates;

    /// <summary>The share of replicates with a status.</summary>
    /// <param name="status">The status.</param>
    public double StatusShare(EquilibriumStatus status) =>
        Replicates == 0 ? 0 : (double)StatusCounts.Where(p => p.Key == status).Sum(p => p.Value) / Replicates;

    /// <summary>Per group, in the game's order.</summary>
    public IReadOnlyList<WeightUncertainty> Groups { get; }

    /// <summary>The point game's equilibrium (plain games).</summary>
    public HomogeneousEquilibrium? Point { get; }

    /// <summary>The point population's equilibrium (populations of several classes).</summary>
    public PopulationEquilibrium? PointPopulation { get; }

    /// <summary>One line per group: "left 0.4262 [0.41, 0.44], P(excluded) 0".</summary>
    public override string ToString() => string.Join(Environment.NewLine, Groups.Select(g => string.Create(CultureInfo.InvariantCulture,
        $"{g.Name} {g.Point:G6} {g.Interval}, P(excluded) {g.ExclusionProbability:G4}")));
}

/// <summary>An exclusion figure of a sweep with its uncertainty.</summary>
/// <param name="Point">The figure on the point game (null when undefined there).</param>
/// <param name="Interval">The percentile interval over the replicates where it is defined (null when none).</param>
/// <param name="Replicates">Replicates where it is defined (conditional exclusion needs an interior point).</param>
public sealed record StatisticUncertainty(double? Point, ConfidenceInterval? Interval, int Replicates)
{
    /// <summary>"0.51% [0.32%, 0.80%]"-style text, or "n/a".</summary>
    public string ToPercentString()
    {
        if (Point is not { } p)
        {
            return "n/a";
        }
        string text = string.Create(CultureInfo.InvariantCulture, $"{p * 100:0.00}%");
        return Interval is { } i ? text + string.Create(CultureInfo.InvariantCulture, $" [{i.Lower * 100:0.00}%, {i.Upper * 100:0.00}%]") : text;
    }
}

/// <summary>A group's exclusion area and conditional exclusion over a sweep, with uncertainty.</summary>
/// <param name="Name">The group, or "any group".</param>
/// <param name="ExclusionArea">Excluded points / all points.</param>
/// <param name="ConditionalExclusion">Excluded points / interior points.</param>
public sealed record GroupExclusionUncertainty(string Name, StatisticUncertainty ExclusionArea, StatisticUncertainty ConditionalExclusion);

/// <summary>A sweep of an ensemble: the point game's summary and each figure's interval (docs/estimation.md#uncertainty).</summary>
public sealed class SweepUncertainty
{
    internal SweepUncertainty(ExclusionSummary point, double confidence, int replicates, IReadOnlyList<GroupExclusionUncertainty> groups,
        GroupExclusionUncertainty anyGroup)
    {
        Point = point;
        Confidence = confidence;
        Replicates = replicates;
        Groups = groups;
        AnyGroup = anyGroup;
    }

    /// <summary>The sweep of the point game.</summary>
    public ExclusionSummary Point { get; }

    /// <summary>1 − α.</summary>
    public double Confidence { get; }

    /// <summary>B.</summary>
    public int Replicates { get; }

    /// <summary>Per group.</summary>
    public IReadOnlyList<GroupExclusionUncertainty> Groups { get; }

    /// <summary>"Any group excluded".</summary>
    public GroupExclusionUncertainty AnyGroup { get; }

    /// <summary>
    /// The share of interior points whose equilibrium is unstable for learning agents (docs/model.md#maps-and-steering), on the point game and
    /// over the replicates.
    /// </summary>
    public StatisticUncertainty? UnstableShare { get; internal init; }

    /// <summary>One line per group.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Groups.Append(AnyGroup).Select(g =>
        $"{g.Name}: area {g.ExclusionArea.ToPercentString()}, conditional {g.ConditionalExclusion.ToPercentString()}"));
}

/// <summary>Minimum diversity over an ensemble, and the robust minimum diversity (docs/estimation.md#uncertainty).</summary>
public sealed class DiversityUncertainty
{
    internal DiversityUncertainty(MinimumDiversityResult point, ConfidenceInterval? interval, int replicates, int unreachable,
        double? robust, string robustReason, double confidence, double threshold, double maximum, double current)
    {
        Point = point;
        Interval = interval;
        Replicates = replicates;
        Unreachable = unreachable;
        Robust = robust;
        RobustReason = robustReason;
        Confidence = confidence;
        Threshold = threshold;
        Maximum = maximum;
        Current = current;
    }

    /// <summary>Minimum diversity of the point game.</summary>
    public MinimumDiversityResult Point { get; }

    /// <summary>The percentile interval of the replicates' minimum diversity; an unreachable one counts as +∞.</summary>
    public ConfidenceInterval? Interval { get; }

    /// <summary>B.</summary>
    public int Replicates { get; }

    /// <summary>Replicates where it is unreachable on [current, maximum].</summary>
    public int Unreachable { get; }

    /// <summary>
    /// The smallest λ_D ≥ the current one at which every group has weight ≥ τ in at least a share 1 − α of the replicates;
    /// null when there is none on [current, maximum].
    /// </summary>
    public double? Robust { get; }

    /// <summary>One sentence on the robust value or why there is none.</summary>
    public string RobustReason { get; }

    /// <summary>1 − α.</summary>
    public double Confidence { get; }

    /// <summary>τ.</summary>
    public double Threshold { get; }

    /// <summary>The largest λ_D considered.</summary>
    public double Maximum { get; }

    /// <summary>Today's λ_D.</summary>
    public double Current { get; }

    /// <summary>The robust reason.</summary>
    public override string ToString() => RobustReason;
}

/// <summary>
/// Answers computed on every replicate of an <see cref="Ensemble"/>, summarised by percentile intervals, exclusion
/// probabilities and status shares (docs/estimation.md#uncertainty). Replicates run in parallel; the results do not
/// depend on the thread count.
/// </summary>
public static class EnsembleAnalysis
{
    /// <summary>The equilibrium of the point game and every replicate.</summary>
    /// <param name="ensemble">The ensemble.</param>
    /// <param name="threshold">τ in (0, 1).</param>
    /// <param name="confidence">1 − α in (0, 1); default 0.95.</param>
    /// <param name="maxDegreeOfParallelism">Threads; -1 for all cores.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>Weights with intervals and exclusion probabilities, and the status shares. For populations of several agent
    /// classes the weight of a group is its population-average weight Σ n_c w_c,k / N.</returns>
    public static EquilibriumUncertainty Solve(Ensemble ensemble, double threshold = 0.01, double confidence = 0.95,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(ensemble);
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        Preconditions.CheckOpenUnitInterval(confidence, nameof(confidence));
        int b = ensemble.Replicates.Count;
        var statuses = new EquilibriumStatus[b];
        var weights = new double[]?[b];
        var labels = new Learning.StabilityLabel?[b];
        Parallel.For(0, b, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken }, r =>
        {
            var (status, w, label) = SolveOne(ensemble.Replicates[r]);
            statuses[r] = status;
            weights[r] = w;
            labels[r] = label;
        });
        HomogeneousEquilibrium? point = null;
        PopulationEquilibrium? pointPopulation = null;
        double[]? pointWeights;
        if (ensemble.Point.HomogeneousGame is { } game)
        {
            point = EquilibriumSolver.Solve(game);
            pointWeights = point.Weights.ToArray();
        }
        else
        {
            pointPopulation = PopulationSolver.Solve(ensemble.Point);
            pointWeights = pointPopulation.AverageWeights.ToArray();
        }
        var names = ensemble.Point.Names.ToArray();
        var certified = Enumerable.Range(0, b).Where(r => weights[r] is not null).ToArray();
        var groups = new WeightUncertainty[names.Length];
        for (int k = 0; k < names.Length; k++)
        {
            var values = certified.Select(r => weights[r]![k]).ToArray();
            groups[k] = new WeightUncertainty(names[k], pointWeights[k], Percentile.Interval(values, confidence),
                values.Length == 0 ? null : (double)values.Count(w => w < threshold) / values.Length);
        }
        var counts = Enum.GetValues<EquilibriumStatus>().Select(s => new KeyValuePair<EquilibriumStatus, int>(s, statuses.Count(x => x == s)))
            .Where(p => p.Value > 0).ToArray();
        var stabilityCounts = Enum.GetValues<Learning.StabilityLabel>()
            .Select(l => new KeyValuePair<Learning.StabilityLabel, int>(l, labels.Count(x => x == l))).Where(p => p.Value > 0).ToArray();
        return new EquilibriumUncertainty(confidence, threshold, b, certified.Length, counts, groups, point, pointPopulation)
        {
            StabilityCounts = stabilityCounts,
        };
    }

    private static (EquilibriumStatus Status, double[]? Weights, Learning.StabilityLabel? Label) SolveOne(PopulationGame game)
    {
        if (game.HomogeneousGame is { } g)
        {
            var eq = EquilibriumSolver.Solve(g);
            return (eq.Status, eq.IsCertifiedEquilibrium ? eq.Weights.ToArray() : null, eq.IsCertifiedEquilibrium ? eq.Stability.Label : null);
        }
        var p = PopulationSolver.Solve(game);
        return (p.Status, p.IsCertifiedEquilibrium ? p.AverageWeights.ToArray() : null, null);
    }

    /// <summary>
    /// One shard of <see cref="Sweep"/> for a cluster: shard I of N sweeps replicates I, I + N, … (shard 0 also the point
    /// game) and returns the text of its partial file (docs/pipelines.md#sharded-sweeps): exact counters, so that
    /// <see cref="MergeSweepShards"/> gives the unsharded answer exactly, whatever the number of shards.
    /// </summary>
    /// <param name="ensemble">The ensemble (plain games).</param>
    /// <param name="x">First axis.</param>
    /// <param name="y">Second axis.</param>
    /// <param name="shard">Which shard.</param>
    /// <param name="options">Threshold, boundary option, parallelism and cancellation as for <see cref="Sweep"/> (its shard is ignored).</param>
    /// <param name="confidence">1 − α in (0, 1).</param>
    /// <returns>The partial file's JSON text; store it, then give every shard's to <see cref="MergeSweepShards"/>.</returns>
    /// <exception cref="ArgumentException">Equal axes, a threshold or confidence outside (0, 1), or an invalid shard.</exception>
    /// <exception cref="InvalidOperationException">The ensemble holds populations of several classes.</exception>
    public static string RunSweepShard(Ensemble ensemble, GridAxis x, GridAxis y, SweepShard shard, SweepOptions? options = null, double confidence = 0.95)
    {
        Preconditions.CheckNotNull(ensemble);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
        Preconditions.CheckNotNull(shard);
        Preconditions.CheckOpenUnitInterval(confidence, nameof(confidence));
        shard.Validate();
        options ??= new SweepOptions();
        Preconditions.CheckOpenUnitInterval(options.Threshold, "options.Threshold");
        // A library call has no command line: the provenance records the tool's command that gives the same answer, the
        // options that decide it, and the ensemble's SHA-256 as its input (merge checks all three against the sweep).
        string threshold = options.Threshold.ToString("R", CultureInfo.InvariantCulture), level = confidence.ToString("R", CultureInfo.InvariantCulture);
        var command = new List<string> { "active-alignment", "sweep", "--x", x.ToString(), "--y", y.ToString(), "--threshold", threshold };
        if (options.BoundaryAware)
        {
            command.Add("--boundary");
        }
        command.AddRange(["--confidence", level]);
        var provenance = new Serialization.ProvenanceJson.Record(command, [new("ensemble", EnsemblePartialFile.Hash(ensemble))],
            [new("x", x.ToString()), new("y", y.ToString()), new("threshold", threshold), new("boundary", options.BoundaryAware), new("confidence", level)]);
        return EnsemblePartialFile.RunShard(ensemble, x, y, options.Threshold, options.BoundaryAware, confidence, shard,
            options.MaxDegreeOfParallelism, provenance, options.CancellationToken).Json;
    }

    /// <summary>
    /// Merges the partial files of every shard of an ensemble sweep (<see cref="RunSweepShard"/>, or <c>sweep --ensemble
    /// --shard</c>) into the answer <see cref="Sweep"/> gives unsharded. Every invariant of the counters is checked, and
    /// shards that are missing, repeated or of another sweep are named.
    /// </summary>
    /// <param name="partials">Each partial's label (a file name, for messages) and text.</param>
    /// <returns>The point game's summary and every figure's interval.</returns>
    /// <exception cref="Serialization.PartialFileFormatException">A partial is not valid, or the partials do not make up one sweep.</exception>
    public static SweepUncertainty MergeSweepShards(IReadOnlyList<KeyValuePair<string, string>> partials)
    {
        Preconditions.CheckNotNull(partials);
        if (partials.Count == 0)
        {
            Preconditions.ThrowArgument(nameof(partials), "no partials to merge.");
        }
        return EnsemblePartialFile.Merge(partials.Select(p => (p.Key, p.Value)).ToList()).Uncertainty;
    }

    /// <summary>An exclusion sweep of the point game and of every replicate (plain games only).</summary>
    /// <param name="ensemble">The ensemble (plain games).</param>
    /// <param name="x">First axis.</param>
    /// <param name="y">Second axis.</param>
    /// <param name="options">Threshold and boundary option as for <see cref="ExclusionSweep.Run"/>; its parallelism is spread over replicates.</param>
    /// <param name="confidence">1 − α in (0, 1).</param>
    /// <param name="progress">Receives the number of replicates done.</param>
    /// <returns>Exclusion area and conditional exclusion per group and for any group, with intervals.</returns>
    /// <exception cref="InvalidOperationException">The ensemble holds populations of several classes.</exception>
    public static SweepUncertainty Sweep(Ensemble ensemble, GridAxis x, GridAxis y, SweepOptions? options = null, double confidence = 0.95,
        IProgress<int>? progress = null)
    {
        Preconditions.CheckNotNull(ensemble);
        Preconditions.CheckNotNull(x);
        Preconditions.CheckNotNull(y);
        Preconditions.CheckOpenUnitInterval(confidence, nameof(confidence));
        options ??= new SweepOptions();
        var games = ensemble.ReplicateGames;
        var point = ExclusionSweep.Run(ensemble.PointGame, x, y, options);
        var single = new SweepOptions
        {
            Threshold = options.Threshold,
            BoundaryAware = options.BoundaryAware,
            MaxDegreeOfParallelism = 1,
            CancellationToken = options.CancellationToken,
        };
        int b = games.Count;
        var summaries = new ExclusionSummary[b];
        int done = 0;
        Parallel.For(0, b, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = options.CancellationToken }, r =>
        {
            summaries[r] = ExclusionSweep.Run(games[r], x, y, single);
            int now = Interlocked.Increment(ref done);
            if (progress is not null && (now % 8 == 0 || now == b))
            {
                progress.Report(now);
            }
        });
        return Summarise(point, summaries, confidence);
    }

    /// <summary>Summarises sweeps already run on the point game and on each replicate (e.g. merged from shards).</summary>
    /// <param name="point">The point game's sweep.</param>
    /// <param name="summaries">Each replicate's sweep, in replicate order.</param>
    /// <param name="confidence">1 − α in (0, 1).</param>
    /// <returns>The same as <see cref="Sweep"/> on those sweeps.</returns>
    public static SweepUncertainty Summarise(ExclusionSummary point, IReadOnlyList<ExclusionSummary> summaries, double confidence)
    {
        Preconditions.CheckNotNull(point);
        Preconditions.CheckNotNull(summaries);
        Preconditions.CheckOpenUnitInterval(confidence, nameof(confidence));
        GroupExclusionUncertainty Figure(GroupExclusion p, Func<ExclusionSummary, GroupExclusion> pick)
        {
            var area = summaries.Select(s => pick(s).ExclusionArea).ToArray();
            var conditional = summaries.Select(s => pick(s).ConditionalExclusion).Where(v => v.HasValue).Select(v => v!.Value).ToArray();
            return new GroupExclusionUncertainty(p.Name,
                new StatisticUncertainty(p.ExclusionArea, Percentile.Interval(area, confidence), area.Length),
                new StatisticUncertainty(p.ConditionalExclusion, Percentile.Interval(conditional, confidence), conditional.Length));
        }
        var groups = point.Groups.Select((g, k) => Figure(g, s => s.Groups[k])).ToArray();
        static double? UnstableShare(ExclusionSummary s) => s.InteriorPoints == 0 ? null : (double)s.UnstablePoints / s.InteriorPoints;
        var unstable = summaries.Select(UnstableShare).Where(v => v.HasValue).Select(v => v!.Value).ToArray();
        return new SweepUncertainty(point, confidence, summaries.Count, groups, Figure(point.AnyGroup, s => s.AnyGroup))
        {
            UnstableShare = new StatisticUncertainty(UnstableShare(point), Percentile.Interval(unstable, confidence), unstable.Length),
        };
    }

    /// <summary>
    /// Minimum diversity of the point game and of every replicate, and the robust minimum diversity: the smallest λ_D ≥ the
    /// current one at which every group has weight ≥ τ in at least a share 1 − α of the replicates (plain games only).
    /// </summary>
    /// <param name="ensemble">The ensemble.</param>
    /// <param name="threshold">τ in (0, 1).</param>
    /// <param name="maximum">The largest λ_D considered (≥ the current λ_D).</param>
    /// <param name="confidence">1 − α in (0, 1).</param>
    /// <param name="maxDegreeOfParallelism">Threads; -1 for all cores.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The point value, the interval (unreachable = +∞), and the robust value or its reason.</returns>
    public static DiversityUncertainty MinimumDiversity(Ensemble ensemble, double threshold, double maximum, double confidence = 0.95,
        int maxDegreeOfParallelism = -1, CancellationToken cancellationToken = default)
    {
        Preconditions.CheckNotNull(ensemble);
        Preconditions.CheckOpenUnitInterval(confidence, nameof(confidence));
        var games = ensemble.ReplicateGames;
        var point = Steering.MinimumDiversity.Find(ensemble.PointGame, threshold, maximum);
        int b = games.Count;
        var results = new MinimumDiversityResult[b];
        Parallel.For(0, b, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken },
            r => results[r] = Steering.MinimumDiversity.Find(games[r], threshold, maximum));
        var values = results.Select(r => r.Value ?? double.PositiveInfinity).ToArray();
        double current = ensemble.PointGame.Coefficients.Diversity;
        var (robust, reason) = Robust(results, confidence, current, maximum, threshold);
        return new DiversityUncertainty(point, Percentile.Interval(values, confidence), b, values.Count(double.IsPositiveInfinity),
            robust, reason, confidence, threshold, maximum, current);
    }

    /// <summary>
    /// The smallest t in [current, maximum] covered by the feasible intervals of at least ⌈(1 − α)·B⌉ replicates. The count
    /// can only rise at a current value or at an interval's left end, so those are the only candidates: exact, no scan.
    /// </summary>
    private static (double? Value, string Reason) Robust(MinimumDiversityResult[] results, double confidence, double current, double maximum,
        double threshold)
    {
        int b = results.Length;
        string tau = Preconditions.Format(threshold);
        if (b == 0)
        {
            return (null, "the ensemble has no replicates, so no robust value can be computed.");
        }
        int needed = (int)Math.Ceiling((confidence * b) - (1e-9 * b));
        var candidates = results.SelectMany(r => r.Intervals.Select(i => i.From)).Append(current).Where(t => t >= current && t <= maximum)
            .Distinct().OrderBy(t => t).ToArray();
        int best = 0;
        foreach (double t in candidates)
        {
            int covered = results.Count(r => r.Intervals.Any(i => i.From <= t && t <= i.To));
            best = Math.Max(best, covered);
            if (covered >= needed)
            {
                string text = string.Create(CultureInfo.InvariantCulture,
                    $"λ_D = {t:R} represents every group at τ = {tau} in {covered} of {b} replicates (at least {needed} needed for {100 * confidence:0.##}%)");
                return (t, t == current ? text + "; today's diversity already does." : text + ".");
            }
        }
        return (null, string.Create(CultureInfo.InvariantCulture,
            $"no λ_D in [{current:R}, {maximum:R}] represents every group at τ = {tau} in {needed} of {b} replicates (at most {best} at any λ_D); raise the maximum or lower τ."));
    }
}

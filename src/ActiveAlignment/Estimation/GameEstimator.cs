using ActiveAlignment.Numerics;
using System.Globalization;
using ActiveAlignment.Internal;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Estimation;

/// <summary>Options of <see cref="GameEstimator.Estimate"/>.</summary>
public sealed class EstimationOptions
{
    /// <summary>The largest number of bootstrap replicates: 100,000 (each replicate is a whole game in memory).</summary>
    public const int MaxReplicates = 100_000;

    /// <summary>Bootstrap replicates B in [0, <see cref="MaxReplicates"/>] (default 1000). 0 gives the point estimate only.</summary>
    public int Replicates { get; init; } = 1000;

    /// <summary>The seed (default 1). The same tables, seed and B give identical replicates whatever the thread count.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Threads for the replicates; -1 (default) for all cores. Does not change the result.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives the number of replicates done, now and then.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Stops the bootstrap; <see cref="OperationCanceledException"/> is then thrown.</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>A one-line summary: the replicates and the seed.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"EstimationOptions(B = {Replicates}, seed {Seed})";
}

/// <summary>The estimated game (the point estimate and its bootstrap ensemble) with standard errors.</summary>
public sealed class GameEstimate
{
    internal GameEstimate(Ensemble ensemble, double[] a, double[] aSe, double[,] c, double[,] cSe, double[,]? s, double[,]? sSe)
    {
        Ensemble = ensemble;
        Attractiveness = a;
        AttractivenessStandardError = aSe;
        Inconsistency = ReadOnlyMatrix<double>.Own(c);
        InconsistencyStandardError = ReadOnlyMatrix<double>.Own(cSe);
        Similarity = s is null ? null : ReadOnlyMatrix<double>.Own(s);
        SimilarityStandardError = sSe is null ? null : ReadOnlyMatrix<double>.Own(sSe);
    }

    /// <summary>The point game and the bootstrap replicates.</summary>
    public Ensemble Ensemble { get; }

    /// <summary>The groups, in the attractiveness table's order.</summary>
    public IReadOnlyList<string> Groups => Ensemble.Point.Names.ToArray();

    /// <summary>â on the full data.</summary>
    public IReadOnlyList<double> Attractiveness { get; }

    /// <summary>Bootstrap standard error of each âₖ (sample standard deviation over replicates); NaN when B &lt; 2.</summary>
    public IReadOnlyList<double> AttractivenessStandardError { get; }

    /// <summary>Ĉ on the full data.</summary>
    public ReadOnlyMatrix<double> Inconsistency { get; }

    /// <summary>Bootstrap standard errors of Ĉ; NaN when B &lt; 2.</summary>
    public ReadOnlyMatrix<double> InconsistencyStandardError { get; }

    /// <summary>Ŝ on the full data; null when no similarity table was given.</summary>
    public ReadOnlyMatrix<double>? Similarity { get; }

    /// <summary>Bootstrap standard errors of Ŝ; null without a similarity table.</summary>
    public ReadOnlyMatrix<double>? SimilarityStandardError { get; }

    /// <summary>One line per group: â with its standard error.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Groups.Select((g, k) =>
        string.Create(CultureInfo.InvariantCulture, $"{g}: a = {Attractiveness[k]:G6} (se {AttractivenessStandardError[k]:G3})")));
}

/// <summary>
/// Estimates games from measurement tables (docs/estimation.md): the estimators of the tables, then the cluster bootstrap,
/// each replicate redrawing clusters of every table independently, uniformly with replacement, and redrawing a table's draw
/// when it leaves some group or pair without a row.
/// </summary>
public static class GameEstimator
{
    /// <summary>The largest number of discarded draws tolerated for one table in one replicate before giving up.</summary>
    public const int MaxRedrawsPerReplicate = 10_000;

    /// <summary>A template population with the given agents and coefficients for <paramref name="groups"/> (a, C placeholders, S = I).</summary>
    /// <param name="groups">The groups (K ≥ 2).</param>
    /// <param name="agents">N ≥ 1.</param>
    /// <param name="coefficients">(λ_A, λ_C, λ_D).</param>
    /// <returns>A one-class population to pass as the template.</returns>
    public static PopulationGame Template(IReadOnlyList<string> groups, int agents, IncentiveCoefficients coefficients)
    {
        Preconditions.CheckNotNull(groups);
        int k = groups.Count;
        return PopulationGame.FromGame(AlignmentGame.Create(groups, new double[k], new double[k, k], agents, coefficients));
    }

    /// <summary>
    /// Estimates the game and bootstraps it. N, λ, S (when there is no similarity table) and any per-class overrides come
    /// from <paramref name="template"/>, whose groups must be the tables' groups (in any order); the result follows the
    /// attractiveness table's order.
    /// </summary>
    /// <param name="attractiveness">The attractiveness table.</param>
    /// <param name="inconsistency">The inconsistency table (same groups).</param>
    /// <param name="similarity">The similarity table, or null to keep the template's S.</param>
    /// <param name="template">A game or population giving N and λ (see <see cref="Template"/>).</param>
    /// <param name="options">Replicates, seed, threads, progress, cancellation.</param>
    /// <returns>The point game, the replicates and the standard errors.</returns>
    /// <exception cref="ArgumentException">The template's groups differ from the tables', or an estimate is out of range.</exception>
    /// <exception cref="MeasurementFormatException">A cluster draw keeps missing a group or pair (too few clusters).</exception>
    public static GameEstimate Estimate(AttractivenessTable attractiveness, PairTable inconsistency, PairTable? similarity,
        PopulationGame template, EstimationOptions? options = null)
    {
        Preconditions.CheckNotNull(attractiveness);
        Preconditions.CheckNotNull(inconsistency);
        Preconditions.CheckNotNull(template);
        options ??= new EstimationOptions();
        Preconditions.CheckAtLeast(options.Replicates, 0, "replicates");
        if (options.Replicates > EstimationOptions.MaxReplicates)
        {
            Preconditions.ThrowArgument("replicates", $"replicates must be at most {EstimationOptions.MaxReplicates:N0} (each is a whole game in memory), but was {options.Replicates:N0}.");
        }
        var groups = attractiveness.Groups;
        int k = groups.Count;
        CheckSameGroups(groups, inconsistency.Groups, inconsistency.Source);
        if (similarity is not null)
        {
            CheckSameGroups(groups, similarity.Groups, similarity.Source);
        }
        var builder = new ReplicateBuilder(groups, template);
        var tables = new List<(ClusterData Data, bool Pairs, bool Mean)>
        {
            (attractiveness.Data, false, attractiveness.HasValue),
            (inconsistency.Data, true, true),
        };
        if (similarity is not null)
        {
            tables.Add((similarity.Data, true, true));
        }

        // Point estimate on the full data.
        var point = new double[tables.Count][];
        for (int t = 0; t < tables.Count; t++)
        {
            var data = tables[t].Data;
            var sum = new double[data.Cells];
            var count = new long[data.Cells];
            data.Totals(sum, count);
            point[t] = Estimator(sum, count, tables[t].Pairs, tables[t].Mean, k);
        }
        var pointGame = builder.Build(point[0], point[1], similarity is null ? null : point[2], "the full data");

        int b = options.Replicates;
        var replicates = new PopulationGame[b];
        var estimates = new double[b][][];
        var redrawn = new long[b];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = options.CancellationToken };
        try
        {
        Parallel.For(0, b, parallel, () => new Workspace(tables.Select(t => t.Data).ToList()), (r, _, ws) =>
        {
            var random = new BootstrapRandom(options.Seed, (ulong)r);
            var values = new double[tables.Count][];
            for (int t = 0; t < tables.Count; t++)
            {
                var (data, pairs, mean) = tables[t];
                var draw = ws.Draws[t];
                int attempts = 0;
                while (true)
                {
                    Array.Clear(draw);
                    for (int i = 0; i < draw.Length; i++)
                    {
                        draw[random.Next(draw.Length)]++;
                    }
                    data.Accumulate(draw, ws.Sums[t], ws.Counts[t]);
                    if (Complete(ws.Counts[t], pairs, k))
                    {
                        break;
                    }
                    redrawn[r]++;
                    if (++attempts >= MaxRedrawsPerReplicate)
                    {
                        string table = t == 0 ? attractiveness.Source : t == 1 ? inconsistency.Source : similarity!.Source;
                        throw new MeasurementFormatException(table, 0, null,
                            $"{MaxRedrawsPerReplicate} bootstrap draws in a row left some {(pairs ? "pair" : "group")} without a row; " +
                            $"the table has too few clusters ({data.Clusters}) for the rarest {(pairs ? "pair" : "group")} to be resampled reliably.");
                    }
                }
                values[t] = Estimator(ws.Sums[t], ws.Counts[t], pairs, mean, k);
            }
            estimates[r] = values;
            replicates[r] = builder.Build(values[0], values[1], similarity is null ? null : values[2], $"bootstrap replicate {r}");
            int now = Interlocked.Increment(ref done);
            if (options.Progress is { } progress && (now % 16 == 0 || now == b))
            {
                progress.Report(now);
            }
            return ws;
        }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }

        var info = new BootstrapInfo(b, options.Seed, redrawn.Sum(), attractiveness.Clusters, inconsistency.Clusters, similarity?.Clusters);
        var ensemble = new Ensemble(pointGame, replicates, info);
        var aSe = StandardErrors(estimates, 0, k);
        var cSe = Square(StandardErrors(estimates, 1, k * k), k);
        return new GameEstimate(ensemble, point[0], aSe, Square(point[1], k), cSe,
            similarity is null ? null : Square(point[2], k), similarity is null ? null : Square(StandardErrors(estimates, 2, k * k), k));
    }

    private static void CheckSameGroups(IReadOnlyList<string> expected, IReadOnlyList<string> actual, string source)
    {
        if (!expected.SequenceEqual(actual))
        {
            Preconditions.ThrowArgument("groups", $"{source} was read with groups {string.Join(", ", actual)}, not the attractiveness table's {string.Join(", ", expected)}.");
        }
    }

    private static bool Complete(long[] count, bool pairs, int k)
    {
        if (!pairs)
        {
            foreach (long c in count)
            {
                if (c == 0)
                {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                if (count[(i * k) + j] == 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>The estimator of docs/estimation.md#tables on accumulated sums and counts.</summary>
    private static double[] Estimator(double[] sum, long[] count, bool pairs, bool mean, int k)
    {
        if (!pairs)
        {
            var a = new double[k];
            long total = 0;
            foreach (long c in count)
            {
                total += c;
            }
            for (int g = 0; g < k; g++)
            {
                a[g] = mean ? sum[g] / count[g] : (double)count[g] / total;
            }
            return a;
        }
        var m = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = i; j < k; j++)
            {
                double v = sum[(i * k) + j] / count[(i * k) + j];
                m[(i * k) + j] = v;
                m[(j * k) + i] = v;
            }
        }
        return m;
    }

    private static double[] StandardErrors(double[][][] estimates, int table, int length)
    {
        var se = new double[length];
        int b = estimates.Length;
        for (int i = 0; i < length; i++)
        {
            if (b < 2)
            {
                se[i] = double.NaN;
                continue;
            }
            double mean = 0;
            for (int r = 0; r < b; r++)
            {
                mean += estimates[r][table][i];
            }
            mean /= b;
            double ss = 0;
            for (int r = 0; r < b; r++)
            {
                double d = estimates[r][table][i] - mean;
                ss += d * d;
            }
            se[i] = Math.Sqrt(ss / (b - 1));
        }
        return se;
    }

    private static double[,] Square(double[] values, int k)
    {
        var m = new double[k, k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                m[i, j] = values[(i * k) + j];
            }
        }
        return m;
    }

    /// <summary>Per-thread buffers; Draws[t][c] is how many times cluster c of table t was drawn.</summary>
    private sealed class Workspace
    {
        public Workspace(List<ClusterData> tables)
        {
            Draws = tables.Select(t => new int[t.Clusters]).ToArray();
            Sums = tables.Select(t => new double[t.Cells]).ToArray();
            Counts = tables.Select(t => new long[t.Cells]).ToArray();
        }

        public int[][] Draws { get; }

        public double[][] Sums { get; }

        public long[][] Counts { get; }
    }

    /// <summary>Puts estimated a, C (and S) into the template, in the tables' group order.</summary>
    private sealed class ReplicateBuilder
    {
        private readonly IReadOnlyList<string> _groups;
        private readonly PopulationGame _template;
        private readonly int[] _templateIndex; // table group k is template group _templateIndex[k]

        public ReplicateBuilder(IReadOnlyList<string> groups, PopulationGame template)
        {
            _groups = groups;
            _template = template;
            var names = template.Names.ToList();
            var extra = names.Except(groups).ToList();
            var missing = groups.Except(names).ToList();
            if (extra.Count > 0 || missing.Count > 0 || names.Count != groups.Count)
            {
                Preconditions.ThrowArgument(nameof(template),
                    "the template's groups must be the tables' groups" +
                    (missing.Count > 0 ? $"; missing from the template: {string.Join(", ", missing)}" : "") +
                    (extra.Count > 0 ? $"; not in the tables: {string.Join(", ", extra)}" : "") + ".");
            }
            _templateIndex = groups.Select(g => names.IndexOf(g)).ToArray();
        }

        public PopulationGame Build(double[] a, double[] c, double[]? s, string what)
        {
            int k = _groups.Count;
            try
            {
                var cm = SymmetricMatrix.Create(Square(c, k), "inconsistency");
                SymmetricMatrix? sm = s is not null ? SymmetricMatrix.Create(Square(s, k), "similarity")
                    : _template.SimilarityGiven ? Permute(_template.Similarity) : null;
                var subpopulations = _groups.Select((g, i) => new Subpopulation(g, a[i])).ToArray();
                if (_template.HomogeneousGame is { } game)
                {
                    return PopulationGame.FromGame(AlignmentGame.Create(subpopulations, cm, game.Agents, game.Coefficients, sm));
                }
                var classes = _template.Classes.Select(cls => new AgentClassDefinition(cls.Name, cls.Count,
                    cls.HasOwnCoefficients ? cls.Coefficients : null,
                    cls.HasOwnAttractiveness ? _templateIndex.Select(t => cls.Attractiveness[t]).ToArray() : null,
                    cls.HasOwnInconsistency ? Permute(cls.Inconsistency).ToArray() : null)).ToList();
                return PopulationGame.Create(subpopulations, cm, classes, _template.DefaultCoefficients, sm);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"the game estimated from {what} is not valid: {e.Message.Split(" (Parameter", 2)[0]}", e);
            }
        }

        private SymmetricMatrix Permute(SymmetricMatrix m)
        {
            int k = _groups.Count;
            var p = new double[k, k];
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j++)
                {
                    p[i, j] = m[_templateIndex[i], _templateIndex[j]];
                }
            }
            return SymmetricMatrix.Create(p, "similarity");
        }
    }
}

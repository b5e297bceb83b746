using System.Globalization;
using ActiveAlignment.Certificates;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics;
using ActiveAlignment.Populations;

namespace ActiveAlignment.Learning;

/// <summary>How the agents learn (docs/model.md#learning-dynamics). Each rule raises the potential Φ.</summary>
public enum LearningRule
{
    /// <summary>Projected gradient play: every agent at once, wᵢ ← Π_Δ(wᵢ + (η/L) gᵢ), L the spectral radius of Φ's Hessian.</summary>
    Gradient,

    /// <summary>Replicator dynamics in its discrete form, Hedge (exponential weights): wᵢₖ ∝ wᵢₖ·exp(η gᵢₖ/L₁), L₁ = 2λ_C max|C| + λ_D max|S|.</summary>
    Replicator,

    /// <summary>Sequential exact best responses: agents in turn play their best response to the others (an exact quadratic programme).</summary>
    BestResponse,
}

/// <summary>Options of <see cref="LearningDynamics.Run"/>.</summary>
public sealed class DynamicsOptions
{
    /// <summary>The learning rule; default gradient play.</summary>
    public LearningRule Rule { get; init; } = LearningRule.Gradient;

    /// <summary>The number of random starts R ≥ 1; default 100.</summary>
    public int Starts { get; init; } = 100;

    /// <summary>The seed: the same seed and R give the same answer, bit for bit, at any number of threads.</summary>
    public long Seed { get; init; }

    /// <summary>The step η in (0, 1] relative to the rule's Lipschitz constant; default 1.</summary>
    public double StepSize { get; init; } = 1.0;

    /// <summary>The largest number of iterations of one run (rounds of every agent for best responses); default 100,000.</summary>
    public int MaxIterations { get; init; } = 100_000;

    /// <summary>Threads to use; -1 (default) for all cores.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Keep every run's trajectory (for figures and <c>--trajectories</c>); default false.</summary>
    public bool RecordTrajectories { get; init; }

    /// <summary>At most about this many recorded points per run (the stride doubles as a run goes on); default 400.</summary>
    public int TrajectoryPoints { get; init; } = 400;

    /// <summary>Receives the number of runs finished.</summary>
    public IProgress<int>? Progress { get; init; }

    /// <summary>Cancels the runs (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>A one-line summary: the rule, the starts, the seed, the step and the iteration cap.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"DynamicsOptions({Rule}, {Starts} starts, seed {Seed}, η = {StepSize:G6}, at most {MaxIterations} iterations)");
}

/// <summary>A recorded point of a run: the iteration and every agent's mixture.</summary>
/// <param name="Iteration">The iteration (0 for the start).</param>
/// <param name="Profile">One mixture per agent, in the agents' own order.</param>
public sealed record TrajectoryPoint(int Iteration, IReadOnlyList<IReadOnlyList<double>> Profile);

/// <summary>One run from one random start.</summary>
public sealed class DynamicsRun
{
    internal DynamicsRun(int start, bool converged, int iterations, int? outcome, IReadOnlyList<TrajectoryPoint> trajectory)
    {
        Start = start;
        Converged = converged;
        Iterations = iterations;
        Outcome = outcome;
        Trajectory = trajectory;
    }

    /// <summary>The start's index, 0 … R − 1.</summary>
    public int Start { get; }

    /// <summary>True when the run ended at a polished, certified equilibrium.</summary>
    public bool Converged { get; }

    /// <summary>Iterations taken.</summary>
    public int Iterations { get; }

    /// <summary>The index of its outcome in <see cref="DynamicsResult.Outcomes"/>; null when it did not converge.</summary>
    public int? Outcome { get; }

    /// <summary>The recorded points (empty unless <see cref="DynamicsOptions.RecordTrajectories"/>).</summary>
    public IReadOnlyList<TrajectoryPoint> Trajectory { get; }

    /// <summary>A one-line summary: the start, whether it converged, after how many iterations, and to which outcome.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"DynamicsRun(start {Start}: {(Converged ? "converged" : "not converged")} after {Iterations} iterations{(Outcome is int o ? $", outcome {o}" : "")})";
}

/// <summary>
/// A distinct end of the runs, up to permutations of the agents: the polished equilibrium (agents sorted lexicographically), how
/// many starts ended there, the share with its 95% Wilson interval, the stability and the representation.
/// </summary>
public sealed class DynamicsOutcome
{
    internal DynamicsOutcome(AlignmentGame game, double[][] profile, int count, int starts, StabilityReport stability, NashGapReport gap)
    {
        Game = game;
        Profile = Array.AsReadOnly(profile.Select(w => (IReadOnlyList<double>)Array.AsReadOnly(w)).ToArray());
        Count = count;
        Share = (double)count / starts;
        Interval = Wilson(count, starts);
        Stability = stability;
        NashGapReport = gap;
        var r = new double[game.Count];
        foreach (var w in profile)
        {
            for (int j = 0; j < r.Length; j++)
            {
                r[j] += w[j];
            }
        }
        for (int j = 0; j < r.Length; j++)
        {
            r[j] /= profile.Length;
        }
        Representation = Array.AsReadOnly(r);
        IsHomogeneous = profile.All(w => w.AsSpan().SequenceEqual(profile[0]));
    }

    /// <summary>The game.</summary>
    public AlignmentGame Game { get; }

    /// <summary>The equilibrium, one mixture per agent, agents sorted lexicographically by their mixtures.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Profile { get; }

    /// <summary>The number of starts that ended here.</summary>
    public int Count { get; }

    /// <summary>Count / R.</summary>
    public double Share { get; }

    /// <summary>The 95% Wilson score interval of the share.</summary>
    public (double Lower, double Upper) Interval { get; }

    /// <summary>The equilibrium's stability (docs/model.md#stability).</summary>
    public StabilityReport Stability { get; }

    /// <summary>The equilibrium's Nash gap (its certificate).</summary>
    public NashGapReport NashGapReport { get; }

    /// <summary>r = (1/N) Σᵢ wᵢ.</summary>
    public IReadOnlyList<double> Representation { get; }

    /// <summary>True when every agent plays the same mixture.</summary>
    public bool IsHomogeneous { get; }

    /// <summary>"62% [52%, 71%] stable, specialised: r = (left 0.33, …)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Share:P0} [{Interval.Lower:P0}, {Interval.Upper:P0}] {Stability.Label.ToString().ToLowerInvariant()}, {(IsHomogeneous ? "homogeneous" : "specialised")}: r = ({string.Join(", ", Game.Names.Select((n, j) => $"{n} {Representation[j]:G4}"))})");

    /// <summary>The 95% Wilson score interval of count/n.</summary>
    internal static (double, double) Wilson(int count, int n)
    {
        const double z = 1.959963984540054;
        double p = (double)count / n, z2 = z * z;
        double denominator = 1 + (z2 / n);
        double centre = (p + (z2 / (2.0 * n))) / denominator;
        double half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / denominator;
        return (Math.Max(0.0, centre - half), Math.Min(1.0, centre + half));
    }
}

/// <summary>The result of <see cref="LearningDynamics.Run"/>.</summary>
public sealed class DynamicsResult
{
    internal DynamicsResult(AlignmentGame game, DynamicsOptions options, IReadOnlyList<DynamicsOutcome> outcomes, IReadOnlyList<DynamicsRun> runs)
    {
        Game = game;
        Rule = options.Rule;
        Starts = options.Starts;
        Seed = options.Seed;
        StepSize = options.StepSize;
        Outcomes = outcomes;
        Runs = runs;
        NotConverged = runs.Count(r => !r.Converged);
    }

    /// <summary>The game.</summary>
    public AlignmentGame Game { get; }

    /// <summary>The rule.</summary>
    public LearningRule Rule { get; }

    /// <summary>R.</summary>
    public int Starts { get; }

    /// <summary>The seed.</summary>
    public long Seed { get; }

    /// <summary>η.</summary>
    public double StepSize { get; }

    /// <summary>The distinct ends, by decreasing count (ties: the first reached from the lower start).</summary>
    public IReadOnlyList<DynamicsOutcome> Outcomes { get; }

    /// <summary>Every run, by start.</summary>
    public IReadOnlyList<DynamicsRun> Runs { get; }

    /// <summary>Runs that did not reach a certified equilibrium within the iteration cap.</summary>
    public int NotConverged { get; }

    /// <summary>The share of the starts that ended at a stable equilibrium.</summary>
    public double StableShare => Outcomes.Where(o => o.Stability.IsStable).Sum(o => o.Count) / (double)Starts;

    /// <summary>"gradient from 100 starts (seed 1): 2 outcomes, 0 not converged".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{LearningDynamics.RuleName(Rule)} from {Starts} starts (seed {Seed}): {Outcomes.Count} outcome{(Outcomes.Count == 1 ? "" : "s")}, {NotConverged} not converged");
}

/// <summary>
/// Learning dynamics from random starts (docs/model.md#learning-dynamics): gradient play, Hedge (replicator) or sequential best
/// responses, each run polished to an exact KKT point and certified by its Nash gap, the ends grouped into classes up to
/// permutations of the agents, with shares, Wilson intervals and stability labels.
/// </summary>
public static class LearningDynamics
{
    /// <summary>"gradient", "replicator" or "best-response".</summary>
    /// <param name="rule">The rule.</param>
    public static string RuleName(LearningRule rule) => rule switch
    {
        LearningRule.Gradient => "gradient",
        LearningRule.Replicator => "replicator",
        _ => "best-response",
    };

    /// <summary>Parses "gradient", "replicator" or "best-response".</summary>
    /// <param name="name">The name.</param>
    /// <param name="rule">The rule.</param>
    /// <returns>True when the name is one of the three.</returns>
    public static bool TryParseRule(string? name, out LearningRule rule)
    {
        switch (name)
        {
            case "gradient":
                rule = LearningRule.Gradient;
                return true;
            case "replicator":
                rule = LearningRule.Replicator;
                return true;
            case "best-response":
                rule = LearningRule.BestResponse;
                return true;
            default:
                rule = default;
                return false;
        }
    }

    /// <summary>Runs the dynamics from <see cref="DynamicsOptions.Starts"/> seeded random starts.</summary>
    /// <param name="game">The game of identical agents.</param>
    /// <param name="options">The rule, starts, seed, step and the rest; null for the defaults.</param>
    /// <returns>The outcomes and the runs.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it and the range).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static DynamicsResult Run(AlignmentGame game, DynamicsOptions? options = null)
    {
        Preconditions.CheckNotNull(game);
        options ??= new DynamicsOptions();
        Preconditions.CheckAtLeast(options.Starts, 1, "starts");
        Preconditions.CheckAtLeast(options.MaxIterations, 1, "maxIterations");
        Preconditions.CheckAtLeast(options.TrajectoryPoints, 2, "trajectoryPoints");
        if (!(options.StepSize > 0 && options.StepSize <= 1))
        {
            Preconditions.ThrowArgument("stepSize", $"step size η = {Preconditions.Format(options.StepSize)}; it must lie in (0, 1].");
        }
        if (options.MaxDegreeOfParallelism == 0 || options.MaxDegreeOfParallelism < -1)
        {
            Preconditions.ThrowArgument("maxDegreeOfParallelism", "threads must be >= 1, or -1 for all cores.");
        }
        var runner = new Runner(game, options);
        var raw = new (double[][]? Profile, int Iterations, List<TrajectoryPoint> Trajectory)[options.Starts];
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism, CancellationToken = options.CancellationToken };
        Parallel.For(0, options.Starts, parallel, s =>
        {
            raw[s] = runner.RunOne(s);
            options.Progress?.Report(Interlocked.Increment(ref done));
        });
        // Group the ends, in order of start: the same class when the sorted profiles agree to 1e-9.
        var classes = new List<(double[][] Profile, int Count, int First)>();
        var index = new int?[options.Starts];
        for (int s = 0; s < options.Starts; s++)
        {
            if (raw[s].Profile is not { } profile)
            {
                continue;
            }
            int found = classes.FindIndex(c => Close(c.Profile, profile));
            if (found < 0)
            {
                classes.Add((profile, 1, s));
                found = classes.Count - 1;
            }
            else
            {
                classes[found] = (classes[found].Profile, classes[found].Count + 1, classes[found].First);
            }
            index[s] = found;
        }
        var order = Enumerable.Range(0, classes.Count).OrderByDescending(c => classes[c].Count).ThenBy(c => classes[c].First).ToArray();
        var rank = new int[classes.Count];
        for (int i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }
        var outcomes = order.Select(c => new DynamicsOutcome(game, classes[c].Profile, classes[c].Count, options.Starts,
            Stability.OfProfile(game, classes[c].Profile), NashGap.OfProfile(game, classes[c].Profile))).ToList();
        var runs = Enumerable.Range(0, options.Starts).Select(s => new DynamicsRun(s, raw[s].Profile is not null, raw[s].Iterations,
            index[s] is int c ? rank[c] : null, raw[s].Trajectory)).ToList();
        return new DynamicsResult(game, options, outcomes, runs);
    }

    private static bool Close(double[][] a, double[][] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            for (int j = 0; j < a[i].Length; j++)
            {
                if (!(Math.Abs(a[i][j] - b[i][j]) <= 1e-9))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>Each agent's uniform random start on the simplex (normalised exponentials), from a SplitMix64 stream per start.</summary>
    internal static double[][] RandomStart(long seed, int start, int agents, int k)
    {
        ulong state = unchecked(((ulong)seed * 0x9E3779B97F4A7C15UL) ^ ((ulong)(start + 1) * 0xD1B54A32D192ED03UL));
        double Next()
        {
            state = unchecked(state + 0x9E3779B97F4A7C15UL);
            ulong z = state;
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            z ^= z >> 31;
            return ((z >> 11) + 1) * (1.0 / 9007199254740992.0); // (0, 1]
        }
        var profile = new double[agents][];
        for (int i = 0; i < agents; i++)
        {
            var w = new double[k];
            double sum = 0;
            for (int j = 0; j < k; j++)
            {
                w[j] = -Math.Log(Next());
                sum += w[j];
            }
            for (int j = 0; j < k; j++)
            {
                w[j] /= sum;
            }
            profile[i] = w;
        }
        return profile;
    }

    private sealed class Runner
    {
        private const int CheckEvery = 10;
        private readonly AlignmentGame _game;
        private readonly DynamicsOptions _options;
        private readonly CoupledSystem _system;
        private readonly double _step;
        private readonly int _k, _n;
        private readonly double _beta, _lc;

        public Runner(AlignmentGame game, DynamicsOptions options)
        {
            _game = game;
            _options = options;
            _k = game.Count;
            _n = game.Agents;
            _lc = game.Coefficients.Consistency;
            _beta = _n == 1 ? 0.0 : game.Coefficients.Diversity / (_n - 1);
            _system = CoupledSystem.ForClasses(PopulationGame.FromGame(game), agentLevel: true);
            double lipschitz = options.Rule == LearningRule.Replicator
                ? (2.0 * Math.Abs(_lc) * game.Inconsistency.MaxAbs) + (game.EffectiveDiversity * game.Similarity.MaxAbs)
                : SpectralRadius(game);
            if (!(lipschitz > 0) || !double.IsFinite(lipschitz))
            {
                lipschitz = game.Scale > 0 ? game.Scale : 1.0;
            }
            _step = options.StepSize / lipschitz;
        }

        /// <summary>The spectral radius of Φ's Hessian on the interior: the largest |eigenvalue| of A₊ and A₋.</summary>
        private static double SpectralRadius(AlignmentGame game)
        {
            var structure = game.Structure;
            int m = game.Count - 1;
            double lc = game.Coefficients.Consistency, ld = game.EffectiveDiversity, beta = game.Agents == 1 ? 0.0 : ld / (game.Agents - 1);
            double radius = 0;
            foreach (double gamma in game.Agents == 1 ? new[] { 0.0 } : new[] { ld, -beta })
            {
                var a = new double[m * m];
                for (int i = 0; i < a.Length; i++)
                {
                    a[i] = (2.0 * lc * structure.ReducedInconsistency[i]) + (gamma * structure.ReducedSimilarity[i]);
                }
                double min = SymmetricEigen.MinEigenvalue((i, j) => a[(i * m) + j], m);
                double max = -SymmetricEigen.MinEigenvalue((i, j) => -a[(i * m) + j], m);
                radius = Math.Max(radius, Math.Max(Math.Abs(min), Math.Abs(max)));
            }
            return radius;
        }

        public (double[][]? Profile, int Iterations, List<TrajectoryPoint> Trajectory) RunOne(int start)
        {
            int k = _k, n = _n;
            var w = RandomStart(_options.Seed, start, n, k);
            var trajectory = new List<TrajectoryPoint>();
            int stride = 1;
            void Record(int iteration, double[][] profile)
            {
                if (!_options.RecordTrajectories)
                {
                    return;
                }
                trajectory.Add(new TrajectoryPoint(iteration, profile.Select(x => (IReadOnlyList<double>)Array.AsReadOnly(x.ToArray())).ToArray()));
                if (trajectory.Count > 2 * _options.TrajectoryPoints)
                {
                    var kept = trajectory.Where((_, i) => i % 2 == 0).ToList();
                    trajectory.Clear();
                    trajectory.AddRange(kept);
                    stride *= 2;
                }
            }
            Record(0, w);
            var total = new double[k];
            var sTotal = new double[k];
            var cw = new double[k];
            var sw = new double[k];
            var g = new double[k];
            var scratch = new double[k];
            var previous = new double[n][];
            var gradients = new double[n][];
            var others = new double[k];
            for (int i = 0; i < n; i++)
            {
                previous[i] = new double[k];
                gradients[i] = new double[k];
            }
            double tolerance = Tolerances.DualRelative * _game.Scale;
            int quietUntil = 0;
            for (int iteration = 1; iteration <= _options.MaxIterations; iteration++)
            {
                if ((iteration & 255) == 0)
                {
                    _options.CancellationToken.ThrowIfCancellationRequested();
                }
                for (int i = 0; i < n; i++)
                {
                    Array.Copy(w[i], previous[i], k);
                }
                if (_options.Rule == LearningRule.BestResponse)
                {
                    for (int i = 0; i < n; i++)
                    {
                        Array.Clear(others);
                        for (int j = 0; j < n; j++)
                        {
                            if (j != i)
                            {
                                Kernels.Add(others, w[j]);
                            }
                        }
                        if (n > 1)
                        {
                            for (int q = 0; q < k; q++)
                            {
                                others[q] /= n - 1;
                            }
                        }
                        var response = BestResponse.Compute(_game, others, w[i]);
                        for (int q = 0; q < k; q++)
                        {
                            w[i][q] = response.Weights[q];
                        }
                    }
                }
                else
                {
                    Array.Clear(total);
                    foreach (var x in w)
                    {
                        Kernels.Add(total, x);
                    }
                    _game.Similarity.Multiply(total, sTotal);
                    for (int i = 0; i < n; i++)
                    {
                        _game.Inconsistency.Multiply(w[i], cw);
                        _game.Similarity.Multiply(w[i], sw);
                        var gi = gradients[i];
                        for (int q = 0; q < k; q++)
                        {
                            gi[q] = (_game.Coefficients.Attractiveness * _game.Attractiveness[q]) - (2.0 * _lc * cw[q]) - (_beta * (sTotal[q] - sw[q]));
                        }
                    }
                    for (int i = 0; i < n; i++)
                    {
                        var gi = gradients[i];
                        if (_options.Rule == LearningRule.Gradient)
                        {
                            for (int q = 0; q < k; q++)
                            {
                                g[q] = w[i][q] + (_step * gi[q]);
                            }
                            SimplexProjection.Project(g, w[i], scratch);
                        }
                        else
                        {
                            double max = double.NegativeInfinity;
                            for (int q = 0; q < k; q++)
                            {
                                max = Math.Max(max, gi[q]);
                            }
                            double sum = 0;
                            for (int q = 0; q < k; q++)
                            {
                                w[i][q] *= Math.Exp(_step * (gi[q] - max));
                                sum += w[i][q];
                            }
                            for (int q = 0; q < k; q++)
                            {
                                w[i][q] /= sum;
                            }
                        }
                    }
                }
                if (iteration % stride == 0)
                {
                    Record(iteration, w);
                }
                if (iteration % CheckEvery != 0 && _options.Rule != LearningRule.BestResponse)
                {
                    continue;
                }
                double change = 0;
                for (int i = 0; i < n; i++)
                {
                    for (int q = 0; q < k; q++)
                    {
                        change = Math.Max(change, Math.Abs(w[i][q] - previous[i][q]));
                    }
                }
                double distance = _options.Rule == LearningRule.Replicator ? 1e-4 : 1e-6;
                if (change > distance * 0.1)
                {
                    continue;
                }
                if (iteration < quietUntil)
                {
                    continue;
                }
                if (TryPolish(w, tolerance, distance) is { } polished)
                {
                    var sorted = polished.OrderBy(x => x, ProfileComparer.Instance).ToArray();
                    if (Stability.OfProfile(_game, sorted).Label == StabilityLabel.Unstable)
                    {
                        // Slow because it passes near a saddle: learning agents leave an unstable equilibrium, so keep going (and do
                        // not try to polish again for a while).
                        quietUntil = iteration + (20 * CheckEvery) + (iteration / 4);
                        continue;
                    }
                    Record(iteration, polished);
                    return (sorted, iteration, trajectory);
                }
                // Not there yet: try again after a pause that grows with the run (O(log) attempts on a slow approach, as Hedge's).
                quietUntil = iteration + Math.Max(CheckEvery, iteration / 16);
            }
            return (null, _options.MaxIterations, trajectory);
        }

        /// <summary>The exact KKT point on the iterate's supports (weights above 1e-6 for Hedge), certified and within the distance.</summary>
        private double[][]? TryPolish(double[][] w, double tolerance, double distance)
        {
            double floor = _options.Rule == LearningRule.Replicator ? 1e-6 : 0.0;
            var supports = w.Select(x => Enumerable.Range(0, _k).Where(q => x[q] > floor).ToArray()).ToArray();
            if (supports.Any(s => s.Length == 0))
            {
                return null;
            }
            var solution = _system.Polish(supports, tolerance);
            if (solution is not { } s2)
            {
                return null;
            }
            var polished = s2.W;
            for (int i = 0; i < _n; i++)
            {
                for (int q = 0; q < _k; q++)
                {
                    if (!(Math.Abs(polished[i][q] - w[i][q]) <= distance))
                    {
                        return null;
                    }
                }
                double sum = polished[i].Sum();
                if (!(Math.Abs(sum - 1) <= Preconditions.MixtureSumTolerance) || polished[i].Any(x => x < 0))
                {
                    return null;
                }
            }
            return NashGap.OfProfile(_game, polished).IsCertified ? polished : null;
        }
    }

    /// <summary>Lexicographic order of mixtures.</summary>
    internal sealed class ProfileComparer : IComparer<double[]>
    {
        public static readonly ProfileComparer Instance = new();

        public int Compare(double[]? x, double[]? y)
        {
            for (int i = 0; i < x!.Length; i++)
            {
                int c = x[i].CompareTo(y![i]);
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        }
    }
}

using System.Globalization;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Estimation;
using ActiveAlignment.Learning;
using ActiveAlignment.Steering;
using ActiveAlignment.Sweeps;

namespace ActiveAlignment.Reporting;

/// <summary>What an audit computes, besides the games: the exclusion threshold, the grid, and the work's bounds.</summary>
public sealed record AuditAnalysisOptions
{
    /// <summary>The exclusion threshold τ; default 0.01.</summary>
    public double Threshold { get; init; } = 0.01;

    /// <summary>The confidence level of intervals when the audit is of an ensemble; default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>The exclusion map's x axis; default consistency 0.05 … max(2, 2λ_C), 120 points.</summary>
    public GridAxis? X { get; init; }

    /// <summary>The exclusion map's y axis; default diversity 0 … max(3, 2λ_D), 120 points.</summary>
    public GridAxis? Y { get; init; }

    /// <summary>The largest diversity incentive steering searches; default max(100, 10 λ_D).</summary>
    public double? MaximumDiversity { get; init; }

    /// <summary>Threads for the sweeps and the bootstrap; -1 for every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Reports each stage ("solving …", "exclusion map of …").</summary>
    public IProgress<string>? Progress { get; init; }

    /// <summary>Stops the audit between stages.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>The largest diversity incentive steering searches for <paramref name="game"/>.</summary>
    /// <param name="game">The game.</param>
    /// <returns><see cref="MaximumDiversity"/>, or max(100, 10 λ_D).</returns>
    public double MaximumDiversityFor(AlignmentGame game)
    {
        ArgumentNullException.ThrowIfNull(game);
        return MaximumDiversity ?? Math.Max(100.0, 10.0 * game.Coefficients.Diversity);
    }
}

/// <summary>One game's part of an audit: its equilibrium, steering, exclusion map and what learning agents do.</summary>
/// <param name="Name">The game's name.</param>
/// <param name="Game">The game.</param>
/// <param name="Equilibrium">The certified homogeneous equilibrium.</param>
/// <param name="Steering">Which incentives restore representation.</param>
/// <param name="Sweep">The exclusion map's summary over the audit's grid.</param>
/// <param name="Grids">Each group's weight over the grid, in the game's group order.</param>
/// <param name="Equilibria">Every equilibrium, when the game is small enough to enumerate (at most 50,000 support profiles); else null.</param>
/// <param name="Learning">Learning dynamics from 64 starts (seed 1), with trajectories.</param>
public sealed record GameAudit(string Name, AlignmentGame Game, HomogeneousEquilibrium Equilibrium, SteeringReport Steering,
    ExclusionSummary Sweep, IReadOnlyList<FocalGridSink> Grids, EquilibriumSet? Equilibria, DynamicsResult Learning)
{
    /// <summary>"ideological: Interior, Stable; 1 of 3 groups excluded at the point" (excluded at the game's own coefficients, at the sweep's threshold).</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: {Equilibrium.Status}, {Equilibrium.Stability.Label}; {Equilibrium.Excluded(Sweep.Threshold).Count} of {Game.Count} groups excluded at the point");
}

/// <summary>
/// The analysis behind an audit report, without its rendering: every game's equilibrium, steering, exclusion map and
/// learning outcome, the comparison of several games, and an ensemble's bootstrap intervals. <c>AuditReport.Render</c>
/// (ActiveAlignment.Plotting) turns it into HTML; a program can read it directly.
/// </summary>
public sealed class AuditAnalysis
{
    /// <summary>Games with at most this many support profiles get every equilibrium enumerated; larger ones only the learning outcomes.</summary>
    public const long EnumerationLimit = 50_000;

    private AuditAnalysis(IReadOnlyList<GameAudit> games, Ensemble? ensemble, GridAxis x, GridAxis y, AuditAnalysisOptions options,
        EquilibriumUncertainty? equilibriumUncertainty, SweepUncertainty? exclusionUncertainty, DiversityUncertainty? diversityUncertainty,
        ExclusionComparison? comparison)
    {
        Games = games;
        Ensemble = ensemble;
        X = x;
        Y = y;
        Options = options;
        EquilibriumUncertainty = equilibriumUncertainty;
        ExclusionUncertainty = exclusionUncertainty;
        DiversityUncertainty = diversityUncertainty;
        Comparison = comparison;
    }

    /// <summary>Each game's part, in the order given.</summary>
    public IReadOnlyList<GameAudit> Games { get; }

    /// <summary>The ensemble whose point game was audited, or null.</summary>
    public Ensemble? Ensemble { get; }

    /// <summary>The exclusion map's x axis.</summary>
    public GridAxis X { get; }

    /// <summary>The exclusion map's y axis.</summary>
    public GridAxis Y { get; }

    /// <summary>The options the analysis ran with.</summary>
    public AuditAnalysisOptions Options { get; }

    /// <summary>The exclusion threshold τ.</summary>
    public double Threshold => Options.Threshold;

    /// <summary>The equilibrium's bootstrap intervals (an ensemble only).</summary>
    public EquilibriumUncertainty? EquilibriumUncertainty { get; }

    /// <summary>The exclusion map's bootstrap intervals (an ensemble only).</summary>
    public SweepUncertainty? ExclusionUncertainty { get; }

    /// <summary>The minimum diversity's bootstrap interval (an ensemble only).</summary>
    public DiversityUncertainty? DiversityUncertainty { get; }

    /// <summary>The comparison of the games' exclusion maps (two games or more), or null.</summary>
    public ExclusionComparison? Comparison { get; }

    /// <summary>Audits one game or several (compared on one grid).</summary>
    /// <param name="games">Named games, at least one.</param>
    /// <param name="options">Threshold, grid, bounds; null for the defaults.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="games"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="games"/> is empty.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static AuditAnalysis Run(IReadOnlyList<KeyValuePair<string, AlignmentGame>> games, AuditAnalysisOptions? options = null)
        => Run(games, null, options ?? new AuditAnalysisOptions());

    /// <summary>Audits an ensemble: its point game, with bootstrap intervals and exclusion probabilities.</summary>
    /// <param name="name">The ensemble's name.</param>
    /// <param name="ensemble">A plain-game ensemble.</param>
    /// <param name="options">Threshold, confidence, grid, bounds; null for the defaults.</param>
    /// <returns>The analysis.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The options' token was cancelled.</exception>
    public static AuditAnalysis RunEnsemble(string name, Ensemble ensemble, AuditAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        return Run([new(name, ensemble.PointGame)], ensemble, options ?? new AuditAnalysisOptions());
    }

    private static AuditAnalysis Run(IReadOnlyList<KeyValuePair<string, AlignmentGame>> games, Ensemble? ensemble, AuditAnalysisOptions o)
    {
        ArgumentNullException.ThrowIfNull(games);
        if (games.Count == 0)
        {
            throw new ArgumentException("games is empty; a report needs at least one game.", nameof(games));
        }
        double tau = o.Threshold;
        var first = games[0].Value;
        var x = o.X ?? GridAxis.Create(CoefficientAxis.Consistency, 0.05, Math.Max(2.0, 2 * first.Coefficients.Consistency), 120);
        var y = o.Y ?? GridAxis.Create(CoefficientAxis.Diversity, 0.0, Math.Max(3.0, 2 * first.Coefficients.Diversity), 120);
        var analyses = new List<GameAudit>();
        foreach (var (name, game) in games)
        {
            o.CancellationToken.ThrowIfCancellationRequested();
            o.Progress?.Report($"solving {name}");
            analyses.Add(Analyse(name, game, x, y, o));
        }
        EquilibriumUncertainty? solveU = null;
        SweepUncertainty? sweepU = null;
        DiversityUncertainty? diversityU = null;
        if (ensemble is not null)
        {
            o.Progress?.Report("bootstrap replicates: equilibria");
            solveU = EnsembleAnalysis.Solve(ensemble, tau, o.Confidence, o.MaxDegreeOfParallelism, o.CancellationToken);
            o.Progress?.Report("bootstrap replicates: exclusion maps");
            sweepU = EnsembleAnalysis.Sweep(ensemble, x, y, new SweepOptions
            {
                Threshold = tau,
                MaxDegreeOfParallelism = o.MaxDegreeOfParallelism,
                CancellationToken = o.CancellationToken,
            }, o.Confidence);
            o.Progress?.Report("bootstrap replicates: minimum diversity");
            diversityU = EnsembleAnalysis.MinimumDiversity(ensemble, tau, o.MaximumDiversityFor(first), o.Confidence, o.MaxDegreeOfParallelism, o.CancellationToken);
        }
        ExclusionComparison? comparison = null;
        if (games.Count > 1)
        {
            o.Progress?.Report("comparison");
            comparison = ExclusionComparison.Run(games, x, y, new SweepOptions
            {
                Threshold = tau,
                MaxDegreeOfParallelism = o.MaxDegreeOfParallelism,
                CancellationToken = o.CancellationToken,
            });
        }
        return new AuditAnalysis(analyses, ensemble, x, y, o, solveU, sweepU, diversityU, comparison);
    }

    private static GameAudit Analyse(string name, AlignmentGame game, GridAxis x, GridAxis y, AuditAnalysisOptions o)
    {
        var eq = EquilibriumSolver.Solve(game);
        var steering = SteeringReport.Analyze(game, o.Threshold, null, o.MaximumDiversityFor(game));
        var grids = game.Names.Select(g => new FocalGridSink(game, g, x, y)).ToList();
        o.Progress?.Report($"exclusion map of {name}");
        var summary = ExclusionSweep.Run(game, x, y, new SweepOptions
        {
            Threshold = o.Threshold,
            MaxDegreeOfParallelism = o.MaxDegreeOfParallelism,
            CancellationToken = o.CancellationToken,
        }, new CompositeSweepSink([.. grids]));
        o.Progress?.Report($"learning agents in {name}");
        EquilibriumSet? every = game.OwnConcavity.IsConcave && EquilibriumEnumeration.SupportProfileCount(game.Count, game.Agents) <= EnumerationLimit
            ? EquilibriumEnumeration.Enumerate(game, new EquilibriumEnumerationOptions { CancellationToken = o.CancellationToken })
            : null;
        var learning = LearningDynamics.Run(game, new DynamicsOptions
        {
            Starts = 64,
            Seed = 1,
            RecordTrajectories = true,
            TrajectoryPoints = 120,
            MaxDegreeOfParallelism = o.MaxDegreeOfParallelism,
            CancellationToken = o.CancellationToken,
        });
        return new GameAudit(name, game, eq, steering, summary, grids, every, learning);
    }

    /// <summary>"Audit of 2 games (ideological, regional) at τ = 0.01 on a 120 × 120 grid; with an ensemble".</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Audit of {Games.Count} game{(Games.Count == 1 ? "" : "s")} ({string.Join(", ", Games.Select(g => g.Name))}) at τ = {Threshold} on a {X.Count} × {Y.Count} grid{(Ensemble is null ? "" : "; with an ensemble")}");
}

using ActiveAlignment.Numerics;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Populations;

/// <summary>
/// How one class of agents is specified: a name, a count, and optionally its own coefficients, attractiveness and
/// inconsistency (null: the population's defaults).
/// </summary>
/// <param name="Name">Non-empty, unique within the population.</param>
/// <param name="Count">n_c ≥ 1 agents.</param>
/// <param name="Coefficients">(λ_A, λ_C, λ_D) of the class; null for the population's default coefficients.</param>
/// <param name="Attractiveness">a_c (length K); null for the subpopulations' attractiveness.</param>
/// <param name="Inconsistency">C_c (K×K, symmetric; an array converts, copied); null for the population's inconsistency matrix.</param>
public sealed record AgentClassDefinition(string Name, int Count, IncentiveCoefficients? Coefficients = null,
    IReadOnlyList<double>? Attractiveness = null, ReadOnlyMatrix<double>? Inconsistency = null);

/// <summary>A validated agent class with every parameter resolved (heterogeneous populations; the issue's model).</summary>
public sealed class AgentClass
{
    internal AgentClass(string name, int count, IncentiveCoefficients coefficients, bool ownCoefficients, double[] attractiveness,
        bool ownAttractiveness, SymmetricMatrix inconsistency, bool ownInconsistency, AlignmentGame game)
    {
        Name = name;
        Count = count;
        Coefficients = coefficients;
        HasOwnCoefficients = ownCoefficients;
        _attractiveness = attractiveness;
        HasOwnAttractiveness = ownAttractiveness;
        Inconsistency = inconsistency;
        HasOwnInconsistency = ownInconsistency;
        Game = game;
    }

    private readonly double[] _attractiveness;

    /// <summary>The class name.</summary>
    public string Name { get; }

    /// <summary>n_c, the number of agents of this class.</summary>
    public int Count { get; }

    /// <summary>(λ_A, λ_C, λ_D) of the class.</summary>
    public IncentiveCoefficients Coefficients { get; }

    /// <summary>True when the class gave its own coefficients.</summary>
    public bool HasOwnCoefficients { get; }

    /// <summary>a_c.</summary>
    public ReadOnlySpan<double> Attractiveness => _attractiveness;

    /// <summary>True when the class overrides the attractiveness vector.</summary>
    public bool HasOwnAttractiveness { get; }

    /// <summary>C_c.</summary>
    public SymmetricMatrix Inconsistency { get; }

    /// <summary>True when the class overrides the inconsistency matrix.</summary>
    public bool HasOwnInconsistency { get; }

    /// <summary>
    /// The class as a homogeneous game with the population's N and S: an agent of this class has exactly this game's utility
    /// against the mean of the others (used for its best response, own concavity and certificates).
    /// </summary>
    public AlignmentGame Game { get; }

    /// <summary>Own concavity of the class: λ_C,c·λ_min(ZᵀC_cZ) ≥ 0.</summary>
    public OwnConcavity OwnConcavity => Game.OwnConcavity;

    /// <summary>A one-line summary: the class's name, count and coefficients.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"AgentClass({Name} × {Count}, λ = ({Coefficients.Attractiveness:G6}, {Coefficients.Consistency:G6}, {Coefficients.Diversity:G6}){(HasOwnAttractiveness ? ", own a" : "")}{(HasOwnInconsistency ? ", own C" : "")})");
}

/// <summary>
/// A population of agent classes playing the active-alignment game: K subpopulations, a shared similarity kernel S and classes
/// c = 1..m with their own counts, coefficients and optionally attractiveness and inconsistency. N = Σ n_c. An agent of class c
/// maximises λ_A,c a_cᵀw − λ_C,c wᵀC_c w − λ_D,c wᵀS w̄₋ᵢ, w̄₋ᵢ the mean over every other agent of every class.
/// With one class this is exactly the game of docs/model.md#utility.
/// </summary>
public sealed class PopulationGame
{
    private PopulationGame(AlignmentGame template, IncentiveCoefficients? defaults, IReadOnlyList<AgentClass> classes, AlignmentGame? homogeneous = null)
    {
        HomogeneousGame = homogeneous;
        Template = template;
        DefaultCoefficients = defaults;
        Classes = classes;
        Agents = template.Agents;
    }

    /// <summary>
    /// The homogeneous game this population was made from by <see cref="FromGame"/> (a file whose <c>agents</c> is an integer);
    /// null for a population of classes.
    /// </summary>
    public AlignmentGame? HomogeneousGame { get; }

    /// <summary>The subpopulations, default attractiveness and inconsistency, similarity and N, as a homogeneous game.</summary>
    internal AlignmentGame Template { get; }

    /// <summary>The subpopulations.</summary>
    public IReadOnlyList<Subpopulation> Subpopulations => Template.Subpopulations;

    /// <summary>K.</summary>
    public int Count => Template.Count;

    /// <summary>The subpopulation names.</summary>
    public IEnumerable<string> Names => Template.Names;

    /// <summary>The default inconsistency matrix.</summary>
    public SymmetricMatrix Inconsistency => Template.Inconsistency;

    /// <summary>The shared similarity kernel S.</summary>
    public SymmetricMatrix Similarity => Template.Similarity;

    /// <summary>True when S was given explicitly.</summary>
    public bool SimilarityGiven => Template.SimilarityGiven;

    /// <summary>The population-wide default coefficients, if any were given.</summary>
    public IncentiveCoefficients? DefaultCoefficients { get; }

    /// <summary>The classes, in order (agents are numbered class by class).</summary>
    public IReadOnlyList<AgentClass> Classes { get; }

    /// <summary>N = Σ n_c.</summary>
    public int Agents { get; }

    /// <summary>True for a single class without overrides: the homogeneous game of docs/model.md.</summary>
    public bool IsHomogeneous => Classes.Count == 1 && !Classes[0].HasOwnAttractiveness && !Classes[0].HasOwnInconsistency;

    /// <summary>The scale of docs/model.md#certificates, maximised over the classes.</summary>
    public double Scale => Classes.Max(c => c.Game.Scale);

    /// <summary>The class of agent i (agents are numbered class by class).</summary>
    /// <param name="agent">0 ≤ agent &lt; N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="agent"/> is outside [0, N).</exception>
    public int ClassOf(int agent)
    {
        if ((uint)agent >= (uint)Agents)
        {
            throw new ArgumentOutOfRangeException(nameof(agent), agent, $"agent must lie in [0, {Agents - 1}].");
        }
        for (int c = 0; c < Classes.Count; c++)
        {
            if (agent < Classes[c].Count)
            {
                return c;
            }
            agent -= Classes[c].Count;
        }
        throw new InvalidOperationException("unreachable: counts sum to N");
    }

    /// <summary>A one-class population equal to a homogeneous game.</summary>
    /// <param name="game">The game.</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static PopulationGame FromGame(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        var only = new AgentClass("agents", game.Agents, game.Coefficients, false, game.Attractiveness.ToArray(), false, game.Inconsistency, false, game);
        return new PopulationGame(game, game.Coefficients, [only], game);
    }

    /// <summary>Creates and validates a population.</summary>
    /// <param name="subpopulations">K ≥ 2 subpopulations (their attractiveness is the default a).</param>
    /// <param name="inconsistency">The default C (K×K).</param>
    /// <param name="classes">At least one class.</param>
    /// <param name="defaultCoefficients">Coefficients for classes that give none; required if any class gives none.</param>
    /// <param name="similarity">The shared S; null for the identity.</param>
    /// <returns>The population.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">A rule is broken: no classes, an empty or repeated class name, a count below 1,
    /// a class without coefficients and no default, an override of the wrong size or not finite or not symmetric.</exception>
    public static PopulationGame Create(IEnumerable<Subpopulation> subpopulations, SymmetricMatrix inconsistency,
        IReadOnlyList<AgentClassDefinition> classes, IncentiveCoefficients? defaultCoefficients = null, SymmetricMatrix? similarity = null)
    {
        Preconditions.CheckNotNull(classes);
        if (classes.Count == 0)
        {
            Preconditions.ThrowArgument(nameof(classes), "classes is empty; a population needs at least one agent class.");
        }
        long total = 0;
        foreach (var definition in classes)
        {
            total += definition?.Count ?? 0;
        }
        if (total > int.MaxValue)
        {
            Preconditions.ThrowArgument(nameof(classes), $"the class counts sum to {total}, more than {int.MaxValue} agents.");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < classes.Count; i++)
        {
            var d = classes[i] ?? throw new ArgumentNullException(nameof(classes), $"classes[{i}] is null.");
            if (string.IsNullOrWhiteSpace(d.Name))
            {
                Preconditions.ThrowArgument(nameof(classes), $"classes[{i}].name is empty; every class needs a non-empty name.");
            }
            if (!names.Add(d.Name))
            {
                Preconditions.ThrowArgument(nameof(classes), $"classes[{i}].name \"{d.Name}\" repeats an earlier class; names must be unique.");
            }
            if (d.Count < 1)
            {
                Preconditions.ThrowArgument(nameof(classes), $"classes[{i}].count = {d.Count}; it must be an integer >= 1.");
            }
            if (d.Coefficients is null && defaultCoefficients is null)
            {
                Preconditions.ThrowArgument(nameof(classes), $"classes[{i}] (\"{d.Name}\") has no coefficients and there are no default coefficients.");
            }
        }
        var template = AlignmentGame.Create(subpopulations, inconsistency, (int)total,
            defaultCoefficients ?? classes[0].Coefficients!.Value, similarity);
        int k = template.Count;
        var resolved = new List<AgentClass>();
        for (int i = 0; i < classes.Count; i++)
        {
            var d = classes[i];
            double[] a = template.Attractiveness.ToArray();
            if (d.Attractiveness is not null)
            {
                if (d.Attractiveness.Count != k)
                {
                    Preconditions.ThrowArgument(nameof(classes), $"classes[{i}].attractiveness has length {d.Attractiveness.Count}, expected {k} for {k} subpopulations.");
                }
                for (int j = 0; j < k; j++)
                {
                    if (!double.IsFinite(d.Attractiveness[j]))
                    {
                        Preconditions.ThrowArgument(nameof(classes), $"classes[{i}].attractiveness[{j}] = {Preconditions.Format(d.Attractiveness[j])}; it must be a finite number.");
                    }
                    a[j] = d.Attractiveness[j];
                }
            }
            var c = inconsistency;
            if (d.Inconsistency is not null)
            {
                c = SymmetricMatrix.Create(d.Inconsistency.ToArray(), $"classes[{i}].inconsistency");
                if (c.Dimension != k)
                {
                    Preconditions.ThrowArgument(nameof(classes), $"classes[{i}].inconsistency is {c.Dimension}x{c.Dimension}, expected {k}x{k} for {k} subpopulations.");
                }
            }
            var lambda = d.Coefficients ?? defaultCoefficients!.Value;
            var subs = template.Subpopulations.Select((s, j) => new Subpopulation(s.Name, a[j]));
            var classGame = AlignmentGame.Create(subs, c, (int)total, lambda, template.SimilarityGiven ? template.Similarity : null);
            resolved.Add(new AgentClass(d.Name, d.Count, lambda, d.Coefficients is not null, a, d.Attractiveness is not null, c,
                d.Inconsistency is not null, classGame));
        }
        return new PopulationGame(template, defaultCoefficients, resolved);
    }

    /// <summary>A one-line summary: the groups and the agent classes with their counts.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"PopulationGame(K = {Count}: {string.Join(", ", Names.Take(8))}{(Count > 8 ? ", …" : "")}; {Agents} agents in {Classes.Count} class{(Classes.Count == 1 ? "" : "es")}: " +
           $"{string.Join(", ", Classes.Take(8).Select(c => $"{c.Name} × {c.Count}"))}{(Classes.Count > 8 ? ", …" : "")})";
}

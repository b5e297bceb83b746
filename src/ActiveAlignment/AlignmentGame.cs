using ActiveAlignment.Internal;

namespace ActiveAlignment;

/// <summary>
/// The active-alignment game of docs/model.md#objects–§2: K ≥ 2 subpopulations with attractiveness a, an inconsistency
/// matrix C, a similarity kernel S (default the identity), N ≥ 1 agents and incentive coefficients (λ_A, λ_C, λ_D).
/// Agent i maximises Uᵢ(wᵢ; w₋ᵢ) = λ_A aᵀwᵢ − λ_C wᵢᵀCwᵢ − λ_D wᵢᵀS w̄₋ᵢ over the simplex.
/// </summary>
/// <remarks>
/// Immutable and validated at construction: a game that exists is a valid game. Copies made with
/// <see cref="WithCoefficients"/> or <see cref="WithAgents"/> share the set-up work done on C and S.
/// </remarks>
public sealed class AlignmentGame
{
    private readonly double[] _attractiveness;
    /// <summary>Names to positions; null for a game of at most <see cref="LinearIndexLimit"/> groups, searched in order.</summary>
    private readonly Dictionary<string, int>? _indexByName;

    /// <summary>Up to this many groups, names are found by a linear search (no dictionary to build for every game read).</summary>
    private const int LinearIndexLimit = 16;
    private readonly GameStructure _structure;

    private AlignmentGame(IReadOnlyList<Subpopulation> subpopulations, double[] attractiveness, Dictionary<string, int>? indexByName,
        SymmetricMatrix inconsistency, SymmetricMatrix similarity, bool similarityGiven, int agents, IncentiveCoefficients coefficients,
        GameStructure structure)
    {
        Subpopulations = subpopulations;
        _attractiveness = attractiveness;
        _indexByName = indexByName;
        Inconsistency = inconsistency;
        Similarity = similarity;
        SimilarityGiven = similarityGiven;
        Agents = agents;
        Coefficients = coefficients;
        _structure = structure;
    }

    /// <summary>
    /// Creates a game, validating every rule of docs/model.md#objects.
    /// </summary>
    /// <param name="subpopulations">K ≥ 2 subpopulations with unique names.</param>
    /// <param name="inconsistency">C, K×K.</param>
    /// <param name="agents">N ≥ 1.</param>
    /// <param name="coefficients">(λ_A, λ_C, λ_D).</param>
    /// <param name="similarity">S, K×K; null for the identity.</param>
    /// <returns>The validated game.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than two subpopulations, a repeated name, N &lt; 1, or a matrix of the wrong size
    /// (the message states the actual and expected sizes).</exception>
    public static AlignmentGame Create(IEnumerable<Subpopulation> subpopulations, SymmetricMatrix inconsistency, int agents,
        IncentiveCoefficients coefficients, SymmetricMatrix? similarity = null)
    {
        Preconditions.CheckNotNull(subpopulations);
        Preconditions.CheckNotNull(inconsistency);
        var list = new List<Subpopulation>(subpopulations is IReadOnlyCollection<Subpopulation> known ? known.Count : 4);
        Dictionary<string, int>? index = null;
        foreach (var subpopulation in subpopulations)
        {
            if (subpopulation is null)
            {
                throw new ArgumentNullException(nameof(subpopulations), $"subpopulations[{list.Count}] is null.");
            }
            int earlier = -1;
            if (index is null)
            {
                earlier = LinearIndexOf(list, subpopulation.Name);
                if (earlier < 0 && list.Count == LinearIndexLimit)
                {
                    index = new Dictionary<string, int>(StringComparer.Ordinal);
                    for (int j = 0; j < list.Count; j++)
                    {
                        index.Add(list[j].Name, j);
                    }
                }
            }
            if (index is not null && earlier < 0 && !index.TryAdd(subpopulation.Name, list.Count))
            {
                earlier = index[subpopulation.Name];
            }
            if (earlier >= 0)
            {
                Preconditions.ThrowArgument(nameof(subpopulations),
                    $"subpopulations[{list.Count}].name \"{subpopulation.Name}\" repeats subpopulations[{earlier}].name; names must be unique.");
            }
            list.Add(subpopulation);
        }
        int k = list.Count;
        if (k < 2)
        {
            Preconditions.ThrowArgument(nameof(subpopulations), $"subpopulations has {k} entries; a game needs K >= 2 subpopulations.");
        }
        CheckSize(inconsistency, k, "inconsistency");
        if (similarity is not null)
        {
            CheckSize(similarity, k, "similarity");
        }
        Preconditions.CheckAtLeast(agents, 1, nameof(agents));
        var attractiveness = new double[k];
        for (int i = 0; i < k; i++)
        {
            attractiveness[i] = list[i].Attractiveness;
        }
        var s = similarity ?? SymmetricMatrix.Identity(k);
        CheckRepresentable(attractiveness, inconsistency, s, coefficients);
        return new AlignmentGame(list.AsReadOnly(), attractiveness, index, inconsistency, s, similarity is not null, agents, coefficients,
            new GameStructure(inconsistency, s));
    }

    /// <summary>Creates a game from plain arrays (see <see cref="Create(IEnumerable{Subpopulation}, SymmetricMatrix, int, IncentiveCoefficients, SymmetricMatrix?)"/>).</summary>
    /// <param name="names">K ≥ 2 unique, non-empty names.</param>
    /// <param name="attractiveness">a, length K, finite.</param>
    /// <param name="inconsistency">C, K×K, finite and symmetric.</param>
    /// <param name="agents">N ≥ 1.</param>
    /// <param name="coefficients">(λ_A, λ_C, λ_D).</param>
    /// <param name="similarity">S, K×K, finite and symmetric; null for the identity.</param>
    /// <returns>The validated game.</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException">Any rule of docs/model.md#objects is broken; the message names the field and the valid range.</exception>
    public static AlignmentGame Create(IReadOnlyList<string> names, IReadOnlyList<double> attractiveness, double[,] inconsistency, int agents,
        IncentiveCoefficients coefficients, double[,]? similarity = null)
    {
        Preconditions.CheckNotNull(names);
        Preconditions.CheckNotNull(attractiveness);
        Preconditions.CheckLength(attractiveness.Count, names.Count, nameof(attractiveness), "subpopulations");
        var subpopulations = new Subpopulation[names.Count];
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] is null || string.IsNullOrWhiteSpace(names[i]))
            {
                Preconditions.ThrowArgument(nameof(names), $"names[{i}] is empty; every subpopulation needs a non-empty name.");
            }
            if (!double.IsFinite(attractiveness[i]))
            {
                Preconditions.ThrowArgument(nameof(attractiveness), $"attractiveness[{i}] = {Preconditions.Format(attractiveness[i])}; it must be a finite number.");
            }
            subpopulations[i] = new Subpopulation(names[i], attractiveness[i]);
        }
        return Create(subpopulations, SymmetricMatrix.Create(Preconditions.CheckNotNull(inconsistency), "inconsistency"), agents, coefficients,
            similarity is null ? null : SymmetricMatrix.Create(similarity, "similarity"));
    }

    /// <summary>
    /// Rejects magnitudes whose sums could overflow: every entry, every coefficient and every product λ·max|X| must not exceed
    /// <see cref="Tolerances.MaxMagnitude"/>.
    /// </summary>
    private static void CheckRepresentable(double[] attractiveness, SymmetricMatrix inconsistency, SymmetricMatrix similarity,
        IncentiveCoefficients coefficients)
    {
        double maxA = 0;
        int at = 0;
        for (int i = 0; i < attractiveness.Length; i++)
        {
            if (Math.Abs(attractiveness[i]) > maxA)
            {
                maxA = Math.Abs(attractiveness[i]);
                at = i;
            }
        }
        if (!(maxA <= Tolerances.MaxMagnitude))
        {
            Check(maxA, $"attractiveness[{at}]"); // the field's name is formatted only for the error
        }
        Check(inconsistency.MaxAbs, "inconsistency");
        Check(similarity.MaxAbs, "similarity");
        CheckCoefficients(coefficients, maxA, inconsistency.MaxAbs, similarity.MaxAbs);
    }

    private static void CheckCoefficients(IncentiveCoefficients coefficients, double maxA, double maxC, double maxS)
    {
        Check(coefficients.Attractiveness, "coefficients.attractiveness");
        Check(coefficients.Consistency, "coefficients.consistency");
        Check(coefficients.Diversity, "coefficients.diversity");
        Check(coefficients.Attractiveness * maxA, "coefficients.attractiveness × max|attractiveness|");
        Check(2 * coefficients.Consistency * maxC, "2 × coefficients.consistency × max|inconsistency|");
        Check(coefficients.Diversity * maxS, "coefficients.diversity × max|similarity|");
    }

    private static void Check(double magnitude, string field)
    {
        if (!(magnitude <= Tolerances.MaxMagnitude))
        {
            Preconditions.ThrowArgument(field, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{field} has magnitude {Preconditions.Format(magnitude)}; the representable range is up to {Tolerances.MaxMagnitude:R} (larger values could overflow in sums). Rescale the game: the equilibrium is unchanged when all coefficients are scaled together, or a matrix by s with its coefficient by 1/s."));
        }
    }

    private static void CheckSize(SymmetricMatrix matrix, int k, string name)
    {
        if (matrix.Dimension != k)
        {
            Preconditions.ThrowArgument(name, $"{name} is {matrix.Dimension}x{matrix.Dimension}, expected {k}x{k} for {k} subpopulations.");
        }
    }

    /// <summary>The subpopulations, in order.</summary>
    public IReadOnlyList<Subpopulation> Subpopulations { get; }

    /// <summary>K, the number of subpopulations.</summary>
    public int Count => _attractiveness.Length;

    /// <summary>A one-line summary: the groups, N and λ, e.g. <c>AlignmentGame(K = 3: left, center, right; N = 4; λ = (1, 0.5, 0.3))</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"AlignmentGame(K = {Count}: {string.Join(", ", Names.Take(8))}{(Count > 8 ? ", …" : "")}; N = {Agents}; λ = ({Coefficients.Attractiveness:G6}, {Coefficients.Consistency:G6}, {Coefficients.Diversity:G6}))");

    /// <summary>The attractiveness vector a (length K), without copying.</summary>
    public ReadOnlySpan<double> Attractiveness => _attractiveness;

    /// <summary>The inconsistency matrix C.</summary>
    public SymmetricMatrix Inconsistency { get; }

    /// <summary>The similarity kernel S (the identity unless one was given).</summary>
    public SymmetricMatrix Similarity { get; }

    /// <summary>True when a similarity kernel was given explicitly (false: the default identity).</summary>
    public bool SimilarityGiven { get; }

    /// <summary>N, the number of agents.</summary>
    public int Agents { get; }

    /// <summary>The incentive coefficients (λ_A, λ_C, λ_D).</summary>
    public IncentiveCoefficients Coefficients { get; }

    /// <summary>λ_D as it enters every formula: 0 when N = 1 (there is no one to differ from, docs/model.md#utility).</summary>
    public double EffectiveDiversity => Agents == 1 ? 0.0 : Coefficients.Diversity;

    /// <summary>
    /// The game's scale (docs/model.md#certificates): max(λ_A·max|a|, λ_C·max|C|, λ_D·max|S|), with λ_D = 0 when N = 1.
    /// Tolerances are relative to it, without an absolute floor, so they follow any rescaling of the game.
    /// </summary>
    public double Scale
    {
        get
        {
            double maxA = 0;
            foreach (double v in _attractiveness)
            {
                maxA = Math.Max(maxA, Math.Abs(v));
            }
            return Math.Max(Coefficients.Attractiveness * maxA,
                Math.Max(Coefficients.Consistency * Inconsistency.MaxAbs, EffectiveDiversity * Similarity.MaxAbs));
        }
    }

    /// <summary>
    /// The tolerance every returned equilibrium's Nash gap is proved to meet: <see cref="Tolerances.NashGapRelative"/> ·
    /// <see cref="Scale"/> (docs/model.md#certificates).
    /// </summary>
    public double NashGapTolerance => Tolerances.NashGapRelative * Scale;

    /// <summary>Own concavity of docs/model.md#utility: κ = λ_min(ZᵀCZ) and whether λ_C·κ ≥ 0.</summary>
    public OwnConcavity OwnConcavity => new(_structure.Kappa, _structure.KappaTolerance, Coefficients.Consistency);

    /// <summary>
    /// <see cref="OwnConcavity"/>.IsConcave without computing κ when a Cholesky factorisation already proves κ above its
    /// tolerance (the common case; the same decision, at a fraction of the cost for large K).
    /// </summary>
    internal bool IsOwnConcave => Coefficients.Consistency == 0 || _structure.ConcaveOnSimplex;

    internal GameStructure Structure => _structure;

    /// <summary>The position of the subpopulation called <paramref name="name"/>.</summary>
    /// <param name="name">A subpopulation name.</param>
    /// <exception cref="KeyNotFoundException">No subpopulation has that name (the message lists the names).</exception>
    public int IndexOf(string name)
    {
        Preconditions.CheckNotNull(name);
        int index = _indexByName is null ? LinearIndexOf(Subpopulations, name) : _indexByName.TryGetValue(name, out int found) ? found : -1;
        if (index < 0)
        {
            throw new KeyNotFoundException($"No subpopulation is called \"{name}\"; the names are: {string.Join(", ", Names)}.");
        }
        return index;
    }

    /// <summary>True when a subpopulation is called <paramref name="name"/>.</summary>
    /// <param name="name">A name.</param>
    public bool Contains(string name)
        => name is not null && (_indexByName is null ? LinearIndexOf(Subpopulations, name) >= 0 : _indexByName.ContainsKey(name));

    /// <summary>The first position of <paramref name="name"/> among the groups (ordinal), or −1.</summary>
    private static int LinearIndexOf(IReadOnlyList<Subpopulation> subpopulations, string name)
    {
        for (int i = 0; i < subpopulations.Count; i++)
        {
            if (string.Equals(subpopulations[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>The subpopulation names, in order.</summary>
    public IEnumerable<string> Names => Subpopulations.Select(s => s.Name);

    /// <summary>A copy with other coefficients; set-up work on C and S is shared.</summary>
    /// <param name="coefficients">The new (λ_A, λ_C, λ_D).</param>
    /// <exception cref="ArgumentException">A coefficient or a product λ·max|X| exceeds <see cref="Tolerances.MaxMagnitude"/>.</exception>
    public AlignmentGame WithCoefficients(IncentiveCoefficients coefficients)
    {
        double maxA = 0;
        foreach (double v in _attractiveness)
        {
            maxA = Math.Max(maxA, Math.Abs(v));
        }
        CheckCoefficients(coefficients, maxA, Inconsistency.MaxAbs, Similarity.MaxAbs);
        return new(Subpopulations, _attractiveness, _indexByName, Inconsistency, Similarity, SimilarityGiven, Agents, coefficients, _structure);
    }

    /// <summary>A copy with another number of agents.</summary>
    /// <param name="agents">N ≥ 1.</param>
    /// <exception cref="ArgumentException"><paramref name="agents"/> is below 1.</exception>
    public AlignmentGame WithAgents(int agents)
        => new(Subpopulations, _attractiveness, _indexByName, Inconsistency, Similarity, SimilarityGiven,
            Preconditions.CheckAtLeast(agents, 1, nameof(agents)), Coefficients, _structure);

    /// <summary>A copy with another attractiveness vector (e.g. after a subsidy).</summary>
    /// <param name="attractiveness">a, length K, finite.</param>
    /// <exception cref="ArgumentException">The length is not K, an entry is NaN or infinite, or a magnitude exceeds
    /// <see cref="Tolerances.MaxMagnitude"/>.</exception>
    public AlignmentGame WithAttractiveness(ReadOnlySpan<double> attractiveness)
    {
        Preconditions.CheckLength(attractiveness.Length, Count, nameof(attractiveness), "subpopulations");
        var subs = new Subpopulation[Count];
        for (int i = 0; i < Count; i++)
        {
            if (!double.IsFinite(attractiveness[i]))
            {
                Preconditions.ThrowArgument(nameof(attractiveness), $"attractiveness[{i}] = {Preconditions.Format(attractiveness[i])}; it must be a finite number.");
            }
            subs[i] = new Subpopulation(Subpopulations[i].Name, attractiveness[i]);
        }
        var values = attractiveness.ToArray();
        CheckRepresentable(values, Inconsistency, Similarity, Coefficients);
        return new(Array.AsReadOnly(subs), values, _indexByName, Inconsistency, Similarity, SimilarityGiven, Agents, Coefficients, _structure);
    }

    /// <summary>
    /// Uᵢ(own; others) = λ_A aᵀown − λ_C ownᵀC own − λ_D ownᵀS w̄₋ᵢ (docs/model.md#utility), with λ_D = 0 when N = 1.
    /// </summary>
    /// <param name="own">The agent's mixture wᵢ (length K).</param>
    /// <param name="othersMean">w̄₋ᵢ, the mean mixture of the other agents (length K; ignored when N = 1).</param>
    /// <returns>The utility. NaN inputs give NaN.</returns>
    /// <exception cref="ArgumentException">A length is not K.</exception>
    public double Utility(ReadOnlySpan<double> own, ReadOnlySpan<double> othersMean)
    {
        Preconditions.CheckLength(own.Length, Count, nameof(own), "subpopulations");
        Preconditions.CheckLength(othersMean.Length, Count, nameof(othersMean), "subpopulations");
        int k = Count;
        ReadOnlySpan<double> c = Inconsistency.AsSpan();
        ReadOnlySpan<double> s = Similarity.AsSpan();
        double lambdaD = EffectiveDiversity;
        double attraction = 0, inconsistency = 0, similarity = 0;
        for (int i = 0; i < k; i++)
        {
            attraction += _attractiveness[i] * own[i];
        }
        // Zero weights add nothing to the sums (exactly), so only the supports are visited, in order: O(K²) at most.
        int[]? rented = null;
        Span<int> indices = k <= 256 ? stackalloc int[2 * k] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(2 * k));
        ReadOnlySpan<int> ownSupport = indices[..Numerics.SimplexQuadraticProgram.NonzeroIndices(own, indices)];
        ReadOnlySpan<int> otherSupport = indices.Slice(k, Numerics.SimplexQuadraticProgram.NonzeroIndices(othersMean, indices[k..]));
        foreach (int i in ownSupport)
        {
            ReadOnlySpan<double> cRow = c.Slice(i * k, k);
            ReadOnlySpan<double> sRow = s.Slice(i * k, k);
            double ci = 0, si = 0;
            foreach (int j in ownSupport)
            {
                ci += cRow[j] * own[j];
            }
            foreach (int j in otherSupport)
            {
                si += sRow[j] * othersMean[j];
            }
            inconsistency += own[i] * ci;
            similarity += own[i] * si;
        }
        if (rented is not null)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
        return (Coefficients.Attractiveness * attraction) - (Coefficients.Consistency * inconsistency) - (lambdaD * similarity);
    }

    /// <summary>M = 2λ_C C + λ_D S (docs/model.md#homogeneous-equilibria), row-major K×K, λ_D = 0 when N = 1.</summary>
    /// <param name="destination">Receives M; length K².</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> does not have length K².</exception>
    public void FillInteractionMatrix(Span<double> destination)
    {
        Preconditions.CheckLength(destination.Length, Count * Count, nameof(destination), "entries (K²)");
        FillInteractionMatrix(Coefficients.Consistency, EffectiveDiversity, destination);
    }

    internal void FillInteractionMatrix(double lambdaC, double lambdaD, Span<double> destination)
    {
        ReadOnlySpan<double> c = Inconsistency.AsSpan();
        double twoLc = 2.0 * lambdaC;
        if (Similarity.IsIdentity)
        {
            Numerics.Kernels.Scale(destination[..c.Length], twoLc, c);
            int k = Count;
            for (int i = 0; i < k; i++)
            {
                destination[(i * k) + i] += lambdaD;
            }
            return;
        }
        Numerics.Kernels.Combine(destination[..c.Length], twoLc, c, lambdaD, Similarity.AsSpan());
    }
}

/// <summary>Own concavity of docs/model.md#utility: Uᵢ is concave in wᵢ on Δ iff λ_C·κ ≥ 0 with κ = λ_min(ZᵀCZ).</summary>
/// <param name="Kappa">κ = λ_min(ZᵀCZ), computed once per inconsistency matrix with a symmetric eigendecomposition.</param>
/// <param name="Tolerance">The error bound on κ (<see cref="Tolerances.EigenvalueRelative"/>·K·‖C‖_F): |κ| at or below it counts as 0.</param>
/// <param name="Consistency">λ_C.</param>
public readonly record struct OwnConcavity(double Kappa, double Tolerance, double Consistency)
{
    /// <summary>λ_C·κ ≥ 0 (κ within <see cref="Tolerance"/> of 0 counts as 0).</summary>
    public bool IsConcave => Consistency == 0 || Kappa >= -Tolerance;

    /// <summary>λ_C·κ &gt; 0: the best response is unique.</summary>
    public bool IsStrictlyConcave => Consistency > 0 && Kappa > Tolerance;
}

using System.Globalization;
using System.Numerics;
using ActiveAlignment.Certificates;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Learning;

/// <summary>Options of <see cref="EquilibriumEnumeration.Enumerate"/>.</summary>
public sealed class EquilibriumEnumerationOptions
{
    /// <summary>The default work bound: 2,000,000 support profiles (K = 5, N = 4 has 46,376; K = 6, N = 4 has 720,720).</summary>
    public const long DefaultMaxSupportProfiles = 2_000_000;

    /// <summary>
    /// The largest number of support profiles (multisets of N non-empty supports) the enumeration may examine; a game with more is
    /// refused with <see cref="EnumerationLimitException"/> before any work, never answered with a partial list.
    /// </summary>
    public long MaxSupportProfiles { get; init; } = DefaultMaxSupportProfiles;

    /// <summary>Cancels the enumeration (an <see cref="OperationCanceledException"/> is thrown).</summary>
    public CancellationToken CancellationToken { get; init; }
    /// <summary>A one-line summary: the budget of support profiles.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"EquilibriumEnumerationOptions(at most {MaxSupportProfiles} support profiles)";
}

/// <summary>The game has more support profiles than <see cref="EquilibriumEnumerationOptions.MaxSupportProfiles"/> allows.</summary>
public sealed class EnumerationLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="supportProfiles">C(2ᴷ − 1 + N − 1, N), the profiles the game has.</param>
    /// <param name="limit">The bound.</param>
    public EnumerationLimitException(BigInteger supportProfiles, long limit)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"the game has {supportProfiles} support profiles (C(2^K - 1 + N - 1, N)), more than the limit of {limit}; raise the limit (--max-supports) or use dynamics for a game this large."))
    {
        SupportProfiles = supportProfiles;
        Limit = limit;
    }

    /// <summary>Creates the exception with a message.</summary>
    public EnumerationLimitException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public EnumerationLimitException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public EnumerationLimitException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>The number of support profiles of the game.</summary>
    public BigInteger SupportProfiles { get; }

    /// <summary>The limit that was exceeded.</summary>
    public long Limit { get; }
}

/// <summary>
/// One equilibrium of the N-agent game up to permutations of the identical agents (docs/model.md#every-equilibrium): the profile
/// with its agents sorted lexicographically by their mixtures, exact and as doubles, the number of agent orders it stands for,
/// the representation, the potential, the stability and the certificate.
/// </summary>
public sealed class EquilibriumClass
{
    private readonly Func<Rational[][]> _exact;
    private IReadOnlyList<IReadOnlyList<string>>? _exactProfile;

    internal EquilibriumClass(AlignmentGame game, Rational[][] exact, BigInteger multiplicity, double potential, StabilityReport stability,
        NashGapReport gap, bool certified, int? continuumDimension)
        : this(game, () => exact, exact.Select(w => w.Select(x => x.ToDouble()).ToArray()).ToArray(), multiplicity, potential, stability, gap, certified,
            continuumDimension)
    {
    }

    internal EquilibriumClass(AlignmentGame game, Func<Rational[][]> exact, double[][] doubles, BigInteger multiplicity, double potential,
        StabilityReport stability, NashGapReport gap, bool certified, int? continuumDimension)
    {
        Game = game;
        _exact = exact;
        Profile = Array.AsReadOnly(doubles.Select(w => (IReadOnlyList<double>)Array.AsReadOnly(w)).ToArray());
        int k = game.Count, n = doubles.Length;
        var r = new double[k];
        for (int j = 0; j < k; j++)
        {
            double sum = 0;
            foreach (var w in doubles)
            {
                sum += w[j];
            }
            r[j] = sum / n;
        }
        Representation = Array.AsReadOnly(r);
        Multiplicity = multiplicity;
        Potential = potential;
        Stability = stability;
        NashGapReport = gap;
        IsCertified = certified;
        ContinuumDimension = continuumDimension;
        IsHomogeneous = doubles.All(w => w.AsSpan().SequenceEqual(doubles[0]));
    }

    /// <summary>The game.</summary>
    public AlignmentGame Game { get; }

    /// <summary>One mixture per agent (rounded to doubles), agents sorted lexicographically by their mixtures.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Profile { get; }

    /// <summary>The same profile as exact rationals ("127/298").</summary>
    public IReadOnlyList<IReadOnlyList<string>> ExactProfile => _exactProfile ??=
        Array.AsReadOnly(_exact().Select(w => (IReadOnlyList<string>)Array.AsReadOnly(w.Select(x => x.ToString()).ToArray())).ToArray());

    /// <summary>The number of distinct agent orders this class stands for (N! over the factorials of repeated mixtures).</summary>
    public BigInteger Multiplicity { get; }

    /// <summary>r = (1/N) Σᵢ wᵢ (docs/model.md#representation), from the rounded profile.</summary>
    public IReadOnlyList<double> Representation { get; }

    /// <summary>The potential Φ of the rounded profile.</summary>
    public double Potential { get; }

    /// <summary>The stability: the label decided in exact arithmetic; the margins computed in doubles.</summary>
    public StabilityReport Stability { get; }

    /// <summary>The Nash gap of the profile as rounded to doubles.</summary>
    public NashGapReport NashGapReport { get; }

    /// <summary>True when the profile satisfies the KKT conditions exactly and own concavity holds, so it is a Nash equilibrium.</summary>
    public bool IsCertified { get; }

    /// <summary>For a continuum, the dimension of its affine solution set; null for an isolated equilibrium.</summary>
    public int? ContinuumDimension { get; }

    /// <summary>True when every agent plays the same mixture.</summary>
    public bool IsHomogeneous { get; }

    /// <summary>Groups with representation below τ.</summary>
    /// <param name="threshold">τ in (0, 1).</param>
    public IReadOnlyList<string> Excluded(double threshold = 0.01)
    {
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        return Game.Names.Where((_, j) => Representation[j] < threshold).ToList().AsReadOnly();
    }

    /// <summary>The number of agents with weight ≥ τ on each group (servedBy, docs/model.md#representation).</summary>
    /// <param name="threshold">τ in (0, 1).</param>
    public IReadOnlyList<int> ServedBy(double threshold = 0.01)
    {
        Preconditions.CheckOpenUnitInterval(threshold, nameof(threshold));
        return Enumerable.Range(0, Game.Count).Select(j => Profile.Count(w => w[j] >= threshold)).ToList().AsReadOnly();
    }

    /// <summary>"stable ×12: [left 0.5, right 0.5] [center 1] …; Φ = 0.31".</summary>
    public override string ToString()
    {
        var agents = string.Join(" ", Profile.Select(w => "[" + string.Join(", ", Game.Names.Select((name, j) => (name, j)).Where(p => w[p.j] > 0)
            .Select(p => $"{p.name} {w[p.j].ToString("G4", CultureInfo.InvariantCulture)}")) + "]"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Stability.Label.ToString().ToLowerInvariant()} ×{Multiplicity}{(ContinuumDimension is int d ? $" (continuum of dimension {d})" : string.Empty)}: {agents}; Φ = {Potential:G6}");
    }
}

/// <summary>Every equilibrium of a small game (<see cref="EquilibriumEnumeration.Enumerate"/>).</summary>
public sealed class EquilibriumSet
{
    internal EquilibriumSet(AlignmentGame game, long examined, IReadOnlyList<EquilibriumClass> equilibria, int undecided)
    {
        Game = game;
        UndecidedContinua = undecided;
        SupportsExamined = examined;
        Equilibria = equilibria;
    }

    /// <summary>The game.</summary>
    public AlignmentGame Game { get; }

    /// <summary>
    /// True when every support profile was decided. A game beyond the work bound is refused instead; the only way a returned set
    /// is incomplete is a singular support system with a solution set of positive dimension whose representative (the solution
    /// with every free unknown 0) missed the conditions (<see cref="UndecidedContinua"/> &gt; 0): such a set may still hold a
    /// continuum that was not found, and the set says so rather than claiming completeness.
    /// </summary>
    public bool IsComplete => UndecidedContinua == 0;

    /// <summary>Support profiles with a positive-dimensional solution set that could not be decided (see <see cref="IsComplete"/>).</summary>
    public int UndecidedContinua { get; }

    /// <summary>The number of support profiles examined: C(2ᴷ − 1 + N − 1, N).</summary>
    public long SupportsExamined { get; }

    /// <summary>The equilibrium classes, by decreasing potential.</summary>
    public IReadOnlyList<EquilibriumClass> Equilibria { get; }

    /// <summary>The stable classes.</summary>
    public IEnumerable<EquilibriumClass> Stable => Equilibria.Where(e => e.Stability.Label == StabilityLabel.Stable);

    /// <summary>The number of equilibria counting agent orders (the sum of the multiplicities).</summary>
    public BigInteger TotalEquilibria => Equilibria.Aggregate(BigInteger.Zero, (s, e) => s + e.Multiplicity);

    /// <summary>"7 equilibrium classes (41 counting agent orders), 1 stable; 46376 support profiles examined".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Equilibria.Count} equilibrium classes ({TotalEquilibria} counting agent orders), {Stable.Count()} stable; {SupportsExamined} support profiles examined");
}

/// <summary>
/// Every Nash equilibrium of the N-agent game, up to permutations of the identical agents (docs/model.md#every-equilibrium), in
/// exact rational arithmetic of the inputs' decimal literals (each double's shortest round-trip decimal, so 0.3 is 3/10).
/// </summary>
/// <remarks>
/// For every multiset of N non-empty supports the linear KKT system is solved. Agents' gradients are gᵢ = b − B wᵢ − βSσ with
/// b = λ_A a, β = λ_D/(N−1), B = 2λ_C C − βS and σ = Σⱼ wⱼ, so on its face an agent's mixture is affine in σ and the whole
/// system reduces to K×K in σ. Each reduced system is first solved in doubles with a verified error bound (an approximate
/// inverse X with ‖I − XA‖ &lt; 1 bounds ‖A⁻¹‖, and the rounding of every quantity is bounded by γₙ terms): a support profile
/// whose conditions are violated beyond that bound is rejected, and every other one is decided exactly in rationals, so the
/// answer is complete and exact. Singular systems are solved exactly in the full unknowns; a solution set of positive
/// dimension that meets the conditions is reported as a continuum with its dimension.
/// </remarks>
public static class EquilibriumEnumeration
{
    /// <summary>The number of support profiles of a game: C(2ᴷ − 1 + N − 1, N).</summary>
    /// <param name="subpopulations">K ≥ 1.</param>
    /// <param name="agents">N ≥ 1.</param>
    /// <returns>The count.</returns>
    public static BigInteger SupportProfileCount(int subpopulations, int agents)
    {
        Preconditions.CheckAtLeast(subpopulations, 1, nameof(subpopulations));
        Preconditions.CheckAtLeast(agents, 1, nameof(agents));
        if (subpopulations > 62)
        {
            return BigInteger.Pow(2, subpopulations);
        }
        BigInteger types = (BigInteger.One << subpopulations) - 1;
        BigInteger result = BigInteger.One;
        for (int i = 1; i <= agents; i++)
        {
            result = result * (types + i - 1) / i;
        }
        return result;
    }

    /// <summary>Enumerates every equilibrium of the game.</summary>
    /// <param name="game">The game; own concavity must hold (otherwise KKT points need not be equilibria).</param>
    /// <param name="options">The work bound and cancellation; null for the defaults.</param>
    /// <returns>The complete set of equilibrium classes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    /// <exception cref="ArgumentException">Own concavity fails.</exception>
    /// <exception cref="EnumerationLimitException">The game has more support profiles than the bound.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static EquilibriumSet Enumerate(AlignmentGame game, EquilibriumEnumerationOptions? options = null)
    {
        Preconditions.CheckNotNull(game);
        options ??= new EquilibriumEnumerationOptions();
        if (!game.IsOwnConcave)
        {
            Preconditions.ThrowArgument(nameof(game), "own concavity fails (λ_C·κ < 0): KKT points need not be equilibria, so they cannot be enumerated as such.");
        }
        var count = SupportProfileCount(game.Count, game.Agents);
        if (count > options.MaxSupportProfiles)
        {
            throw new EnumerationLimitException(count, options.MaxSupportProfiles);
        }
        var enumerator = new Enumerator(game, options.CancellationToken);
        var classes = enumerator.Run();
        return new EquilibriumSet(game, (long)count, classes, enumerator.Undecided);
    }

    private sealed class Enumerator
    {
        private readonly AlignmentGame _game;
        private readonly CancellationToken _cancellation;
        private readonly int _k, _n, _types;
        private readonly int[][] _supports;
        private readonly Rational[] _bX, _betaSX, _cX, _sX, _aX;
        private readonly Rational _lcX, _laX, _betaX;
        private readonly bool[] _singular;
        // Exact per type: w_J = h − PS σ (m and m×K), ν = ν₀ − pS·σ.
        private readonly Rational[][] _hX, _psX, _pSX;
        private readonly Rational[] _nu0X;
        // Doubles per type, embedded in K rows: EPS (K×K), Eh (K); |·| of both; pS, ν₀.
        private readonly double[][] _eps, _absEps, _eh, _pS;
        // The rounding errors of EPS and Eh (their exact value minus the double), for the refinement in twice the precision.
        private readonly double[][] _epsLo, _ehLo;
        private readonly double[] _nu0;
        private readonly double[] _b, _betaS, _absBetaS, _bMatrix, _absB;
        private readonly List<EquilibriumClass> _found = [];

        public Enumerator(AlignmentGame game, CancellationToken cancellation)
        {
            _game = game;
            _cancellation = cancellation;
            _k = game.Count;
            _n = game.Agents;
            int k = _k;
            _types = (1 << k) - 1;
            _supports = new int[_types][];
            for (int t = 0; t < _types; t++)
            {
                int mask = t + 1;
                _supports[t] = Enumerable.Range(0, k).Where(j => (mask & (1 << j)) != 0).ToArray();
            }
            var co = game.Coefficients;
            _laX = ExactAlgebra.OfLiteral(co.Attractiveness);
            _lcX = ExactAlgebra.OfLiteral(co.Consistency);
            _betaX = _n == 1 ? Rational.Zero : ExactAlgebra.OfLiteral(co.Diversity) / new Rational(_n - 1, 1);
            _aX = new Rational[k];
            _cX = new Rational[k * k];
            _sX = new Rational[k * k];
            _bX = new Rational[k];
            _betaSX = new Rational[k * k];
            var bMatrixX = new Rational[k * k];
            var two = new Rational(2, 1);
            for (int i = 0; i < k; i++)
            {
                _aX[i] = ExactAlgebra.OfLiteral(game.Attractiveness[i]);
                _bX[i] = _laX * _aX[i];
                for (int j = 0; j < k; j++)
                {
                    _cX[(i * k) + j] = ExactAlgebra.OfLiteral(game.Inconsistency[i, j]);
                    _sX[(i * k) + j] = ExactAlgebra.OfLiteral(game.Similarity[i, j]);
                    _betaSX[(i * k) + j] = _betaX * _sX[(i * k) + j];
                    bMatrixX[(i * k) + j] = (two * _lcX * _cX[(i * k) + j]) - _betaSX[(i * k) + j];
                }
            }
            _b = _bX.Select(x => x.ToDouble()).ToArray();
            _betaS = _betaSX.Select(x => x.ToDouble()).ToArray();
            _absBetaS = _betaS.Select(Math.Abs).ToArray();
            _bMatrix = bMatrixX.Select(x => x.ToDouble()).ToArray();
            _absB = _bMatrix.Select(Math.Abs).ToArray();
            _singular = new bool[_types];
            _hX = new Rational[_types][];
            _psX = new Rational[_types][];
            _pSX = new Rational[_types][];
            _nu0X = new Rational[_types];
            _eps = new double[_types][];
            _epsLo = new double[_types][];
            _ehLo = new double[_types][];
            _absEps = new double[_types][];
            _eh = new double[_types][];
            _pS = new double[_types][];
            _nu0 = new double[_types];
            for (int t = 0; t < _types; t++)
            {
                var support = _supports[t];
                int m = support.Length, size = m + 1;
                var g = new Rational[size * size];
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < m; j++)
                    {
                        g[(i * size) + j] = bMatrixX[(support[i] * k) + support[j]];
                    }
                    g[(i * size) + m] = Rational.One;
                    g[(m * size) + i] = Rational.One;
                }
                g[(m * size) + m] = Rational.Zero;
                var inverse = ExactAlgebra.Inverse(g, size);
                if (inverse is null)
                {
                    _singular[t] = true;
                    continue;
                }
                // [w; ν] = G⁻¹ [c_J; 1] with c = b − βSσ.
                var h = new Rational[m];
                var ps = new Rational[m * k];
                var pS = new Rational[k];
                var nu0 = inverse[(m * size) + m];
                for (int i = 0; i <= m; i++)
                {
                    var hi = inverse[(i * size) + m];
                    for (int j = 0; j < m; j++)
                    {
                        hi += inverse[(i * size) + j] * _bX[support[j]];
                    }
                    for (int col = 0; col < k; col++)
                    {
                        var sum = Rational.Zero;
                        for (int j = 0; j < m; j++)
                        {
                            var v = _betaSX[(support[j] * k) + col];
                            if (!v.IsZero)
                            {
                                sum += inverse[(i * size) + j] * v;
                            }
                        }
                        if (i < m)
                        {
                            ps[(i * k) + col] = sum;
                        }
                        else
                        {
                            pS[col] = sum;
                        }
                    }
                    if (i < m)
                    {
                        h[i] = hi;
                    }
                    else
                    {
                        nu0 = hi;
                    }
                }
                _hX[t] = h;
                _psX[t] = ps;
                _pSX[t] = pS;
                _nu0X[t] = nu0;
                var eps = new double[k * k];
                var eh = new double[k];
                var epsLo = new double[k * k];
                var ehLo = new double[k];
                for (int i = 0; i < m; i++)
                {
                    eh[support[i]] = h[i].ToDouble();
                    ehLo[support[i]] = (h[i] - Rational.FromDouble(eh[support[i]])).ToDouble();
                    for (int col = 0; col < k; col++)
                    {
                        var v = ps[(i * k) + col];
                        double hi = v.ToDouble();
                        eps[(support[i] * k) + col] = hi;
                        epsLo[(support[i] * k) + col] = v.IsZero ? 0.0 : (v - Rational.FromDouble(hi)).ToDouble();
                    }
                }
                _eps[t] = eps;
                _epsLo[t] = epsLo;
                _ehLo[t] = ehLo;
                _absEps[t] = eps.Select(Math.Abs).ToArray();
                _eh[t] = eh;
                _pS[t] = pS.Select(x => x.ToDouble()).ToArray();
                _nu0[t] = nu0.ToDouble();
            }
        }

        public List<EquilibriumClass> Run()
        {
            int k = _k, n = _n;
            var chosen = new int[n];
            var a = new double[n + 1][];
            var absA = new double[n + 1][];
            var f = new double[n + 1][];
            var absF = new double[n + 1][];
            for (int d = 0; d <= n; d++)
            {
                a[d] = new double[k * k];
                absA[d] = new double[k * k];
                f[d] = new double[k];
                absF[d] = new double[k];
            }
            for (int i = 0; i < k; i++)
            {
                a[0][(i * k) + i] = 1.0;
                absA[0][(i * k) + i] = 1.0;
            }
            var work = new Workspace(k);
            long visited = 0;
            void Recurse(int depth, int minType, bool anySingular)
            {
                if (depth == n)
                {
                    if ((++visited & 1023) == 0)
                    {
                        _cancellation.ThrowIfCancellationRequested();
                    }
                    if (anySingular)
                    {
                        General(chosen);
                    }
                    else
                    {
                        switch (work.Decide(this, chosen, a[n], absA[n], f[n], absF[n]))
                        {
                            case Verdict.Accepted:
                                work.Refine(this, chosen);
                                Proved(chosen, work.TypeWeights);
                                break;
                            case Verdict.Undecided:
                                Exact(chosen);
                                break;
                        }
                    }
                    return;
                }
                for (int t = minType; t < _types; t++)
                {
                    chosen[depth] = t;
                    bool singular = anySingular || _singular[t];
                    if (!singular)
                    {
                        var (src, dst, asrc, adst) = (a[depth], a[depth + 1], absA[depth], absA[depth + 1]);
                        var (e, ae) = (_eps[t], _absEps[t]);
                        for (int i = 0; i < src.Length; i++)
                        {
                            dst[i] = src[i] + e[i];
                            adst[i] = asrc[i] + ae[i];
                        }
                        var (fs, fd, afs, afd, h) = (f[depth], f[depth + 1], absF[depth], absF[depth + 1], _eh[t]);
                        for (int i = 0; i < k; i++)
                        {
                            fd[i] = fs[i] + h[i];
                            afd[i] = afs[i] + Math.Abs(h[i]);
                        }
                    }
                    Recurse(depth + 1, t, singular);
                }
            }
            Recurse(0, 0, false);
            return _found.OrderByDescending(e => e.Potential).ThenBy(e => e.Profile, ProfileOrder.Instance).ToList();
        }

        internal enum Verdict
        {
            Rejected,
            Accepted,
            Undecided,
        }

        /// <summary>The floating-point decision of a support multiset with its verified error bound.</summary>
        private sealed class Workspace(int k)
        {
            private readonly double[] _lu = new double[k * k];
            private readonly int[] _perm = new int[k];
            private readonly double[] _sigma = new double[k];
            private readonly double[] _sigmaLo = new double[k];
            private readonly double[] _x = new double[k * k];
            private readonly double[] _col = new double[k];
            private readonly double[] _w = new double[k];
            private readonly double[] _werr = new double[k];
            private readonly double[] _c = new double[k];

            /// <summary>Each distinct support's mixture (K entries) at the last call, in the order of the support multiset.</summary>
            public double[][] TypeWeights { get; } = Enumerable.Range(0, 64).Select(_ => new double[k]).ToArray();

            /// <summary>
            /// Rejected: proved to have no equilibrium. Accepted: proved to have exactly one, with every support weight and every
            /// off-support gap strictly away from 0 beyond the bound (<see cref="TypeWeights"/> holds it to within the bound).
            /// Undecided: neither, so the exact path decides.
            /// </summary>
            public Verdict Decide(Enumerator e, int[] chosen, double[] a, double[] absA, double[] f, double[] absF)
            {
                int k2 = k;
                bool strict = true;
                Array.Copy(a, _lu, a.Length);
                if (!Numerics.DenseLu.Factor(_lu, k2, _perm))
                {
                    return Verdict.Undecided;
                }
                Array.Copy(f, _sigma, k2);
                Numerics.DenseLu.Solve(_lu, k2, _perm, _sigma);
                // Approximate inverse X and ‖I − XA‖∞ with a rounding allowance.
                for (int j = 0; j < k2; j++)
                {
                    Array.Clear(_col);
                    _col[j] = 1.0;
                    Numerics.DenseLu.Solve(_lu, k2, _perm, _col);
                    for (int i = 0; i < k2; i++)
                    {
                        _x[(i * k2) + j] = _col[i];
                    }
                }
                double gamma = Tolerances.Gamma((4 * k2) + (2 * chosen.Length) + 8);
                double normR = 0, normX = 0;
                for (int i = 0; i < k2; i++)
                {
                    double rowR = 0, rowX = 0;
                    for (int j = 0; j < k2; j++)
                    {
                        double sum = 0, abs = 0;
                        for (int l = 0; l < k2; l++)
                        {
                            double t = _x[(i * k2) + l] * a[(l * k2) + j];
                            sum += t;
                            abs += Math.Abs(_x[(i * k2) + l]) * absA[(l * k2) + j];
                        }
                        rowR += Math.Abs((i == j ? 1.0 : 0.0) - sum) + (gamma * abs);
                        rowX += Math.Abs(_x[(i * k2) + j]);
                    }
                    normR = Math.Max(normR, rowR);
                    normX = Math.Max(normX, rowX);
                }
                if (!(normR < 0.5))
                {
                    return Verdict.Undecided;
                }
                double residual = 0;
                for (int i = 0; i < k2; i++)
                {
                    double r = f[i], abs = absF[i];
                    for (int j = 0; j < k2; j++)
                    {
                        r -= a[(i * k2) + j] * _sigma[j];
                        abs += absA[(i * k2) + j] * Math.Abs(_sigma[j]);
                    }
                    residual = Math.Max(residual, Math.Abs(r) + (gamma * abs));
                }
                double eps = normX * residual / (1 - normR);
                if (!double.IsFinite(eps))
                {
                    return Verdict.Undecided;
                }
                // c = b − βSσ̂ and its error.
                for (int i = 0; i < k2; i++)
                {
                    double c = e._b[i];
                    for (int j = 0; j < k2; j++)
                    {
                        c -= e._betaS[(i * k2) + j] * _sigma[j];
                    }
                    _c[i] = c;
                }
                int previous = -1, position = -1;
                foreach (int t in chosen)
                {
                    if (t == previous)
                    {
                        continue;
                    }
                    previous = t;
                    position++;
                    var typeWeights = TypeWeights[position];
                    Array.Clear(typeWeights);
                    var support = e._supports[t];
                    var eps2 = e._eps[t];
                    var absEps = e._absEps[t];
                    var eh = e._eh[t];
                    foreach (int i in support)
                    {
                        double w = eh[i], abs = Math.Abs(eh[i]), rowAbs = 0;
                        for (int j = 0; j < k2; j++)
                        {
                            w -= eps2[(i * k2) + j] * _sigma[j];
                            abs += absEps[(i * k2) + j] * Math.Abs(_sigma[j]);
                            rowAbs += absEps[(i * k2) + j];
                        }
                        _w[i] = w;
                        typeWeights[i] = w;
                        _werr[i] = (rowAbs * eps) + (gamma * abs);
                        if (w + _werr[i] <= 0)
                        {
                            return Verdict.Rejected;
                        }
                        strict &= w - _werr[i] > 0;
                    }
                    if (support.Length == k2)
                    {
                        continue;
                    }
                    var pS = e._pS[t];
                    double nu = e._nu0[t], nuAbs = Math.Abs(nu), nuRow = 0;
                    for (int j = 0; j < k2; j++)
                    {
                        nu -= pS[j] * _sigma[j];
                        nuAbs += Math.Abs(pS[j]) * Math.Abs(_sigma[j]);
                        nuRow += Math.Abs(pS[j]);
                    }
                    double nuErr = (nuRow * eps) + (gamma * nuAbs);
                    int next = 0;
                    for (int q = 0; q < k2; q++)
                    {
                        if (next < support.Length && support[next] == q)
                        {
                            next++;
                            continue;
                        }
                        double g = _c[q], abs = Math.Abs(e._b[q]), err = nuErr, sRow = 0;
                        for (int j = 0; j < k2; j++)
                        {
                            abs += e._absBetaS[(q * k2) + j] * Math.Abs(_sigma[j]);
                            sRow += e._absBetaS[(q * k2) + j];
                        }
                        err += sRow * eps;
                        foreach (int j in support)
                        {
                            g -= e._bMatrix[(q * k2) + j] * _w[j];
                            abs += e._absB[(q * k2) + j] * Math.Abs(_w[j]);
                            err += e._absB[(q * k2) + j] * _werr[j];
                        }
                        double d = g - nu;
                        err += gamma * (abs + nuAbs + Math.Abs(nu));
                        if (d - err > 0)
                        {
                            return Verdict.Rejected;
                        }
                        strict &= d + err < 0;
                    }
                }
                return strict ? Verdict.Accepted : Verdict.Undecided;
            }

            /// <summary>
            /// After <see cref="Decide"/> accepted: iterative refinement of σ (two steps, and a third kept as σ's low part) with the residual of the exact system
            /// σ = Σ_agents (h − PS σ) computed in twice the precision (each per-type quantity as its double plus its rounding
            /// error, compensated dot products), then every distinct support's mixture likewise, so the weights are correct to
            /// within a few units in the last place rather than to the conditioning of the reduced system.
            /// </summary>
            public void Refine(Enumerator e, int[] chosen)
            {
                int k2 = k;
                for (int step = 0; step < 3; step++)
                {
                    for (int i = 0; i < k2; i++)
                    {
                        double s = -_sigma[i], c = 0;
                        foreach (int t in chosen)
                        {
                            var (eps, lo, eh, ehLo) = (e._eps[t], e._epsLo[t], e._eh[t], e._ehLo[t]);
                            TwoSum(ref s, ref c, eh[i]);
                            c += ehLo[i];
                            for (int j = 0; j < k2; j++)
                            {
                                double a = eps[(i * k2) + j];
                                if (a == 0 && lo[(i * k2) + j] == 0)
                                {
                                    continue;
                                }
                                TwoProductSum(ref s, ref c, -a, _sigma[j]);
                                c -= lo[(i * k2) + j] * _sigma[j];
                            }
                        }
                        _col[i] = s + c;
                    }
                    // The residual of σ = f − Aσ with A = I + Σ EPS: r = f − Aσ̂, so A δ = r. The last correction is kept apart, as the
                    // low part of σ (σ is carried in twice the precision into the mixtures below).
                    Numerics.DenseLu.Solve(_lu, k2, _perm, _col);
                    for (int i = 0; i < k2; i++)
                    {
                        if (step < 2)
                        {
                            _sigma[i] += _col[i];
                        }
                        else
                        {
                            _sigmaLo[i] = _col[i];
                        }
                    }
                }
                int previous = -1, position = -1;
                foreach (int t in chosen)
                {
                    if (t == previous)
                    {
                        continue;
                    }
                    previous = t;
                    position++;
                    var w = TypeWeights[position];
                    var (eps, lo, eh, ehLo) = (e._eps[t], e._epsLo[t], e._eh[t], e._ehLo[t]);
                    foreach (int i in e._supports[t])
                    {
                        double s = eh[i], c = ehLo[i];
                        for (int j = 0; j < k2; j++)
                        {
                            TwoProductSum(ref s, ref c, -eps[(i * k2) + j], _sigma[j]);
                            c -= (lo[(i * k2) + j] * _sigma[j]) + (eps[(i * k2) + j] * _sigmaLo[j]);
                        }
                        w[i] = s + c;
                    }
                }
            }

            /// <summary>(s, c) ← s + x with the rounding error of the sum added to c (Knuth's TwoSum).</summary>
            private static void TwoSum(ref double s, ref double c, double x)
            {
                double sum = s + x;
                double bp = sum - s;
                c += (s - (sum - bp)) + (x - bp);
                s = sum;
            }

            /// <summary>(s, c) ← s + a·b, the product's and the sum's rounding errors added to c (FMA-based TwoProduct).</summary>
            private static void TwoProductSum(ref double s, ref double c, double a, double b)
            {
                double p = a * b;
                c += Math.FusedMultiplyAdd(a, b, -p);
                TwoSum(ref s, ref c, p);
            }

        }

        /// <summary>
        /// A support multiset whose unique equilibrium the floating-point decision proved (every condition strict beyond the
        /// verified bound): the class is built from the computed mixtures; its exact rationals are computed only when asked for.
        /// </summary>
        private void Proved(int[] chosen, double[][] typeWeights)
        {
            int n = chosen.Length;
            var profile = new double[n][];
            int position = -1;
            for (int i = 0; i < n; i++)
            {
                if (i == 0 || chosen[i] != chosen[i - 1])
                {
                    position++;
                    profile[i] = typeWeights[position].ToArray();
                }
                else
                {
                    profile[i] = profile[i - 1];
                }
            }
            var sorted = profile.OrderBy(w => w, LearningDynamics.ProfileComparer.Instance).ToArray();
            var floating = Stability.OfProfile(_game, sorted);
            var copy = (int[])chosen.Clone();
            if (!floating.IsCertified || floating.Label == StabilityLabel.Degenerate)
            {
                // Second order is not decided in floating point: decide it exactly.
                Exact(copy);
                return;
            }
            string? mode = floating.UnstableMode;
            BigInteger multiplicity = Factorial(n);
            foreach (var group in chosen.GroupBy(t => t))
            {
                multiplicity /= Factorial(group.Count());
            }
            var gap = NashGap.OfProfile(_game, sorted);
            _found.Add(new EquilibriumClass(_game, () => ExactSortedProfile(copy), sorted, multiplicity, Stability.Potential(_game, sorted),
                floating, gap, _game.IsOwnConcave, null));
        }

        /// <summary>The exact profile of a proved support multiset, agents sorted lexicographically (on demand, for exactProfile).</summary>
        private Rational[][] ExactSortedProfile(int[] chosen)
        {
            var profile = ExactProfileOf(chosen) ?? throw new InvalidOperationException("a proved support multiset has no exact solution");
            var order = Enumerable.Range(0, profile.Length).ToArray();
            Array.Sort(order, (p, q) => Compare(profile[p], profile[q]));
            return order.Select(i => profile[i]).ToArray();
        }

        /// <summary>The exact decision of a support profile whose per-type faces are all non-singular.</summary>
        private void Exact(int[] chosen)
        {
            var profile = ExactProfileOf(chosen, out bool singular);
            if (singular)
            {
                General(chosen);
                return;
            }
            if (profile is not null)
            {
                Accept(chosen, profile, null);
            }
        }

        private Rational[][]? ExactProfileOf(int[] chosen) => ExactProfileOf(chosen, out _);

        /// <summary>The exact solution of a non-singular support multiset, or null when a support weight is not positive.</summary>
        private Rational[][]? ExactProfileOf(int[] chosen, out bool singular)
        {
            singular = false;
            int k = _k;
            var a = new Rational[k * k];
            var f = new Rational[k];
            for (int i = 0; i < k; i++)
            {
                f[i] = Rational.Zero;
                for (int j = 0; j < k; j++)
                {
                    a[(i * k) + j] = i == j ? Rational.One : Rational.Zero;
                }
            }
            foreach (int t in chosen)
            {
                var support = _supports[t];
                for (int i = 0; i < support.Length; i++)
                {
                    f[support[i]] += _hX[t][i];
                    for (int j = 0; j < k; j++)
                    {
                        var v = _psX[t][(i * k) + j];
                        if (!v.IsZero)
                        {
                            a[(support[i] * k) + j] += v;
                        }
                    }
                }
            }
            var sigma = ExactAlgebra.Solve(a, f, k);
            if (sigma is null)
            {
                singular = true;
                return null;
            }
            var profile = new Rational[chosen.Length][];
            for (int agent = 0; agent < chosen.Length; agent++)
            {
                int t = chosen[agent];
                if (agent > 0 && chosen[agent - 1] == t)
                {
                    profile[agent] = profile[agent - 1];
                    continue;
                }
                var support = _supports[t];
                var w = new Rational[k];
                for (int j = 0; j < k; j++)
                {
                    w[j] = Rational.Zero;
                }
                for (int i = 0; i < support.Length; i++)
                {
                    var v = _hX[t][i];
                    for (int j = 0; j < k; j++)
                    {
                        var p = _psX[t][(i * k) + j];
                        if (!p.IsZero)
                        {
                            v -= p * sigma[j];
                        }
                    }
                    if (v.Sign <= 0)
                    {
                        return null;
                    }
                    w[support[i]] = v;
                }
                profile[agent] = w;
            }
            return profile;
        }

        /// <summary>
        /// The full exact system in every agent's own unknowns (for singular faces or a singular reduced system): a unique solution
        /// is checked; a solution set of positive dimension is reported as a continuum when a representative meets the conditions.
        /// </summary>
        private void General(int[] chosen)
        {
            int k = _k, n = chosen.Length;
            var offsets = new int[n + 1];
            for (int i = 0; i < n; i++)
            {
                offsets[i + 1] = offsets[i] + _supports[chosen[i]].Length + 1;
            }
            int size = offsets[n], columns = size + 1;
            var m = new Rational[size * columns];
            for (int i = 0; i < m.Length; i++)
            {
                m[i] = Rational.Zero;
            }
            var two = new Rational(2, 1);
            for (int i = 0; i < n; i++)
            {
                var support = _supports[chosen[i]];
                int mi = support.Length, nuColumn = offsets[i] + mi;
                for (int r = 0; r < mi; r++)
                {
                    int row = offsets[i] + r, q = support[r];
                    for (int j = 0; j < n; j++)
                    {
                        var other = _supports[chosen[j]];
                        for (int c = 0; c < other.Length; c++)
                        {
                            var v = _betaSX[(q * k) + other[c]];
                            if (i == j)
                            {
                                v += (two * _lcX * _cX[(q * k) + other[c]]) - _betaSX[(q * k) + other[c]];
                            }
                            m[(row * columns) + offsets[j] + c] = v;
                        }
                    }
                    m[(row * columns) + nuColumn] = Rational.One;
                    m[(row * columns) + size] = _bX[q];
                }
                int sumRow = offsets[i] + mi;
                for (int c = 0; c < mi; c++)
                {
                    m[(sumRow * columns) + offsets[i] + c] = Rational.One;
                }
                m[(sumRow * columns) + size] = Rational.One;
            }
            var (rank, pivots) = ExactAlgebra.Reduce(m, size, columns, size);
            for (int r = rank; r < size; r++)
            {
                if (!m[(r * columns) + size].IsZero)
                {
                    return; // inconsistent
                }
            }
            // The particular solution x₀ (free unknowns 0) and the null space: x = x₀ + N t.
            var x = new Rational[size];
            for (int i = 0; i < size; i++)
            {
                x[i] = Rational.Zero;
            }
            for (int r = 0; r < rank; r++)
            {
                x[pivots[r]] = m[(r * columns) + size];
            }
            var free = Enumerable.Range(0, size).Except(pivots).ToArray();
            int dimension = free.Length;
            int? continuum = null;
            if (dimension > 0)
            {
                var nullSpace = new Rational[size, dimension];
                for (int i = 0; i < size; i++)
                {
                    for (int d = 0; d < dimension; d++)
                    {
                        nullSpace[i, d] = Rational.Zero;
                    }
                }
                for (int d = 0; d < dimension; d++)
                {
                    nullSpace[free[d], d] = Rational.One;
                    for (int r = 0; r < rank; r++)
                    {
                        nullSpace[pivots[r], d] = -m[(r * columns) + free[d]];
                    }
                }
                var found = Continuum(chosen, offsets, x, nullSpace, dimension);
                if (found is null)
                {
                    return;
                }
                (x, continuum) = found.Value;
            }
            var profile = new Rational[n][];
            for (int i = 0; i < n; i++)
            {
                var support = _supports[chosen[i]];
                var w = new Rational[k];
                for (int j = 0; j < k; j++)
                {
                    w[j] = Rational.Zero;
                }
                for (int c = 0; c < support.Length; c++)
                {
                    var v = x[offsets[i] + c];
                    if (v.Sign <= 0)
                    {
                        return;
                    }
                    w[support[c]] = v;
                }
                profile[i] = w;
            }
            if (!Accept(chosen, profile, continuum) && continuum is not null)
            {
                _undecided++;
            }
        }

        /// <summary>
        /// Whether the solution set x₀ + N t of a singular support system meets the conditions with every support weight &gt; 0:
        /// an exact linear programme maximises the smallest support weight s subject to the groups off the supports not being
        /// better (νᵢ − gᵢₖ ≥ 0). Returns a representative with s &gt; 0 and the dimension of the set (the null space's, less the
        /// rank of the off-support conditions that hold with equality everywhere on it), or null when no such point exists.
        /// </summary>
        private (Rational[] X, int? Dimension)? Continuum(int[] chosen, int[] offsets, Rational[] x0, Rational[,] nullSpace, int dimension)
        {
            int k = _k, n = chosen.Length, size = x0.Length;
            var two = new Rational(2, 1);
            var weightRows = new List<int>();
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < _supports[chosen[i]].Length; c++)
                {
                    weightRows.Add(offsets[i] + c);
                }
            }
            // Off-support conditions as linear forms in x: νᵢ − gᵢₖ = −bₖ + νᵢ + Σ_{l∈Jᵢ} Bₖₗ wᵢₗ + Σⱼ Σ_{l∈Jⱼ} βSₖₗ wⱼₗ.
            var forms = new List<(Rational[] Coefficients, Rational Constant)>();
            for (int i = 0; i < n; i++)
            {
                var support = _supports[chosen[i]];
                for (int q = 0; q < k; q++)
                {
                    if (support.Contains(q))
                    {
                        continue;
                    }
                    var coefficients = new Rational[size];
                    for (int z = 0; z < size; z++)
                    {
                        coefficients[z] = Rational.Zero;
                    }
                    coefficients[offsets[i] + support.Length] = Rational.One;
                    for (int j = 0; j < n; j++)
                    {
                        var other = _supports[chosen[j]];
                        for (int c = 0; c < other.Length; c++)
                        {
                            var v = _betaSX[(q * k) + other[c]];
                            if (i == j)
                            {
                                v += (two * _lcX * _cX[(q * k) + other[c]]) - _betaSX[(q * k) + other[c]];
                            }
                            coefficients[offsets[j] + c] = v;
                        }
                    }
                    forms.Add((coefficients, -_bX[q]));
                }
            }
            Rational At(Rational[] coefficients, Rational[] point)
            {
                var sum = Rational.Zero;
                for (int z = 0; z < size; z++)
                {
                    if (!coefficients[z].IsZero && !point[z].IsZero)
                    {
                        sum += coefficients[z] * point[z];
                    }
                }
                return sum;
            }
            Rational[] InT(Rational[] coefficients)
            {
                var row = new Rational[dimension];
                for (int d = 0; d < dimension; d++)
                {
                    var sum = Rational.Zero;
                    for (int z = 0; z < size; z++)
                    {
                        if (!coefficients[z].IsZero && !nullSpace[z, d].IsZero)
                        {
                            sum += coefficients[z] * nullSpace[z, d];
                        }
                    }
                    row[d] = sum;
                }
                return row;
            }
            // Variables (t, s): weight rows −N_z t + s ≤ x₀_z; form rows −(form·N) t ≤ form(x₀) + constant; s ≤ 1.
            int rows = weightRows.Count + forms.Count + 1;
            Rational[,] Build(bool withS)
            {
                var g = new Rational[rows, dimension + 1];
                int r = 0;
                foreach (int z in weightRows)
                {
                    for (int d = 0; d < dimension; d++)
                    {
                        g[r, d] = -nullSpace[z, d];
                    }
                    g[r, dimension] = withS ? Rational.One : Rational.Zero;
                    r++;
                }
                foreach (var (coefficients, _) in forms)
                {
                    var row = InT(coefficients);
                    for (int d = 0; d < dimension; d++)
                    {
                        g[r, d] = -row[d];
                    }
                    g[r, dimension] = Rational.Zero;
                    r++;
                }
                for (int d = 0; d < dimension; d++)
                {
                    g[r, d] = Rational.Zero;
                }
                g[r, dimension] = Rational.One;
                return g;
            }
            var h = new Rational[rows];
            int hr = 0;
            foreach (int z in weightRows)
            {
                h[hr++] = x0[z];
            }
            foreach (var (coefficients, constant) in forms)
            {
                h[hr++] = At(coefficients, x0) + constant;
            }
            h[hr] = Rational.One;
            var objective = new Rational[dimension + 1];
            for (int d = 0; d < dimension; d++)
            {
                objective[d] = Rational.Zero;
            }
            objective[dimension] = Rational.One;
            var (feasible, _, best, y) = ExactLinearProgram.Maximise(Build(true), h, objective);
            if (!feasible || y is null || best.Sign <= 0)
            {
                return null;
            }
            var point = new Rational[size];
            for (int z = 0; z < size; z++)
            {
                var v = x0[z];
                for (int d = 0; d < dimension; d++)
                {
                    if (!nullSpace[z, d].IsZero && !y[d].IsZero)
                    {
                        v += nullSpace[z, d] * y[d];
                    }
                }
                point[z] = v;
            }
            // Off-support conditions that hold with equality on the whole set lower its dimension.
            var closure = Build(false);
            var pinned = new List<Rational[]>();
            foreach (var (coefficients, _) in forms)
            {
                var row = InT(coefficients);
                if (row.All(v => v.IsZero))
                {
                    continue;
                }
                var (_, unbounded, value, _) = ExactLinearProgram.Maximise(closure, h, [.. row, Rational.Zero]);
                if (!unbounded && (value + At(coefficients, x0) + forms.First(f => ReferenceEquals(f.Coefficients, coefficients)).Constant).Sign <= 0)
                {
                    pinned.Add(row);
                }
            }
            int pinnedRank = 0;
            if (pinned.Count > 0)
            {
                var matrix = new Rational[pinned.Count * dimension];
                for (int r = 0; r < pinned.Count; r++)
                {
                    for (int d = 0; d < dimension; d++)
                    {
                        matrix[(r * dimension) + d] = pinned[r][d];
                    }
                }
                pinnedRank = ExactAlgebra.Reduce(matrix, pinned.Count, dimension, dimension).Rank;
            }
            int effective = dimension - pinnedRank;
            return (point, effective > 0 ? effective : null);
        }

        private int _undecided;

        /// <summary>Checks the KKT conditions of a candidate exactly and records its class; false when they fail.</summary>
        private bool Accept(int[] chosen, Rational[][] profile, int? dimension)
        {
            int k = _k, n = _n;
            var two = new Rational(2, 1);
            var sigma = new Rational[k];
            for (int j = 0; j < k; j++)
            {
                sigma[j] = Rational.Zero;
                foreach (var w in profile)
                {
                    sigma[j] += w[j];
                }
            }
            var betaSSigma = Multiply(_betaSX, sigma, k);
            Rational? slack = null;
            for (int i = 0; i < n; i++)
            {
                if (i > 0 && ReferenceEquals(profile[i], profile[i - 1]))
                {
                    continue; // the same mixture as the previous agent: the same conditions
                }
                var w = profile[i];
                var cw = Multiply(_cX, w, k);
                var sw = Multiply(_betaSX, w, k);
                var g = new Rational[k];
                for (int j = 0; j < k; j++)
                {
                    g[j] = _bX[j] - (two * _lcX * cw[j]) - (betaSSigma[j] - sw[j]);
                }
                var support = _supports[chosen[i]];
                var nu = g[support[0]];
                foreach (int j in support)
                {
                    if (g[j] != nu)
                    {
                        return false; // not a KKT point (cannot happen for a solution of the system)
                    }
                }
                for (int j = 0; j < k; j++)
                {
                    if (w[j].IsZero)
                    {
                        var s = nu - g[j];
                        if (s.Sign < 0)
                        {
                            return false;
                        }
                        slack = slack is Rational old ? Rational.Min(old, s) : s;
                    }
                }
            }
            // Canonical order: agents sorted lexicographically by their exact mixtures.
            var order = Enumerable.Range(0, n).ToArray();
            Array.Sort(order, (p, q) => Compare(profile[p], profile[q]));
            var sorted = order.Select(i => profile[i]).ToArray();
            // Each support multiset is visited once and a profile's supports determine its multiset, so no class is found twice.
            // Multiplicity: N! over the factorials of the counts of equal mixtures.
            BigInteger multiplicity = Factorial(n);
            int run = 1;
            for (int i = 1; i <= n; i++)
            {
                if (i < n && Compare(sorted[i], sorted[i - 1]) == 0)
                {
                    run++;
                }
                else
                {
                    multiplicity /= Factorial(run);
                    run = 1;
                }
            }
            var doubles = sorted.Select(w => w.Select(x => x.ToDouble()).ToArray()).ToArray();
            var floating = Stability.OfProfile(_game, doubles);
            StabilityLabel label;
            if (floating.IsCertified && floating.Label != StabilityLabel.Degenerate)
            {
                // Proved in floating point (a Cholesky factorisation with its rounding floor, or a rounded witness direction
                // with its rounding bound): the exact inertia would agree.
                label = floating.Label;
            }
            else
            {
                int definiteness = ExactNegativeHessianDefiniteness(sorted);
                label = definiteness < 0 ? StabilityLabel.Unstable
                    : slack is Rational sl && sl.Sign <= 0 ? StabilityLabel.Degenerate
                    : definiteness > 0 ? StabilityLabel.Stable : StabilityLabel.Degenerate;
            }
            string? mode = null;
            if (label == StabilityLabel.Unstable && floating.IsHomogeneous)
            {
                mode = floating.SpecialisationMargin is double sm && (floating.CommonMargin is not double cm || sm <= cm) ? "specialisation" : "common";
            }
            var stability = new StabilityReport(label, floating.CommonMargin, floating.SpecialisationMargin, floating.Margin,
                slack?.ToDouble(), certified: true, floating.IsHomogeneous, mode);
            var gap = NashGap.OfProfile(_game, doubles);
            if (dimension is not null)
            {
                // A continuum stands for every assignment of its supports to the agents.
                multiplicity = Factorial(n);
                foreach (var group in chosen.GroupBy(t => t))
                {
                    multiplicity /= Factorial(group.Count());
                }
            }
            _found.Add(new EquilibriumClass(_game, sorted, multiplicity, Stability.Potential(_game, doubles), stability, gap, _game.IsOwnConcave, dimension));
            return true;
        }

        /// <summary>
        /// The definiteness of −H on the product of the faces, in the rational bases eⱼ − e_last of each face (congruent to the
        /// orthonormal ones, so the inertia is the same): +1 definite, 0 semidefinite and singular, −1 indefinite.
        /// </summary>
        private int ExactNegativeHessianDefiniteness(Rational[][] profile)
        {
            int k = _k, n = profile.Length;
            var faces = profile.Select(w => Enumerable.Range(0, k).Where(j => w[j].Sign > 0).ToArray()).ToArray();
            var offsets = new int[n + 1];
            for (int i = 0; i < n; i++)
            {
                offsets[i + 1] = offsets[i] + faces[i].Length - 1;
            }
            int size = offsets[n];
            if (size == 0)
            {
                return 1;
            }
            var two = new Rational(2, 1);
            var h = new Rational[size * size];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    var fi = faces[i];
                    var fj = faces[j];
                    int li = fi[^1], lj = fj[^1];
                    for (int p = 0; p < fi.Length - 1; p++)
                    {
                        for (int q = 0; q < fj.Length - 1; q++)
                        {
                            Rational Entry(int r, int c) => i == j ? two * _lcX * _cX[(r * k) + c] : _betaX * _sX[(r * k) + c];
                            h[((offsets[i] + p) * size) + offsets[j] + q] = Entry(fi[p], fj[q]) - Entry(fi[p], lj) - Entry(li, fj[q]) + Entry(li, lj);
                        }
                    }
                }
            }
            return ExactAlgebra.Definiteness(h, size);
        }

        private static Rational[] Multiply(Rational[] m, Rational[] x, int k)
        {
            var y = new Rational[k];
            for (int i = 0; i < k; i++)
            {
                var sum = Rational.Zero;
                for (int j = 0; j < k; j++)
                {
                    if (!x[j].IsZero && !m[(i * k) + j].IsZero)
                    {
                        sum += m[(i * k) + j] * x[j];
                    }
                }
                y[i] = sum;
            }
            return y;
        }

        private static Rational Dot(Rational[] x, Rational[] y)
        {
            var sum = Rational.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                if (!x[i].IsZero && !y[i].IsZero)
                {
                    sum += x[i] * y[i];
                }
            }
            return sum;
        }

        private static int Compare(Rational[] x, Rational[] y)
        {
            for (int i = 0; i < x.Length; i++)
            {
                int c = x[i].CompareTo(y[i]);
                if (c != 0)
                {
                    return c;
                }
            }
            return 0;
        }

        private static BigInteger Factorial(int n)
        {
            BigInteger f = BigInteger.One;
            for (int i = 2; i <= n; i++)
            {
                f *= i;
            }
            return f;
        }

        /// <summary>Support profiles with a solution set of positive dimension that could not be decided.</summary>
        public int Undecided => _undecided;

        private sealed class ProfileOrder : IComparer<IReadOnlyList<IReadOnlyList<double>>>
        {
            public static readonly ProfileOrder Instance = new();

            public int Compare(IReadOnlyList<IReadOnlyList<double>>? x, IReadOnlyList<IReadOnlyList<double>>? y)
            {
                for (int i = 0; i < x!.Count; i++)
                {
                    for (int j = 0; j < x[i].Count; j++)
                    {
                        int c = x[i][j].CompareTo(y![i][j]);
                        if (c != 0)
                        {
                            return c;
                        }
                    }
                }
                return 0;
            }
        }
    }
}

using ActiveAlignment.Numerics;
using System.Globalization;
using System.Text.Json;
using ActiveAlignment.Internal;
using ActiveAlignment.Numerics.Exact;
using ActiveAlignment.Serialization;

namespace ActiveAlignment.Estimation;

/// <summary>A point or direction in the (λ_C, λ_D) plane, exact, with λ_A = 1.</summary>
/// <param name="Consistency">λ_C.</param>
/// <param name="Diversity">λ_D.</param>
public readonly record struct CoefficientPoint(Rational Consistency, Rational Diversity)
{
    /// <summary>"(λ_C, λ_D) = (1/2, 3/10)".</summary>
    public override string ToString() => $"(λ_C, λ_D) = ({Consistency}, {Diversity})";
}

/// <summary>
/// An inverse-equilibrium problem (docs/estimation.md#inverse-equilibrium) in exact rationals: a, C, S, N and the observed homogeneous
/// mixture w_obs.
/// </summary>
public sealed class InverseProblem
{
    private InverseProblem(string[] names, Rational[] a, Rational[,] c, Rational[,]? s, int agents, Rational[] observed)
    {
        Names = names;
        Attractiveness = a;
        Inconsistency = ReadOnlyMatrix<Rational>.Own(c);
        Similarity = s is null ? null : ReadOnlyMatrix<Rational>.Own(s);
        Agents = agents;
        Observed = observed;
    }

    /// <summary>The groups.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>a, exact.</summary>
    public IReadOnlyList<Rational> Attractiveness { get; }

    /// <summary>C, exact.</summary>
    public ReadOnlyMatrix<Rational> Inconsistency { get; }

    /// <summary>S, exact; null for the identity.</summary>
    public ReadOnlyMatrix<Rational>? Similarity { get; }

    /// <summary>N (for N = 1 diversity has no effect, so λ_D is free).</summary>
    public int Agents { get; }

    /// <summary>w_obs after normalisation (sums to exactly 1).</summary>
    public IReadOnlyList<Rational> Observed { get; }

    /// <summary>
    /// Builds the problem from a game file's text, taking a, C and S as the exact rationals of their decimal literals, and
    /// w_obs from name → literal pairs (unlisted groups weigh 0).
    /// </summary>
    /// <param name="gameJson">A plain game (docs/model.md#objects format).</param>
    /// <param name="observed">Group name → weight literal, e.g. ("left", "0.4").</param>
    /// <param name="source">A label for messages.</param>
    /// <returns>The problem.</returns>
    /// <exception cref="GameFormatException">The game is not valid.</exception>
    /// <exception cref="ArgumentException">An unknown or repeated group, a weight that is not a non-negative decimal, or
    /// weights that do not sum to 1 within 1e-9.</exception>
    public static InverseProblem FromGameJson(string gameJson, IEnumerable<KeyValuePair<string, string>> observed, string source = "game")
    {
        Preconditions.CheckNotNull(gameJson);
        Preconditions.CheckNotNull(observed);
        var game = GameJson.Read(gameJson, source); // validates everything first
        using var document = JsonDocument.Parse(gameJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        int k = game.Count;
        var a = root.GetProperty("subpopulations").EnumerateArray().Select(e => Exact(e.GetProperty("attractiveness"))).ToArray();
        var c = Matrix(root.GetProperty("inconsistency"), k);
        Rational[,]? s = root.TryGetProperty("similarity", out var se) && se.ValueKind != JsonValueKind.Null ? Matrix(se, k) : null;
        return Create(game.Names.ToArray(), a, c, s, game.Agents, ParseObserved(game.Names.ToArray(), observed));
    }

    /// <summary>Builds the problem from a game, taking its doubles exactly (every double is a dyadic rational).</summary>
    /// <param name="game">The game.</param>
    /// <param name="observed">w_obs (length K, non-negative, summing to 1 within 1e-9).</param>
    /// <returns>The problem.</returns>
    public static InverseProblem FromGame(AlignmentGame game, IReadOnlyList<double> observed)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(observed);
        Preconditions.CheckLength(observed.Count, game.Count, nameof(observed), "subpopulations");
        int k = game.Count;
        var c = new Rational[k, k];
        Rational[,]? s = game.SimilarityGiven ? new Rational[k, k] : null;
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                c[i, j] = Rational.FromDouble(game.Inconsistency[i, j]);
                if (s is not null)
                {
                    s[i, j] = Rational.FromDouble(game.Similarity[i, j]);
                }
            }
        }
        var w = observed.Select((x, i) => double.IsFinite(x) ? Rational.FromDouble(x)
            : throw new ArgumentException($"observed[{i}] is not finite.", nameof(observed))).ToArray();
        var a = game.Subpopulations.Select(p => Rational.FromDouble(p.Attractiveness)).ToArray();
        return Create(game.Names.ToArray(), a, c, s, game.Agents, Normalise(w, game.Names.ToArray()));
    }

    private static InverseProblem Create(string[] names, Rational[] a, Rational[,] c, Rational[,]? s, int agents, Rational[] w) =>
        new(names, a, c, s, agents, w);

    private static Rational Exact(JsonElement element)
    {
        if (!Rational.TryParse(element.GetRawText(), out var value, out string? error))
        {
            throw new ArgumentException($"the literal {element.GetRawText()} cannot be read exactly: {error}");
        }
        return value;
    }

    private static Rational[,] Matrix(JsonElement element, int k)
    {
        var m = new Rational[k, k];
        int i = 0;
        foreach (var row in element.EnumerateArray())
        {
            int j = 0;
            foreach (var e in row.EnumerateArray())
            {
                m[i, j++] = Exact(e);
            }
            i++;
        }
        return m;
    }

    private static Rational[] ParseObserved(string[] names, IEnumerable<KeyValuePair<string, string>> observed)
    {
        var w = new Rational[names.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, literal) in observed)
        {
            int k = Array.IndexOf(names, name);
            if (k < 0)
            {
                Preconditions.ThrowArgument(nameof(observed), $"observed group '{name}' is not in the game; its groups are {string.Join(", ", names)}.");
            }
            if (!seen.Add(name))
            {
                Preconditions.ThrowArgument(nameof(observed), $"observed group '{name}' is given twice.");
            }
            if (!Rational.TryParse(literal?.Trim(), out var value, out string? error))
            {
                Preconditions.ThrowArgument(nameof(observed), $"the observed weight of '{name}' is '{literal}', not a decimal number ({error}).");
            }
            w[k] = value;
        }
        return Normalise(w, names);
    }

    private static Rational[] Normalise(Rational[] w, string[] names)
    {
        Rational total = Rational.Zero;
        for (int k = 0; k < w.Length; k++)
        {
            if (w[k].Sign < 0)
            {
                Preconditions.ThrowArgument("observed", $"the observed weight of '{names[k]}' is {w[k].ToDouble().ToString("R", CultureInfo.InvariantCulture)}; weights must be >= 0.");
            }
            total += w[k];
        }
        var tolerance = new Rational(1, 1_000_000_000);
        var deviation = total - Rational.One;
        if ((deviation.Sign < 0 ? -deviation : deviation) > tolerance)
        {
            Preconditions.ThrowArgument("observed", string.Create(CultureInfo.InvariantCulture,
                $"the observed weights sum to {total.ToDouble():R}; they must sum to 1 (within 1e-9, which is then normalised away)."));
        }
        return w.Select(x => x / total).ToArray();
    }
    /// <summary>A one-line summary: the groups, N and the observed mixture.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"InverseProblem(K = {Names.Count}, N = {Agents}, observed [{string.Join(", ", Names.Zip(Observed, (n, w) => $"{n} {w}"))}])";
}

/// <summary>Whether observed behaviour can be explained by some incentive coefficients (<see cref="InverseEquilibriumResult"/>).</summary>
public enum InverseStatus
{
    /// <summary>Some λ ≥ 0 with λ_A = 1 makes the observed mixture an equilibrium.</summary>
    Feasible,

    /// <summary>No λ does; the least-violation point is the closest explanation.</summary>
    Infeasible,
}

/// <summary>The answer of the inverse equilibrium (docs/estimation.md#inverse-equilibrium).</summary>
public sealed class InverseEquilibriumResult
{
    internal InverseEquilibriumResult(IReadOnlyList<int> support, IReadOnlyList<CoefficientPoint> vertices, IReadOnlyList<CoefficientPoint> rays,
        CoefficientPoint? leastViolation, Rational? multiplier, Rational residual)
    {
        Support = support;
        Vertices = vertices;
        Rays = rays;
        LeastViolation = leastViolation;
        Multiplier = multiplier;
        Residual = residual;
    }

    /// <summary>The support {k : w_obs,k &gt; τ_s}.</summary>
    public IReadOnlyList<int> Support { get; }

    /// <summary>Feasible when some λ ≥ 0 with λ_A = 1 makes w_obs an equilibrium; infeasible otherwise (see <see cref="LeastViolation"/>).</summary>
    public InverseStatus Status => Vertices.Count > 0 ? InverseStatus.Feasible : InverseStatus.Infeasible;

    /// <summary>True when some λ ≥ 0 with λ_A = 1 makes w_obs an equilibrium (<see cref="Status"/> is <see cref="InverseStatus.Feasible"/>).</summary>
    public bool Feasible => Status == InverseStatus.Feasible;

    /// <summary>The vertices of the feasible polygon in the (λ_C, λ_D) plane, in counter-clockwise boundary order (empty when infeasible).</summary>
    public IReadOnlyList<CoefficientPoint> Vertices { get; }

    /// <summary>The extreme rays of the feasible set when it is unbounded (scaled so the larger coordinate is 1).</summary>
    public IReadOnlyList<CoefficientPoint> Rays { get; }

    /// <summary>True when the feasible set is a bounded polygon (or a point or segment).</summary>
    public bool Bounded => Feasible && Rays.Count == 0;

    /// <summary>When infeasible: a (λ_C, λ_D) minimising the largest violation.</summary>
    public CoefficientPoint? LeastViolation { get; }

    /// <summary>When infeasible: the multiplier ν at <see cref="LeastViolation"/>.</summary>
    public Rational? Multiplier { get; }

    /// <summary>The minimal largest violation: 0 when feasible.</summary>
    public Rational Residual { get; }

    /// <summary>A one-line description.</summary>
    public override string ToString() => Feasible
        ? $"feasible: {Vertices.Count} vertices{(Rays.Count > 0 ? $", {Rays.Count} rays" : "")}: {string.Join("; ", Vertices)}"
        : $"infeasible: least violation {Residual.ToDouble():G6} at {LeastViolation}";
}

/// <summary>
/// Which incentives explain observed behaviour (docs/estimation.md#inverse-equilibrium): the exact set of (λ_C, λ_D) ≥ 0, with λ_A = 1,
/// that make an observed homogeneous mixture an equilibrium, or the least-violation λ by an exact linear programme.
/// </summary>
public static class InverseEquilibrium
{
    /// <summary>The default support threshold τ_s = 1e-9.</summary>
    public static readonly Rational DefaultSupportThreshold = new(1, 1_000_000_000);

    /// <summary>Solves the inverse problem exactly.</summary>
    /// <param name="problem">a, C, S, N and w_obs.</param>
    /// <param name="supportThreshold">τ_s ≥ 0; null for 1e-9.</param>
    /// <returns>The feasible polygon (vertices and rays) or the least-violation λ with its residual.</returns>
    public static InverseEquilibriumResult Solve(InverseProblem problem, Rational? supportThreshold = null)
    {
        Preconditions.CheckNotNull(problem);
        var tau = supportThreshold ?? DefaultSupportThreshold;
        int k = problem.Names.Count;
        var w = problem.Observed;
        var a = problem.Attractiveness;
        // F_k = a_k − λ_C c_k − λ_D s_k with c = 2Cw and s = Sw (s = 0 when N = 1: diversity has no effect).
        var c = new Rational[k];
        var s = new Rational[k];
        for (int i = 0; i < k; i++)
        {
            Rational ci = Rational.Zero, si = Rational.Zero;
            for (int j = 0; j < k; j++)
            {
                if (!w[j].IsZero)
                {
                    ci += problem.Inconsistency[i, j] * w[j];
                    si += (problem.Similarity is null ? (i == j ? Rational.One : Rational.Zero) : problem.Similarity[i, j]) * w[j];
                }
            }
            c[i] = ci + ci;
            s[i] = problem.Agents == 1 ? Rational.Zero : si;
        }
        var support = Enumerable.Range(0, k).Where(i => w[i] > tau).ToArray();
        int s0 = support[0];
        // Half-planes g·(λ_C, λ_D) ≤ h after eliminating ν = F_{s0}.
        var rows = new List<(Rational G0, Rational G1, Rational H)> { (-1, 0, 0), (0, -1, 0) };
        bool contradiction = false;
        foreach (int i in Enumerable.Range(0, k).Where(i => i != s0))
        {
            var g0 = -(c[i] - c[s0]);
            var g1 = -(s[i] - s[s0]);
            var h = -(a[i] - a[s0]);
            bool inSupport = w[i] > tau;
            foreach (var (x0, x1, y) in inSupport ? new[] { (g0, g1, h), (-g0, -g1, -h) } : new[] { (g0, g1, h) })
            {
                if (x0.IsZero && x1.IsZero)
                {
                    contradiction |= y.Sign < 0;
                }
                else
                {
                    rows.Add((x0, x1, y));
                }
            }
        }
        var vertices = contradiction ? [] : Vertices(rows);
        if (vertices.Count == 0)
        {
            return LeastViolation(a, c, s, support, k);
        }
        return new InverseEquilibriumResult(support, Order(vertices, rows), Rays(rows), null, null, Rational.Zero);
    }

    private static List<CoefficientPoint> Vertices(List<(Rational G0, Rational G1, Rational H)> rows)
    {
        var result = new List<CoefficientPoint>();
        for (int i = 0; i < rows.Count; i++)
        {
            for (int j = i + 1; j < rows.Count; j++)
            {
                var (a0, a1, ah) = rows[i];
                var (b0, b1, bh) = rows[j];
                var det = (a0 * b1) - (a1 * b0);
                if (det.IsZero)
                {
                    continue;
                }
                var x = new CoefficientPoint(((ah * b1) - (a1 * bh)) / det, ((a0 * bh) - (ah * b0)) / det);
                if (rows.All(r => (r.G0 * x.Consistency) + (r.G1 * x.Diversity) <= r.H) && !result.Contains(x))
                {
                    result.Add(x);
                }
            }
        }
        return result;
    }

    private static List<CoefficientPoint> Rays(List<(Rational G0, Rational G1, Rational H)> rows)
    {
        var result = new List<CoefficientPoint>();
        foreach (var (g0, g1, _) in rows)
        {
            foreach (var (d0, d1) in new[] { (g1, -g0), (-g1, g0) })
            {
                if ((d0.IsZero && d1.IsZero) || !rows.All(r => (r.G0 * d0) + (r.G1 * d1) <= Rational.Zero))
                {
                    continue;
                }
                var scale = Rational.Max(Abs(d0), Abs(d1));
                var d = new CoefficientPoint(d0 / scale, d1 / scale);
                if (!result.Contains(d))
                {
                    result.Add(d);
                }
            }
        }
        // Counter-clockwise from the positive λ_C axis.
        result.Sort((p, q) => Cross(q, p).Sign);
        return result;
    }

    private static Rational Abs(Rational x) => x.Sign < 0 ? -x : x;

    private static Rational Cross(CoefficientPoint p, CoefficientPoint q) => (p.Consistency * q.Diversity) - (p.Diversity * q.Consistency);

    /// <summary>Counter-clockwise boundary order, starting after the unbounded side (if any), else at the lexicographically smallest vertex.</summary>
    private static List<CoefficientPoint> Order(List<CoefficientPoint> vertices, List<(Rational G0, Rational G1, Rational H)> rows)
    {
        var sorted = vertices.OrderBy(v => v.Consistency).ThenBy(v => v.Diversity).ToList();
        if (sorted.Count <= 2)
        {
            return sorted;
        }
        var first = sorted[0];
        bool collinear = sorted.All(v => Cross(Sub(sorted[1], first), Sub(v, first)).IsZero);
        if (collinear)
        {
            return sorted;
        }
        Rational n = sorted.Count;
        var centre = new CoefficientPoint(sorted.Aggregate(Rational.Zero, (t, v) => t + v.Consistency) / n,
            sorted.Aggregate(Rational.Zero, (t, v) => t + v.Diversity) / n);
        int Half(CoefficientPoint d) => d.Diversity.Sign > 0 || (d.Diversity.IsZero && d.Consistency.Sign > 0) ? 0 : 1;
        var ccw = sorted.OrderBy(v => v, Comparer<CoefficientPoint>.Create((p, q) =>
        {
            var dp = Sub(p, centre);
            var dq = Sub(q, centre);
            int hp = Half(dp), hq = Half(dq);
            return hp != hq ? hp.CompareTo(hq) : -Cross(dp, dq).Sign;
        })).ToList();
        bool Edge(CoefficientPoint p, CoefficientPoint q) => rows.Any(r =>
            (r.G0 * p.Consistency) + (r.G1 * p.Diversity) == r.H && (r.G0 * q.Consistency) + (r.G1 * q.Diversity) == r.H);
        int start = ccw.IndexOf(first);
        for (int i = 0; i < ccw.Count; i++)
        {
            if (!Edge(ccw[i], ccw[(i + 1) % ccw.Count]))
            {
                start = (i + 1) % ccw.Count;
                break;
            }
        }
        return ccw.Skip(start).Concat(ccw.Take(start)).ToList();
    }

    private static CoefficientPoint Sub(CoefficientPoint p, CoefficientPoint q) => new(p.Consistency - q.Consistency, p.Diversity - q.Diversity);

    /// <summary>
    /// min t over (λ_C, λ_D) ≥ 0, ν, t with F_k − ν ≤ t for every k and ν − F_k ≤ t on the support, as the exact simplex's
    /// form max cᵀx, Ax ≤ b, x ≥ 0, b ≥ 0: ν = ν₀ + ν⁺ − ν⁻ and t = T₀ − σ with ν₀, T₀ the midpoint and half-range of a, so
    /// x = 0 (λ = 0, ν = ν₀, t = T₀) is feasible.
    /// </summary>
    private static InverseEquilibriumResult LeastViolation(IReadOnlyList<Rational> a, Rational[] c, Rational[] s, int[] support, int k)
    {
        var max = a.Aggregate(Rational.Max);
        var min = a.Aggregate(Rational.Min);
        var t0 = (max - min) / 2;
        var nu0 = (max + min) / 2;
        int m = k + support.Length + 1;
        var A = new Rational[m, 5];
        var b = new Rational[m];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < 5; j++)
            {
                A[i, j] = Rational.Zero;
            }
        }
        for (int i = 0; i < k; i++)
        {
            (A[i, 0], A[i, 1], A[i, 2], A[i, 3], A[i, 4]) = (-c[i], -s[i], -1, 1, 1);
            b[i] = t0 - a[i] + nu0;
        }
        for (int r = 0; r < support.Length; r++)
        {
            int i = support[r], row = k + r;
            (A[row, 0], A[row, 1], A[row, 2], A[row, 3], A[row, 4]) = (c[i], s[i], 1, -1, 1);
            b[row] = t0 + a[i] - nu0;
        }
        A[m - 1, 4] = 1;
        b[m - 1] = t0;
        var lp = new LinearProgram(A, b, [0, 0, 0, 0, 1]);
        var solution = ExactSimplexSolver.Instance.Solve(lp);
        if (!solution.IsCertifiedFor(lp))
        {
            throw new InvalidOperationException("the least-violation linear programme did not certify its optimum (a bug; please report it).");
        }
        var x = solution.X!;
        return new InverseEquilibriumResult(support, [], [], new CoefficientPoint(x[0], x[1]), nu0 + x[2] - x[3], t0 - x[4]);
    }
}

using System.Globalization;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Welfare;

/// <summary>The welfare aggregators of docs/finite-games.md#payoff-games.</summary>
public enum WelfareKind
{
    /// <summary>U_a + U_u.</summary>
    Sum,

    /// <summary>α U_a + (1 − α) U_u.</summary>
    Weighted,

    /// <summary>min(U_a, U_u).</summary>
    Egalitarian,

    /// <summary>(U_a − d_a)(U_u − d_u) over actions with both payoffs strictly above the disagreement point d.</summary>
    Nash,
}

/// <summary>A welfare aggregator with its parameters, all exact.</summary>
/// <param name="Kind">The aggregator.</param>
/// <param name="Alpha">α in [0, 1] for <see cref="WelfareKind.Weighted"/>.</param>
/// <param name="DisagreementAssistant">d_a for <see cref="WelfareKind.Nash"/>.</param>
/// <param name="DisagreementUser">d_u for <see cref="WelfareKind.Nash"/>.</param>
public sealed record WelfareFunction(WelfareKind Kind, Rational Alpha, Rational DisagreementAssistant, Rational DisagreementUser)
{
    /// <summary>An aggregator with α = 1/2 and d = (0, 0).</summary>
    /// <param name="kind">The aggregator.</param>
    public WelfareFunction(WelfareKind kind)
        : this(kind, new Rational(1, 2), Rational.Zero, Rational.Zero)
    {
    }

    /// <summary>Parses "sum", "weighted:α", "egalitarian", "nash" or "nash:d_a,d_u"; numbers are read exactly.</summary>
    /// <param name="text">The specification.</param>
    /// <returns>The function.</returns>
    /// <exception cref="FormatException">The text is not one of the forms, or α is outside [0, 1].</exception>
    public static WelfareFunction Parse(string text)
    {
        Preconditions.CheckNotNull(text);
        string[] parts = text.Split(':', 2);
        string kind = parts[0].Trim().ToLowerInvariant();
        switch (kind)
        {
            case "sum" when parts.Length == 1:
                return new WelfareFunction(WelfareKind.Sum);
            case "egalitarian" when parts.Length == 1:
                return new WelfareFunction(WelfareKind.Egalitarian);
            case "weighted" when parts.Length == 2 && Rational.TryParse(parts[1], out var alpha):
                if (alpha.Sign < 0 || alpha > Rational.One)
                {
                    throw new FormatException($"'{text}': α must lie in [0, 1].");
                }
                return new WelfareFunction(WelfareKind.Weighted, alpha, Rational.Zero, Rational.Zero);
            case "nash" when parts.Length == 1:
                return new WelfareFunction(WelfareKind.Nash);
            case "nash" when parts.Length == 2:
                string[] d = parts[1].Split(',');
                if (d.Length == 2 && Rational.TryParse(d[0], out var da) && Rational.TryParse(d[1], out var du))
                {
                    return new WelfareFunction(WelfareKind.Nash, new Rational(1, 2), da, du);
                }
                break;
        }
        throw new FormatException($"'{text}' is not a welfare function; use sum, weighted:α (α in [0, 1]), egalitarian, nash or nash:d_a,d_u.");
    }

    /// <summary>The welfare of a payoff pair, exactly; null for <see cref="WelfareKind.Nash"/> when a payoff is not strictly above d.</summary>
    /// <param name="assistant">U_a.</param>
    /// <param name="user">U_u.</param>
    public Rational? Evaluate(Rational assistant, Rational user) => Kind switch
    {
        WelfareKind.Sum => assistant + user,
        WelfareKind.Weighted => (Alpha * assistant) + ((Rational.One - Alpha) * user),
        WelfareKind.Egalitarian => Rational.Min(assistant, user),
        _ => assistant > DisagreementAssistant && user > DisagreementUser ? (assistant - DisagreementAssistant) * (user - DisagreementUser) : null,
    };

    /// <summary>The specification as <see cref="Parse"/> reads it.</summary>
    public override string ToString() => Kind switch
    {
        WelfareKind.Weighted => string.Create(CultureInfo.InvariantCulture, $"weighted:{Alpha.ToDouble()}"),
        WelfareKind.Nash => string.Create(CultureInfo.InvariantCulture, $"nash:{DisagreementAssistant.ToDouble()},{DisagreementUser.ToDouble()}"),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>Expected payoffs of one action, exact.</summary>
/// <param name="Assistant">U_a.</param>
/// <param name="User">U_u.</param>
public readonly record struct PayoffPair(Rational Assistant, Rational User);

/// <summary>Why a decision came out as it did.</summary>
public enum WelfareStatus
{
    /// <summary>A decision was made.</summary>
    Decided,

    /// <summary>
    /// No Pareto-optimal action qualifies: for the Nash product, none has both expected payoffs strictly above the
    /// disagreement point (an action exactly at it does not qualify).
    /// </summary>
    NoQualifyingAction,
}

/// <summary>The outcome of <see cref="WelfareAnalysis.Decide"/>, computed in exact arithmetic.</summary>
/// <param name="Status">Whether a decision was made.</param>
/// <param name="Expected">Expected payoffs per action (after price × cost).</param>
/// <param name="Pareto">Indices of the Pareto-optimal actions (no other action weakly dominates them), ascending.</param>
/// <param name="Welfare">Welfare per action (null where the Nash product does not apply).</param>
/// <param name="Decision">The chosen action; null when <see cref="Status"/> is not <see cref="WelfareStatus.Decided"/>.</param>
/// <param name="Reason">Why there is no decision; null when there is one.</param>
public sealed record WelfareDecision(WelfareStatus Status, IReadOnlyList<PayoffPair> Expected, IReadOnlyList<int> Pareto,
    IReadOnlyList<Rational?> Welfare, int? Decision, string? Reason);

/// <summary>A price interval on which the decision is constant.</summary>
/// <param name="From">Lower end (display).</param>
/// <param name="To">Upper end (display).</param>
/// <param name="Decision">The action on the open interval; null when no action qualifies there.</param>
/// <param name="ExactFrom">The lower end exactly, when it is rational (every aggregator but the Nash product); else null.</param>
/// <param name="ExactTo">The upper end exactly, when rational; else null.</param>
public sealed record PriceInterval(double From, double To, int? Decision, Rational? ExactFrom = null, Rational? ExactTo = null);

/// <summary>Mutual-welfare decisions and their price analysis (docs/finite-games.md#payoff-games), all in exact rationals.</summary>
public static class WelfareAnalysis
{
    /// <summary>
    /// Expected payoffs per action under the prior (or the observed context), minus price × cost for the payer; the Pareto
    /// set; the welfare argmax over it, ties to the higher user payoff, then the higher assistant payoff, then declared order.
    /// Every comparison is exact: payoffs are the rationals of their decimal literals.
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="welfare">The aggregator.</param>
    /// <param name="context">An observed context; null to use the prior (uniform when none).</param>
    /// <param name="price">The price; null for the game's.</param>
    /// <returns>The decision (status <see cref="WelfareStatus.NoQualifyingAction"/> with a reason when none qualifies).</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="KeyNotFoundException">No such context.</exception>
    /// <exception cref="ArgumentException">The price is negative.</exception>
    public static WelfareDecision Decide(PayoffGame game, WelfareFunction welfare, string? context = null, Rational? price = null)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(welfare);
        var p = price ?? game.Price;
        if (p.Sign < 0)
        {
            Preconditions.ThrowArgument(nameof(price), $"price = {p}; it must be >= 0.");
        }
        return DecideOn(Expected(game, context, p), welfare);
    }

    /// <summary>Expected payoffs per action at a price.</summary>
    /// <param name="game">The game.</param>
    /// <param name="context">An observed context; null for the prior.</param>
    /// <param name="price">The price.</param>
    /// <returns>(U_a, U_u) per action.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static IReadOnlyList<PayoffPair> Expected(PayoffGame game, string? context, Rational price)
    {
        Preconditions.CheckNotNull(game);
        var (intercepts, slopes) = Linear(game, context);
        return intercepts.Select((x, a) => new PayoffPair(x.Assistant + (price * slopes[a].Assistant), x.User + (price * slopes[a].User))).ToList();
    }

    private static (PayoffPair[] Intercepts, PayoffPair[] Slopes) Linear(PayoffGame game, string? context)
    {
        int actions = game.Actions.Count, contexts = game.Contexts.Count;
        Rational[] weights = context is not null
            ? Enumerable.Range(0, contexts).Select(c => c == game.ContextIndex(context) ? Rational.One : Rational.Zero).ToArray()
            : game.Prior?.ToArray() ?? Enumerable.Repeat(new Rational(1, contexts), contexts).ToArray();
        var intercepts = new PayoffPair[actions];
        var slopes = new PayoffPair[actions];
        for (int a = 0; a < actions; a++)
        {
            Rational ua = Rational.Zero, uu = Rational.Zero;
            for (int c = 0; c < contexts; c++)
            {
                ua += weights[c] * game.AssistantPayoff(c, a);
                uu += weights[c] * game.UserPayoff(c, a);
            }
            intercepts[a] = new PayoffPair(ua, uu);
            var cost = game.Cost?[a] ?? Rational.Zero;
            slopes[a] = game.Payer == Payer.Assistant ? new PayoffPair(-cost, Rational.Zero) : new PayoffPair(Rational.Zero, -cost);
        }
        return (intercepts, slopes);
    }

    private static WelfareDecision DecideOn(IReadOnlyList<PayoffPair> expected, WelfareFunction welfare)
    {
        int n = expected.Count;
        var pareto = Enumerable.Range(0, n).Where(a => !Enumerable.Range(0, n).Any(b =>
            b != a && expected[b].Assistant >= expected[a].Assistant && expected[b].User >= expected[a].User
            && (expected[b].Assistant > expected[a].Assistant || expected[b].User > expected[a].User))).ToList();
        var values = expected.Select(x => welfare.Evaluate(x.Assistant, x.User)).ToList();
        int? best = null;
        foreach (int a in pareto)
        {
            if (values[a] is not Rational w)
            {
                continue;
            }
            if (best is not int b)
            {
                best = a;
                continue;
            }
            var wb = values[b]!.Value;
            bool better = w != wb ? w > wb
                : expected[a].User != expected[b].User ? expected[a].User > expected[b].User
                : expected[a].Assistant > expected[b].Assistant;
            if (better)
            {
                best = a;
            }
        }
        if (best is null)
        {
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"no decision: no Pareto-optimal action gives both players strictly more than the disagreement point ({welfare.DisagreementAssistant}, {welfare.DisagreementUser})");
            return new WelfareDecision(WelfareStatus.NoQualifyingAction, expected, pareto, values, null, reason);
        }
        return new WelfareDecision(WelfareStatus.Decided, expected, pareto, values, best, null);
    }

    /// <summary>
    /// The decision on every interval of [0, maxPrice]: piecewise constant, with exact breakpoints where welfare is linear in the
    /// price (sum, weighted, egalitarian per branch: every crossing of two actions' payoffs or welfare, and of an action's two
    /// payoffs), and the roots of the pairwise quadratic crossings for the Nash product (with its qualification thresholds).
    /// Each piece is classified exactly at a rational point inside it; adjacent pieces with the same decision merge.
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="welfare">The aggregator.</param>
    /// <param name="maxPrice">p_max &gt; 0.</param>
    /// <param name="context">An observed context; null for the prior.</param>
    /// <returns>The intervals, in order, covering [0, maxPrice].</returns>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="maxPrice"/> is not finite or not positive.</exception>
    public static IReadOnlyList<PriceInterval> PriceIntervals(PayoffGame game, WelfareFunction welfare, double maxPrice, string? context = null)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(welfare);
        if (!double.IsFinite(maxPrice) || maxPrice <= 0)
        {
            Preconditions.ThrowArgument(nameof(maxPrice), $"maxPrice = {Preconditions.Format(maxPrice)}; it must be a finite number > 0.");
        }
        var max = Rational.FromDouble(maxPrice);
        var (x, s) = Linear(game, context);
        int n = x.Length;
        var exact = new List<Rational>();
        var approximate = new List<double>();
        void Linear1(Rational intercept, Rational slope)
        {
            if (!slope.IsZero)
            {
                exact.Add(-intercept / slope);
            }
        }
        // f(p) = c0 + c1 p + c2 p²: its real roots (irrational in general: doubles, classified exactly between them).
        void Quadratic(Rational c0, Rational c1, Rational c2)
        {
            if (c2.IsZero)
            {
                Linear1(c0, c1);
                return;
            }
            var disc = (c1 * c1) - (4 * c2 * c0);
            if (disc.Sign < 0)
            {
                return;
            }
            if (disc.IsZero)
            {
                exact.Add(-c1 / (2 * c2));
                return;
            }
            double d = Math.Sqrt(disc.ToDouble()), b = c1.ToDouble();
            double q = -0.5 * (b + ((b >= 0 ? 1 : -1) * d));
            approximate.Add(q / c2.ToDouble());
            if (q != 0)
            {
                approximate.Add(c0.ToDouble() / q);
            }
        }
        var da = welfare.DisagreementAssistant;
        var du = welfare.DisagreementUser;
        for (int a = 0; a < n; a++)
        {
            if (welfare.Kind == WelfareKind.Egalitarian)
            {
                Linear1(x[a].Assistant - x[a].User, s[a].Assistant - s[a].User);
            }
            if (welfare.Kind == WelfareKind.Nash)
            {
                Linear1(x[a].Assistant - da, s[a].Assistant);
                Linear1(x[a].User - du, s[a].User);
            }
            for (int b = a + 1; b < n; b++)
            {
                Linear1(x[a].Assistant - x[b].Assistant, s[a].Assistant - s[b].Assistant);
                Linear1(x[a].User - x[b].User, s[a].User - s[b].User);
                switch (welfare.Kind)
                {
                    case WelfareKind.Sum:
                        Linear1(x[a].Assistant + x[a].User - x[b].Assistant - x[b].User, s[a].Assistant + s[a].User - s[b].Assistant - s[b].User);
                        break;
                    case WelfareKind.Weighted:
                        var al = welfare.Alpha;
                        Linear1((al * (x[a].Assistant - x[b].Assistant)) + ((Rational.One - al) * (x[a].User - x[b].User)),
                            (al * (s[a].Assistant - s[b].Assistant)) + ((Rational.One - al) * (s[a].User - s[b].User)));
                        break;
                    case WelfareKind.Egalitarian:
                        Linear1(x[a].Assistant - x[b].User, s[a].Assistant - s[b].User);
                        Linear1(x[a].User - x[b].Assistant, s[a].User - s[b].Assistant);
                        break;
                    case WelfareKind.Nash:
                        // (A_a − d_a)(U_a − d_u) − (A_b − d_a)(U_b − d_u), each factor affine in p.
                        Rational aa0 = x[a].Assistant - da, aa1 = s[a].Assistant;
                        Rational au0 = x[a].User - du, au1 = s[a].User;
                        Rational ba0 = x[b].Assistant - da, ba1 = s[b].Assistant;
                        Rational bu0 = x[b].User - du, bu1 = s[b].User;
                        Quadratic((aa0 * au0) - (ba0 * bu0), (aa0 * au1) + (aa1 * au0) - (ba0 * bu1) - (ba1 * bu0), (aa1 * au1) - (ba1 * bu1));
                        break;
                }
            }
        }
        // Breakpoints in (0, max), exact where possible; approximate roots become the exact value of their double.
        var points = exact.Where(p => p.Sign > 0 && p < max).Select(p => (Exact: (Rational?)p, Value: p))
            .Concat(approximate.Where(p => double.IsFinite(p) && p > 0 && p < maxPrice).Select(p => (Exact: (Rational?)null, Value: Rational.FromDouble(p))))
            .OrderBy(p => p.Value)
            .ToList();
        var cuts = new List<(Rational? Exact, Rational Value)> { (Rational.Zero, Rational.Zero) };
        foreach (var point in points)
        {
            if (point.Value != cuts[^1].Value)
            {
                cuts.Add(point);
            }
        }
        if (max != cuts[^1].Value)
        {
            cuts.Add((max, max));
        }
        var intervals = new List<PriceInterval>();
        for (int i = 0; i + 1 < cuts.Count; i++)
        {
            var mid = (cuts[i].Value + cuts[i + 1].Value) / 2;
            int? decision = DecideOn(Expected(game, context, mid), welfare).Decision;
            if (intervals.Count > 0 && intervals[^1].Decision == decision)
            {
                intervals[^1] = intervals[^1] with { To = cuts[i + 1].Value.ToDouble(), ExactTo = cuts[i + 1].Exact };
            }
            else
            {
                intervals.Add(new PriceInterval(cuts[i].Value.ToDouble(), cuts[i + 1].Value.ToDouble(), decision, cuts[i].Exact, cuts[i + 1].Exact));
            }
        }
        return intervals;
    }
}

using System.Globalization;

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

    /// <summary>(U_a − d_a)(U_u − d_u), only over actions with both payoffs above the disagreement point d.</summary>
    Nash,
}

/// <summary>A welfare function: its kind, α for weighted, and the disagreement point for Nash.</summary>
/// <param name="Kind">The aggregator.</param>
/// <param name="Alpha">α in [0, 1] (weighted only).</param>
/// <param name="DisagreementAssistant">d_a (Nash only).</param>
/// <param name="DisagreementUser">d_u (Nash only).</param>
public sealed record WelfareFunction(WelfareKind Kind, double Alpha = 0.5, double DisagreementAssistant = 0, double DisagreementUser = 0)
{
    /// <summary>Parses <c>sum</c>, <c>weighted:α</c>, <c>egalitarian</c>, <c>nash</c> or <c>nash:d_a,d_u</c>.</summary>
    /// <param name="text">The specification.</param>
    /// <exception cref="FormatException">The text is not one of those forms, or α is outside [0, 1].</exception>
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
            case "weighted" when parts.Length == 2 && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double alpha):
                if (!(alpha >= 0 && alpha <= 1))
                {
                    throw new FormatException($"'{text}': α must lie in [0, 1].");
                }
                return new WelfareFunction(WelfareKind.Weighted, alpha);
            case "nash" when parts.Length == 1:
                return new WelfareFunction(WelfareKind.Nash);
            case "nash" when parts.Length == 2:
                string[] d = parts[1].Split(',');
                if (d.Length == 2 && double.TryParse(d[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double da)
                    && double.TryParse(d[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double du) && double.IsFinite(da) && double.IsFinite(du))
                {
                    return new WelfareFunction(WelfareKind.Nash, 0.5, da, du);
                }
                break;
        }
        throw new FormatException($"'{text}' is not a welfare function; use sum, weighted:α (α in [0, 1]), egalitarian, nash or nash:d_a,d_u.");
    }

    /// <summary>The welfare of a payoff pair; null for Nash when the pair is not above the disagreement point.</summary>
    /// <param name="assistant">U_a.</param>
    /// <param name="user">U_u.</param>
    public double? Evaluate(double assistant, double user) => Kind switch
    {
        WelfareKind.Sum => assistant + user,
        WelfareKind.Weighted => (Alpha * assistant) + ((1 - Alpha) * user),
        WelfareKind.Egalitarian => Math.Min(assistant, user),
        _ => assistant > DisagreementAssistant && user > DisagreementUser ? (assistant - DisagreementAssistant) * (user - DisagreementUser) : null,
    };

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        WelfareKind.Weighted => string.Create(CultureInfo.InvariantCulture, $"weighted:{Alpha}"),
        WelfareKind.Nash => string.Create(CultureInfo.InvariantCulture, $"nash:{DisagreementAssistant},{DisagreementUser}"),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}

/// <summary>An action's expected payoffs.</summary>
/// <param name="Assistant">U_a.</param>
/// <param name="User">U_u.</param>
public readonly record struct PayoffPair(double Assistant, double User);

/// <summary>The decision of docs/finite-games.md#payoff-games.</summary>
/// <param name="Expected">Expected payoffs per action (after price × cost for the payer).</param>
/// <param name="Pareto">Actions no other action weakly dominates, in declared order.</param>
/// <param name="Welfare">The welfare of each action (null for Nash where it does not qualify).</param>
/// <param name="Decision">The chosen action's index; null when no action qualifies.</param>
/// <param name="Reason">Why there is no decision; null when there is one.</param>
public sealed record WelfareDecision(IReadOnlyList<PayoffPair> Expected, IReadOnlyList<int> Pareto, IReadOnlyList<double?> Welfare, int? Decision, string? Reason);

/// <summary>A price interval on which the decision is constant.</summary>
/// <param name="From">Start of the interval.</param>
/// <param name="To">End of the interval.</param>
/// <param name="Decision">The action chosen inside it (null when none qualifies).</param>
public sealed record PriceInterval(double From, double To, int? Decision);

/// <summary>Mutual-welfare decisions and their price analysis (docs/finite-games.md#payoff-games).</summary>
public static class WelfareAnalysis
{
    /// <summary>
    /// Decides: expected payoffs under the prior (uniform if none) or the observed context, minus price × cost for the payer;
    /// the Pareto set; the welfare argmax over it, ties to the higher user payoff, then the higher assistant payoff, then the
    /// declared action order — deterministic. Payoffs within 1e-12·max(1, |x|) count as tied.
    /// </summary>
    /// <param name="game">The game.</param>
    /// <param name="welfare">The aggregator.</param>
    /// <param name="context">An observed context; null to use the prior.</param>
    /// <param name="price">A price overriding the game's; null to use the game's.</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> or <paramref name="welfare"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The context does not exist.</exception>
    /// <exception cref="ArgumentException">The price is negative or not finite.</exception>
    public static WelfareDecision Decide(PayoffGame game, WelfareFunction welfare, string? context = null, double? price = null)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(welfare);
        double p = Preconditions.CheckNonNegative(price ?? game.Price, nameof(price));
        var expected = Expected(game, context, p);
        return DecideOn(expected, welfare);
    }

    /// <summary>Expected payoffs per action at a price.</summary>
    /// <param name="game">The game.</param>
    /// <param name="context">An observed context, or null for the prior.</param>
    /// <param name="price">The price.</param>
    /// <exception cref="KeyNotFoundException">The context does not exist.</exception>
    public static IReadOnlyList<PayoffPair> Expected(PayoffGame game, string? context, double price)
    {
        Preconditions.CheckNotNull(game);
        var (intercepts, slopes) = Linear(game, context);
        return intercepts.Select((x, a) => new PayoffPair(x.Assistant + (price * slopes[a].Assistant), x.User + (price * slopes[a].User))).ToList();
    }

    /// <summary>Payoffs as affine functions of the price: value(p) = intercept + p·slope.</summary>
    private static (PayoffPair[] Intercepts, PayoffPair[] Slopes) Linear(PayoffGame game, string? context)
    {
        int actions = game.Actions.Count, contexts = game.Contexts.Count;
        double[] weights = context is not null
            ? Enumerable.Range(0, contexts).Select(c => c == game.ContextIndex(context) ? 1.0 : 0.0).ToArray()
            : game.Prior?.ToArray() ?? Enumerable.Repeat(1.0 / contexts, contexts).ToArray();
        var intercepts = new PayoffPair[actions];
        var slopes = new PayoffPair[actions];
        for (int a = 0; a < actions; a++)
        {
            double ua = 0, uu = 0;
            for (int c = 0; c < contexts; c++)
            {
                ua += weights[c] * game.AssistantPayoff(c, a);
                uu += weights[c] * game.UserPayoff(c, a);
            }
            intercepts[a] = new PayoffPair(ua, uu);
            double cost = game.Cost?[a] ?? 0.0;
            slopes[a] = game.Payer == Payer.Assistant ? new PayoffPair(-cost, 0) : new PayoffPair(0, -cost);
        }
        return (intercepts, slopes);
    }

    private static bool Tied(double a, double b) => Math.Abs(a - b) <= 1e-12 * Math.Max(1.0, Math.Max(Math.Abs(a), Math.Abs(b)));

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
            if (values[a] is not double w)
            {
                continue;
            }
            if (best is not int b)
            {
                best = a;
                continue;
            }
            double wb = values[b]!.Value;
            bool better = !Tied(w, wb) ? w > wb
                : !Tied(expected[a].User, expected[b].User) ? expected[a].User > expected[b].User
                : !Tied(expected[a].Assistant, expected[b].Assistant) && expected[a].Assistant > expected[b].Assistant;
            if (better)
            {
                best = a;
            }
        }
        string? reason = best is null
            ? string.Create(CultureInfo.InvariantCulture, $"no Pareto-optimal action gives both players more than the disagreement point ({welfare.DisagreementAssistant}, {welfare.DisagreementUser})")
            : null;
        return new WelfareDecision(expected, pareto, values, best, reason);
    }

    /// <summary>
    /// The decision as the price varies over [0, maxPrice]: payoffs are affine in the price, so the decision is piecewise
    /// constant. Every price where a comparison can change is found in closed form — equal payoffs of two actions (dominance
    /// and tie-breaks), equal welfare of two actions (linear for sum and weighted; per branch of the min for egalitarian, whose
    /// branch points are where U_a = U_u; quadratic for Nash, plus the prices where an action crosses the disagreement point) —
    /// and the decision is evaluated between consecutive ones; equal neighbours are merged.
    /// </summary>
    /// <param name="game">The game (its own price is ignored).</param>
    /// <param name="welfare">The aggregator.</param>
    /// <param name="maxPrice">p_max &gt; 0.</param>
    /// <param name="context">An observed context, or null for the prior.</param>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> or <paramref name="welfare"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="maxPrice"/> is not finite and positive.</exception>
    public static IReadOnlyList<PriceInterval> PriceIntervals(PayoffGame game, WelfareFunction welfare, double maxPrice, string? context = null)
    {
        Preconditions.CheckNotNull(game);
        Preconditions.CheckNotNull(welfare);
        if (!double.IsFinite(maxPrice) || maxPrice <= 0)
        {
            Preconditions.ThrowArgument(nameof(maxPrice), $"maxPrice = {Preconditions.Format(maxPrice)}; it must be a finite number > 0.");
        }
        var (x, s) = Linear(game, context);
        int n = x.Length;
        var critical = new List<double>();
        void Linear1(double intercept, double slope)
        {
            if (slope != 0)
            {
                critical.Add(-intercept / slope);
            }
        }
        // f(p) = c0 + c1 p + c2 p²: add its real roots.
        void Quadratic(double c0, double c1, double c2)
        {
            if (c2 == 0)
            {
                Linear1(c0, c1);
                return;
            }
            double disc = (c1 * c1) - (4 * c2 * c0);
            if (disc < 0)
            {
                return;
            }
            double q = -0.5 * (c1 + (Math.Sign(c1 == 0 ? 1 : c1) * Math.Sqrt(disc)));
            critical.Add(q / c2);
            if (q != 0)
            {
                critical.Add(c0 / q);
            }
        }
        for (int a = 0; a < n; a++)
        {
            if (welfare.Kind == WelfareKind.Egalitarian)
            {
                Linear1(x[a].Assistant - x[a].User, s[a].Assistant - s[a].User);
            }
            if (welfare.Kind == WelfareKind.Nash)
            {
                Linear1(x[a].Assistant - welfare.DisagreementAssistant, s[a].Assistant);
                Linear1(x[a].User - welfare.DisagreementUser, s[a].User);
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
                        double al = welfare.Alpha;
                        Linear1((al * (x[a].Assistant - x[b].Assistant)) + ((1 - al) * (x[a].User - x[b].User)),
                            (al * (s[a].Assistant - s[b].Assistant)) + ((1 - al) * (s[a].User - s[b].User)));
                        break;
                    case WelfareKind.Egalitarian:
                        Linear1(x[a].Assistant - x[b].User, s[a].Assistant - s[b].User);
                        Linear1(x[a].User - x[b].Assistant, s[a].User - s[b].Assistant);
                        break;
                    case WelfareKind.Nash:
                        // (A_a − d_a)(U_a − d_u) − (A_b − d_a)(U_b − d_u), each factor affine in p.
                        double aa0 = x[a].Assistant - welfare.DisagreementAssistant, aa1 = s[a].Assistant;
                        double au0 = x[a].User - welfare.DisagreementUser, au1 = s[a].User;
                        double ba0 = x[b].Assistant - welfare.DisagreementAssistant, ba1 = s[b].Assistant;
                        double bu0 = x[b].User - welfare.DisagreementUser, bu1 = s[b].User;
                        Quadratic((aa0 * au0) - (ba0 * bu0), (aa0 * au1) + (aa1 * au0) - (ba0 * bu1) - (ba1 * bu0), (aa1 * au1) - (ba1 * bu1));
                        break;
                }
            }
        }
        var points = critical.Where(p => double.IsFinite(p) && p > 0 && p < maxPrice).Append(0.0).Append(maxPrice).Order().ToList();
        var distinct = new List<double>();
        foreach (double p in points)
        {
            if (distinct.Count == 0 || p - distinct[^1] > 1e-12 * Math.Max(1.0, maxPrice))
            {
                distinct.Add(p);
            }
        }
        distinct[^1] = maxPrice;
        var intervals = new List<PriceInterval>();
        for (int i = 0; i + 1 < distinct.Count; i++)
        {
            double mid = 0.5 * (distinct[i] + distinct[i + 1]);
            int? decision = DecideOn(Expected(game, context, mid), welfare).Decision;
            if (intervals.Count > 0 && intervals[^1].Decision == decision)
            {
                intervals[^1] = intervals[^1] with { To = distinct[i + 1] };
            }
            else
            {
                intervals.Add(new PriceInterval(distinct[i], distinct[i + 1], decision));
            }
        }
        return intervals;
    }
}

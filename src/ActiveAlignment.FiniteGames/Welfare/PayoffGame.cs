using System.Text.Json;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.Welfare;

/// <summary>Who pays price × cost for an action.</summary>
public enum Payer
{
    /// <summary>The user pays (the default).</summary>
    User,

    /// <summary>The assistant pays.</summary>
    Assistant,
}

/// <summary>
/// An assistant–user payoff game (docs/finite-games.md#payoff-games): contexts (e.g. a definite question DQ or a vague one VQ), assistant actions
/// (direct answer DA, clarifying question CQ, answer plus follow-up AQ), a payoff pair (assistant, user) per (context, action),
/// and optionally a prior over contexts, a cost per action and a price per unit of cost paid by one side.
/// </summary>
public sealed class PayoffGame
{
    private readonly Rational[,] _assistant;
    private readonly Rational[,] _user;

    private PayoffGame(IReadOnlyList<string> contexts, IReadOnlyList<string> actions, Rational[,] assistant, Rational[,] user,
        IReadOnlyList<Rational>? prior, IReadOnlyList<Rational>? cost, Rational price, Payer payer)
    {
        Contexts = contexts;
        Actions = actions;
        _assistant = assistant;
        _user = user;
        Prior = prior;
        Cost = cost;
        Price = price;
        Payer = payer;
    }

    /// <summary>The contexts.</summary>
    public IReadOnlyList<string> Contexts { get; }

    /// <summary>The actions, in declared order (the last tie-break).</summary>
    public IReadOnlyList<string> Actions { get; }

    /// <summary>The prior over contexts, exact and summing to exactly 1; null when none was given (then uniform).</summary>
    public IReadOnlyList<Rational>? Prior { get; }

    /// <summary>The cost of each action; null when none was given (then 0).</summary>
    public IReadOnlyList<Rational>? Cost { get; }

    /// <summary>The price per unit of cost.</summary>
    public Rational Price { get; }

    /// <summary>Who pays it.</summary>
    public Payer Payer { get; }

    /// <summary>A one-line summary: the contexts, the actions, the price and who pays it.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
        => $"PayoffGame({Contexts.Count} contexts × {Actions.Count} actions [{string.Join(", ", Actions.Take(8))}{(Actions.Count > 8 ? ", …" : "")}]; price {Price}, paid by {Payer})";

    /// <summary>The assistant's payoff in a context for an action.</summary>
    /// <param name="context">Context index.</param>
    /// <param name="action">Action index.</param>
    public Rational AssistantPayoff(int context, int action) => _assistant[context, action];

    /// <summary>The user's payoff in a context for an action.</summary>
    /// <param name="context">Context index.</param>
    /// <param name="action">Action index.</param>
    public Rational UserPayoff(int context, int action) => _user[context, action];

    /// <summary>The index of a context.</summary>
    /// <param name="name">A context name.</param>
    /// <exception cref="KeyNotFoundException">No such context (the message lists them).</exception>
    public int ContextIndex(string name)
    {
        int i = Contexts.ToList().IndexOf(name);
        return i >= 0 ? i : throw new KeyNotFoundException($"No context is called \"{name}\"; the contexts are: {string.Join(", ", Contexts)}.");
    }

    /// <summary>Creates and validates a game from exact payoffs.</summary>
    /// <param name="contexts">At least one unique context name.</param>
    /// <param name="actions">At least one unique action name.</param>
    /// <param name="assistant">Assistant payoffs [context, action].</param>
    /// <param name="user">User payoffs [context, action].</param>
    /// <param name="prior">Non-negative, summing to 1 within 1e-9 (then divided by its exact sum); null for uniform.</param>
    /// <param name="cost">Non-negative per action; null for none.</param>
    /// <param name="price">Price per unit of cost, ≥ 0.</param>
    /// <param name="payer">Who pays.</param>
    /// <exception cref="ArgumentException">A rule is broken; the message names it.</exception>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public static PayoffGame Create(IReadOnlyList<string> contexts, IReadOnlyList<string> actions, Rational[,] assistant, Rational[,] user,
        IReadOnlyList<Rational>? prior = null, IReadOnlyList<Rational>? cost = null, Rational price = default, Payer payer = Payer.User)
    {
        Preconditions.CheckNotNull(contexts);
        Preconditions.CheckNotNull(actions);
        Preconditions.CheckNotNull(assistant);
        Preconditions.CheckNotNull(user);
        Unique(contexts, nameof(contexts));
        Unique(actions, nameof(actions));
        int c = contexts.Count, a = actions.Count;
        foreach (var (m, name) in new[] { (assistant, nameof(assistant)), (user, nameof(user)) })
        {
            if (m.GetLength(0) != c || m.GetLength(1) != a)
            {
                Preconditions.ThrowArgument(name, $"{name} is {m.GetLength(0)}x{m.GetLength(1)}, expected {c}x{a} for {c} contexts and {a} actions.");
            }
        }
        Rational[]? exactPrior = null;
        if (prior is not null)
        {
            Preconditions.CheckLength(prior.Count, c, nameof(prior), "contexts");
            var sum = prior.Aggregate(Rational.Zero, (x, y) => x + y);
            if (prior.Any(q => q.Sign < 0) || Math.Abs((sum - Rational.One).ToDouble()) > Preconditions.MixtureSumTolerance)
            {
                Preconditions.ThrowArgument(nameof(prior), $"prior must be non-negative and sum to 1 (within 1e-9); it sums to {sum}.");
            }
            exactPrior = prior.Select(q => q / sum).ToArray();
        }
        if (cost is not null)
        {
            Preconditions.CheckLength(cost.Count, a, nameof(cost), "actions");
            for (int i = 0; i < a; i++)
            {
                if (cost[i].Sign < 0)
                {
                    Preconditions.ThrowArgument(nameof(cost), $"cost[{i}] = {cost[i]}; it must be >= 0.");
                }
            }
        }
        if (price.Sign < 0)
        {
            Preconditions.ThrowArgument(nameof(price), $"price = {price}; it must be >= 0.");
        }
        return new PayoffGame(contexts.ToArray(), actions.ToArray(), (Rational[,])assistant.Clone(), (Rational[,])user.Clone(), exactPrior,
            cost?.ToArray(), price, payer);
    }

    /// <summary>
    /// Creates a game from doubles, each taken at its exact binary value (0.1 is then 3602879701896397/2⁵⁵, not 1/10: read
    /// decimal payoffs from JSON, or pass <see cref="Rational"/>s, to keep decimal literals exact).
    /// </summary>
    /// <param name="contexts">At least one unique context name.</param>
    /// <param name="actions">At least one unique action name.</param>
    /// <param name="assistant">Assistant payoffs [context, action], finite.</param>
    /// <param name="user">User payoffs [context, action], finite.</param>
    /// <param name="prior">Non-negative, summing to 1 within 1e-9; null for uniform.</param>
    /// <param name="cost">Non-negative per action; null for none.</param>
    /// <param name="price">Price per unit of cost, ≥ 0.</param>
    /// <param name="payer">Who pays.</param>
    /// <exception cref="ArgumentException">A rule is broken (including a NaN or infinite value); the message names it.</exception>
    /// <exception cref="ArgumentNullException">A required argument is null.</exception>
    public static PayoffGame Create(IReadOnlyList<string> contexts, IReadOnlyList<string> actions, double[,] assistant, double[,] user,
        IReadOnlyList<double>? prior = null, IReadOnlyList<double>? cost = null, double price = 0, Payer payer = Payer.User)
    {
        Preconditions.CheckNotNull(assistant);
        Preconditions.CheckNotNull(user);
        return Create(contexts, actions, Exact(assistant, nameof(assistant)), Exact(user, nameof(user)),
            prior?.Select((v, i) => Exact(v, $"prior[{i}]")).ToArray(), cost?.Select((v, i) => Exact(v, $"cost[{i}]")).ToArray(),
            Exact(price, nameof(price)), payer);
    }

    private static Rational Exact(double value, string name) => Rational.FromDouble(Preconditions.CheckFinite(value, name));

    private static Rational[,] Exact(double[,] values, string name)
    {
        var r = new Rational[values.GetLength(0), values.GetLength(1)];
        for (int i = 0; i < values.GetLength(0); i++)
        {
            for (int j = 0; j < values.GetLength(1); j++)
            {
                r[i, j] = Exact(values[i, j], $"{name}[{i},{j}]");
            }
        }
        return r;
    }

    private static void Unique(IReadOnlyList<string> names, string parameter)
    {
        if (names.Count == 0 || names.Any(string.IsNullOrWhiteSpace) || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            Preconditions.ThrowArgument(parameter, $"{parameter} must be a non-empty list of unique, non-empty names.");
        }
    }

    private static readonly string[] SixKeys = ["DQ_DA", "DQ_CQ", "DQ_AQ", "VQ_DA", "VQ_CQ", "VQ_AQ"];

    /// <summary>
    /// Reads either the general form
    /// <c>{"contexts": [...], "actions": [...], "payoffs": {"DQ": {"DA": {"assistant": 3.1, "user": 3.5}, ...}, ...},
    /// "prior": {...}, "cost": {...}, "price": 0, "payer": "user"}</c> (prior, cost, price and payer optional), or the six-key
    /// block that reasoning-based assistants write, <c>{"DQ_DA": {"LLM": 3.1, "user": 3.5}, ...}</c> (contexts DQ, VQ; actions
    /// DA, CQ, AQ; "LLM" is the assistant's payoff).
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A label for error messages.</param>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ActiveAlignment.FiniteGames.FiniteGameFormatException">The text is malformed; the message names the missing or malformed key.</exception>
    public static PayoffGame Read(string json, string source = "payoffs")
    {
        Preconditions.CheckNotNull(json);
        using var document = JsonReading.Parse(json, source);
        var r = new JsonReading(source);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw r.Error("$", $"the document must be a JSON object, but is {JsonReading.Kind(root)}.");
        }
        bool sixKey = !root.TryGetProperty("payoffs", out _) && root.EnumerateObject().Any(p => p.Name.Contains('_', StringComparison.Ordinal));
        return sixKey ? ReadSixKey(root, r) : ReadGeneral(root, r);
    }

    private static PayoffGame ReadSixKey(JsonElement root, JsonReading r)
    {
        var obj = r.Object(root, "$", SixKeys);
        var assistant = new Rational[2, 3];
        var user = new Rational[2, 3];
        for (int i = 0; i < SixKeys.Length; i++)
        {
            string key = SixKeys[i];
            if (!obj.TryGetValue(key, out var cell))
            {
                throw r.Error(key, $"missing key \"{key}\"; the six-key block needs {string.Join(", ", SixKeys)}.");
            }
            var pair = r.Object(cell, key, ["LLM", "user"]);
            assistant[i / 3, i % 3] = ExactNumber(r, r.Required(pair, key, "LLM"), key + ".LLM");
            user[i / 3, i % 3] = ExactNumber(r, r.Required(pair, key, "user"), key + ".user");
        }
        return Create(["DQ", "VQ"], ["DA", "CQ", "AQ"], assistant, user);
    }

    private static PayoffGame ReadGeneral(JsonElement root, JsonReading r)
    {
        var obj = r.Object(root, "$", ["contexts", "actions", "payoffs", "prior", "cost", "price", "payer"]);
        var contexts = Names(r, r.Required(obj, "$", "contexts"), "contexts");
        var actions = Names(r, r.Required(obj, "$", "actions"), "actions");
        var payoffs = r.Object(r.Required(obj, "$", "payoffs"), "payoffs", contexts);
        var assistant = new Rational[contexts.Count, actions.Count];
        var user = new Rational[contexts.Count, actions.Count];
        for (int c = 0; c < contexts.Count; c++)
        {
            string cPath = $"payoffs.{contexts[c]}";
            var row = r.Object(r.Required(payoffs, "payoffs", contexts[c]), cPath, actions);
            for (int a = 0; a < actions.Count; a++)
            {
                string aPath = $"{cPath}.{actions[a]}";
                var pair = r.Object(r.Required(row, cPath, actions[a]), aPath, ["assistant", "user"]);
                assistant[c, a] = ExactNumber(r, r.Required(pair, aPath, "assistant"), aPath + ".assistant");
                user[c, a] = ExactNumber(r, r.Required(pair, aPath, "user"), aPath + ".user");
            }
        }
        Rational[]? prior = null;
        if (obj.TryGetValue("prior", out var p))
        {
            var map = r.Object(p, "prior", contexts);
            prior = contexts.Select(name => ExactNonNegative(r, r.Required(map, "prior", name), $"prior.{name}")).ToArray();
            var sum = prior.Aggregate(Rational.Zero, (x, y) => x + y);
            if (Math.Abs((sum - Rational.One).ToDouble()) > 1e-9)
            {
                throw r.Error("prior", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"prior sums to {sum.ToDouble():G12}; it must sum to 1 (within 1e-9)."));
            }
        }
        Rational[]? cost = null;
        if (obj.TryGetValue("cost", out var ce))
        {
            var map = r.Object(ce, "cost", actions);
            cost = actions.Select(name => ExactNonNegative(r, r.Required(map, "cost", name), $"cost.{name}")).ToArray();
        }
        Rational price = obj.TryGetValue("price", out var pe) ? ExactNonNegative(r, pe, "price") : Rational.Zero;
        var payer = Payer.User;
        if (obj.TryGetValue("payer", out var pa))
        {
            payer = r.String(pa, "payer") switch
            {
                "user" => Payer.User,
                "assistant" => Payer.Assistant,
                string other => throw r.Error("payer", $"payer is \"{other}\"; it must be \"user\" or \"assistant\"."),
            };
        }
        return Create(contexts, actions, assistant, user, prior, cost, price, payer);
    }

    /// <summary>A JSON number read exactly from its decimal literal (bounded digits and exponent).</summary>
    internal static Rational ExactNumber(JsonReading r, JsonElement element, string path)
    {
        string raw = r.RawNumber(element, path);
        return Rational.TryParse(raw, out var value, out string? error)
            ? value
            : throw r.Error(path, $"{path} = {JsonReading.Abbreviated(raw)} is refused: {error}.");
    }

    private static Rational ExactNonNegative(JsonReading r, JsonElement element, string path)
    {
        var value = ExactNumber(r, element, path);
        return value.Sign >= 0 ? value : throw r.Error(path, $"{path} = {value.ToDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; it must be a number >= 0.");
    }

    private static List<string> Names(JsonReading r, JsonElement element, string path)
    {
        r.Array(element, path, minimumLength: 1);
        var names = element.EnumerateArray().Select((e, i) => r.String(e, $"{path}[{i}]")).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Count; i++)
        {
            if (!seen.Add(names[i]))
            {
                throw r.Error($"{path}[{i}]", $"{path}[{i}] \"{names[i]}\" repeats an earlier name; names must be unique.");
            }
        }
        return names;
    }
}

using System.Text.Json;
using ActiveAlignment.Numerics.Exact;

namespace ActiveAlignment.TestTimeScaling;

/// <summary>A user type: a weight ρᵤ &gt; 0 and a strict ranking of the responses, best first (docs/finite-games.md#test-time-scaling).</summary>
/// <param name="Weight">ρᵤ as a double.</param>
/// <param name="ExactWeight">ρᵤ exactly (the decimal literal of the file, or the double given).</param>
/// <param name="Ranking">Response indices, best first.</param>
public sealed record UserType(double Weight, Rational ExactWeight, IReadOnlyList<int> Ranking);

/// <summary>
/// Responses Y = {y₁..y_m} (named) and user types u with weights ρᵤ (Σρᵤ = 1 within 1e-9) and strict rankings (docs/finite-games.md#test-time-scaling).
/// Reads the population file:
/// <code>{ "responses": ["concise", "detailed", "clarify"],
///   "users": [ { "weight": 0.4, "ranking": ["concise", "detailed", "clarify"] }, ... ] }</code>
/// </summary>
public sealed class UserPopulation
{
    private readonly int[][] _position; // _position[u][y]: 0 = best

    private UserPopulation(IReadOnlyList<string> responses, IReadOnlyList<UserType> users)
    {
        Responses = responses;
        Users = users;
        _position = users.Select(u =>
        {
            var pos = new int[responses.Count];
            for (int r = 0; r < u.Ranking.Count; r++)
            {
                pos[u.Ranking[r]] = r;
            }
            return pos;
        }).ToArray();
        int m = responses.Count;
        _worstFirst = new int[users.Count * m];
        _weights = new double[users.Count];
        for (int u = 0; u < users.Count; u++)
        {
            _weights[u] = users[u].Weight;
            for (int r = 0; r < m; r++)
            {
                _worstFirst[(u * m) + r] = users[u].Ranking[m - 1 - r];
            }
        }
    }

    private readonly int[] _worstFirst; // user u's ranking from the worst response up, at [u·m, (u+1)·m)
    private readonly double[] _weights;

    /// <summary>Every ranking, worst response first, one user after another (U × m): the k-sample shares' walk order.</summary>
    internal ReadOnlySpan<int> RankingsWorstFirst => _worstFirst;

    /// <summary>ρᵤ as doubles.</summary>
    internal ReadOnlySpan<double> Weights => _weights;

    /// <summary>The response names.</summary>
    public IReadOnlyList<string> Responses { get; }

    /// <summary>m, the number of responses.</summary>
    public int Count => Responses.Count;

    /// <summary>The user types.</summary>
    public IReadOnlyList<UserType> Users { get; }

    /// <summary>A one-line summary: the number of responses and user types.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"UserPopulation({Count} responses, {Users.Count} user types)";

    /// <summary>True when user type <paramref name="user"/> ranks response <paramref name="a"/> above <paramref name="b"/>.</summary>
    /// <param name="user">A user type index.</param>
    /// <param name="a">A response index.</param>
    /// <param name="b">A response index.</param>
    public bool Prefers(int user, int a, int b) => _position[user][a] < _position[user][b];

    internal int[][] Positions => _position;

    /// <summary>P(a ≻ b) = Σᵤ ρᵤ [u ranks a above b], exactly (weights normalised to sum to exactly 1).</summary>
    /// <param name="a">A response index.</param>
    /// <param name="b">A response index.</param>
    public Rational PairwisePreference(int a, int b)
    {
        Rational total = Users.Aggregate(Rational.Zero, (s, u) => s + u.ExactWeight);
        Rational p = Rational.Zero;
        for (int u = 0; u < Users.Count; u++)
        {
            if (Prefers(u, a, b))
            {
                p += Users[u].ExactWeight;
            }
        }
        return p / total;
    }

    /// <summary>The index of the response called <paramref name="name"/>.</summary>
    /// <param name="name">A response name.</param>
    /// <exception cref="KeyNotFoundException">No response has that name.</exception>
    public int IndexOf(string name)
    {
        int i = Responses.ToList().IndexOf(name);
        return i >= 0 ? i : throw new KeyNotFoundException($"No response is called \"{name}\"; the responses are: {string.Join(", ", Responses)}.");
    }

    /// <summary>Creates and validates a population.</summary>
    /// <param name="responses">At least two unique, non-empty names.</param>
    /// <param name="users">At least one user type: weight &gt; 0, ranking a permutation of the response names (best first).</param>
    /// <returns>The population.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A rule is broken; the message names users[i] and the rule.</exception>
    public static UserPopulation Create(IReadOnlyList<string> responses, IReadOnlyList<(double Weight, IReadOnlyList<string> Ranking)> users)
    {
        Preconditions.CheckNotNull(responses);
        Preconditions.CheckNotNull(users);
        var types = new List<UserType>();
        var index = CheckResponses(responses, (path, message) => Preconditions.ThrowArgument(nameof(responses), message));
        for (int u = 0; u < users.Count; u++)
        {
            var (weight, ranking) = users[u];
            if (!double.IsFinite(weight) || weight <= 0)
            {
                Preconditions.ThrowArgument(nameof(users), $"users[{u}].weight = {Preconditions.Format(weight)}; a weight must be a finite number > 0.");
            }
            types.Add(new UserType(weight, Rational.FromDouble(weight), CheckRanking(ranking, index, $"users[{u}].ranking",
                (path, message) => Preconditions.ThrowArgument(nameof(users), message))));
        }
        CheckWeights(types, message => Preconditions.ThrowArgument(nameof(users), message));
        return new UserPopulation(responses.ToArray(), types);
    }

    /// <summary>Reads a population file.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">A label for error messages, usually the file name.</param>
    /// <returns>The validated population.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ActiveAlignment.FiniteGames.FiniteGameFormatException">The text is not a valid population; the message names the JSON path.</exception>
    public static UserPopulation Read(string json, string source = "population")
    {
        Preconditions.CheckNotNull(json);
        using var document = JsonReading.Parse(json, source);
        var r = new JsonReading(source);
        var obj = r.Object(document.RootElement, "$", ["responses", "users"]);
        var responsesElement = r.Array(r.Required(obj, "$", "responses"), "responses", minimumLength: 2);
        var responses = responsesElement.EnumerateArray().Select((e, i) => r.String(e, $"responses[{i}]")).ToList();
        var index = CheckResponses(responses, (path, message) => throw r.Error(path, message));
        var usersElement = r.Array(r.Required(obj, "$", "users"), "users", minimumLength: 1);
        var types = new List<UserType>();
        int u = 0;
        foreach (var element in usersElement.EnumerateArray())
        {
            string path = $"users[{u}]";
            var user = r.Object(element, path, ["weight", "ranking"]);
            var weightElement = r.Required(user, path, "weight");
            double weight = r.Number(weightElement, path + ".weight");
            if (weight <= 0)
            {
                throw r.Error(path + ".weight", $"{path}.weight = {JsonReading.Format(weight)}; a weight must be > 0.");
            }
            if (!Rational.TryParse(weightElement.GetRawText(), out var exact))
            {
                exact = Rational.FromDouble(weight);
            }
            var rankingElement = r.Array(r.Required(user, path, "ranking"), path + ".ranking");
            var ranking = rankingElement.EnumerateArray().Select((e, i) => r.String(e, $"{path}.ranking[{i}]")).ToList();
            types.Add(new UserType(weight, exact, CheckRanking(ranking, index, path + ".ranking", (p, message) => throw r.Error(p, message))));
            u++;
        }
        CheckWeights(types, message => throw r.Error("users", message));
        return new UserPopulation(responses, types);
    }

    private static Dictionary<string, int> CheckResponses(IReadOnlyList<string> responses, Action<string, string> fail)
    {
        if (responses.Count < 2)
        {
            fail("responses", $"responses has {responses.Count} entries; it needs at least 2.");
        }
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < responses.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(responses[i]))
            {
                fail($"responses[{i}]", $"responses[{i}] is empty; every response needs a non-empty name.");
            }
            if (!index.TryAdd(responses[i], i))
            {
                fail($"responses[{i}]", $"responses[{i}] \"{responses[i]}\" repeats responses[{index[responses[i]]}]; names must be unique.");
            }
        }
        return index;
    }

    private static int[] CheckRanking(IReadOnlyList<string> ranking, Dictionary<string, int> index, string path, Action<string, string> fail)
    {
        var result = new int[ranking.Count];
        var seen = new HashSet<int>();
        for (int i = 0; i < ranking.Count; i++)
        {
            if (!index.TryGetValue(ranking[i], out int y))
            {
                fail($"{path}[{i}]", $"{path}[{i}] \"{ranking[i]}\" is not a response; the responses are: {string.Join(", ", index.Keys)}.");
            }
            if (!seen.Add(y))
            {
                fail($"{path}[{i}]", $"{path}[{i}] \"{ranking[i]}\" appears twice; a ranking lists every response exactly once.");
            }
            result[i] = y;
        }
        if (result.Length != index.Count)
        {
            string missing = index.Keys.First(name => !seen.Contains(index[name]));
            fail(path, $"{path} has {result.Length} of the {index.Count} responses (\"{missing}\" is missing); a ranking lists every response exactly once.");
        }
        return result;
    }

    private static void CheckWeights(List<UserType> types, Action<string> fail)
    {
        double sum = types.Sum(t => t.Weight);
        if (Math.Abs(sum - 1.0) > ActiveAlignment.Internal.Preconditions.MixtureSumTolerance)
        {
            fail(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the user weights sum to {sum:G12}; they must sum to 1 (within 1e-9)."));
        }
    }
}

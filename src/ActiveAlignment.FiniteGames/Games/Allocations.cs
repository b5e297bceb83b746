
namespace ActiveAlignment.Games;

/// <summary>Items, each with a count of indivisible units, to be split between two parties (docs/finite-games.md#two-player-games).</summary>
public sealed class AllocationProblem
{
    private AllocationProblem(IReadOnlyList<string> items, IReadOnlyList<int> counts)
    {
        Items = items;
        Counts = counts;
    }

    /// <summary>The item names.</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Units of each item.</summary>
    public IReadOnlyList<int> Counts { get; }

    /// <summary>Creates a problem.</summary>
    /// <param name="items">Unique, non-empty names.</param>
    /// <param name="counts">Units per item, each ≥ 0; at most 10⁶ allocations in all.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, a count is negative, a name repeats, or there are too many allocations.</exception>
    public static AllocationProblem Create(IReadOnlyList<string> items, IReadOnlyList<int> counts)
    {
        Preconditions.CheckNotNull(items);
        Preconditions.CheckNotNull(counts);
        Preconditions.CheckLength(counts.Count, items.Count, nameof(counts), "items");
        if (items.Distinct(StringComparer.Ordinal).Count() != items.Count || items.Any(string.IsNullOrWhiteSpace))
        {
            Preconditions.ThrowArgument(nameof(items), "item names must be unique and non-empty.");
        }
        double total = 1;
        for (int i = 0; i < counts.Count; i++)
        {
            if (counts[i] < 0)
            {
                Preconditions.ThrowArgument(nameof(counts), $"counts[{i}] = {counts[i]}; a count must be >= 0.");
            }
            total *= counts[i] + 1;
        }
        if (total > 1e6)
        {
            Preconditions.ThrowArgument(nameof(counts), $"there are {total:G3} allocations; at most 10^6 are enumerated.");
        }
        return new AllocationProblem(items.ToArray(), counts.ToArray());
    }

    /// <summary>Every allocation, as the units the first party gets (the second gets the rest).</summary>
    public IEnumerable<int[]> All()
    {
        var current = new int[Counts.Count];
        while (true)
        {
            yield return (int[])current.Clone();
            int i = Counts.Count - 1;
            while (i >= 0 && ++current[i] > Counts[i])
            {
                current[i] = 0;
                i--;
            }
            if (i < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>The other party's share of an allocation.</summary>
    /// <param name="first">Units the first party gets.</param>
    public int[] Complement(IReadOnlyList<int> first) => Counts.Select((c, i) => c - first[i]).ToArray();

    /// <summary>Σᵢ vᵢ·unitsᵢ: an additive valuation of a bundle.</summary>
    /// <param name="valuation">Per-unit values.</param>
    /// <param name="bundle">Units per item.</param>
    public static long Value(IReadOnlyList<int> valuation, IReadOnlyList<int> bundle)
    {
        long v = 0;
        for (int i = 0; i < bundle.Count; i++)
        {
            v += (long)valuation[i] * bundle[i];
        }
        return v;
    }
    /// <summary>A one-line summary: the items and their counts.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => $"AllocationProblem({string.Join(", ", Items.Zip(Counts, (i, c) => $"{c} {i}"))})";
}

/// <summary>Pareto-optimal and envy-free allocations, and the valuations consistent with a party's proposals.</summary>
public static class AllocationAnalysis
{
    /// <summary>Allocations that no other allocation weakly improves for both parties and strictly for one.</summary>
    /// <param name="problem">The items.</param>
    /// <param name="first">The first party's per-unit values (non-negative integers).</param>
    /// <param name="second">The second party's.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A valuation has the wrong length or a negative value.</exception>
    public static IReadOnlyList<int[]> ParetoOptimal(AllocationProblem problem, IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        Check(problem, first, nameof(first));
        Check(problem, second, nameof(second));
        var points = problem.All().Select(a => (Allocation: a, A: AllocationProblem.Value(first, a), B: AllocationProblem.Value(second, problem.Complement(a)))).ToList();
        return points.Where(p => !points.Any(q => q.A >= p.A && q.B >= p.B && (q.A > p.A || q.B > p.B))).Select(p => p.Allocation).ToList();
    }

    /// <summary>Allocations in which neither party values the other's bundle above its own.</summary>
    /// <param name="problem">The items.</param>
    /// <param name="first">The first party's per-unit values.</param>
    /// <param name="second">The second party's.</param>
    /// <exception cref="ArgumentException">A valuation has the wrong length or a negative value.</exception>
    public static IReadOnlyList<int[]> EnvyFree(AllocationProblem problem, IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        Check(problem, first, nameof(first));
        Check(problem, second, nameof(second));
        return problem.All().Where(a =>
        {
            var b = problem.Complement(a);
            return AllocationProblem.Value(first, a) >= AllocationProblem.Value(first, b) && AllocationProblem.Value(second, b) >= AllocationProblem.Value(second, a);
        }).ToList();
    }

    /// <summary>
    /// The other party's valuations consistent with its proposals: every non-negative integer valuation v with
    /// Σᵢ countᵢ·vᵢ = <paramref name="total"/> under which no proposal leaves the proposer envious (it values its own share
    /// at least as much as ours).
    /// </summary>
    /// <param name="problem">The items.</param>
    /// <param name="proposals">Allocations the other party proposed, each as the units it offered us (it keeps the rest).</param>
    /// <param name="total">The value every valuation gives the whole set of items (e.g. 10).</param>
    /// <param name="budget">The most candidate valuations examined (≥ 1); beyond it the search stops.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A proposal does not fit the counts, the total is negative, or the budget is below 1.</exception>
    /// <exception cref="InvalidOperationException">The search exceeded <paramref name="budget"/>.</exception>
    public static IReadOnlyList<int[]> ConsistentValuations(AllocationProblem problem, IReadOnlyList<IReadOnlyList<int>> proposals, int total,
        int budget = 1_000_000)
    {
        Preconditions.CheckAtLeast(budget, 1, nameof(budget));
        long visited = 0;
        Preconditions.CheckNotNull(problem);
        Preconditions.CheckNotNull(proposals);
        Preconditions.CheckAtLeast(total, 0, nameof(total));
        for (int p = 0; p < proposals.Count; p++)
        {
            var offer = proposals[p];
            if (offer.Count != problem.Counts.Count || offer.Where((u, i) => u < 0 || u > problem.Counts[i]).Any())
            {
                Preconditions.ThrowArgument(nameof(proposals), $"proposals[{p}] does not fit the item counts ({string.Join(", ", problem.Counts)}).");
            }
        }
        var result = new List<int[]>();
        var v = new int[problem.Counts.Count];
        void Enumerate(int item, int remaining)
        {
            if (++visited > budget)
            {
                throw new InvalidOperationException($"the search for consistent valuations exceeded the budget of {budget} candidates.");
            }
            if (item == v.Length)
            {
                if (remaining == 0 && proposals.All(offer => AllocationProblem.Value(v, problem.Complement(offer)) >= AllocationProblem.Value(v, offer)))
                {
                    result.Add((int[])v.Clone());
                }
                return;
            }
            int count = problem.Counts[item];
            for (int value = 0; count == 0 ? value == 0 : value * count <= remaining; value++)
            {
                v[item] = value;
                Enumerate(item + 1, remaining - (value * count));
            }
            v[item] = 0;
        }
        Enumerate(0, total);
        return result;
    }

    private static void Check(AllocationProblem problem, IReadOnlyList<int> valuation, string name)
    {
        Preconditions.CheckNotNull(problem);
        Preconditions.CheckNotNull(valuation);
        Preconditions.CheckLength(valuation.Count, problem.Counts.Count, name, "items");
        if (valuation.Any(x => x < 0))
        {
            Preconditions.ThrowArgument(name, $"{name} has a negative value; per-unit values must be >= 0.");
        }
    }
}

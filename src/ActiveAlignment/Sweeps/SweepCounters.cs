using ActiveAlignment.Internal;

namespace ActiveAlignment.Sweeps;

/// <summary>
/// The exact integer counts of a sweep or of one shard of it (<see cref="SweepPartial.Counters"/>): how many grid points had
/// each closed-form status, how many interior points excluded each group (and any group), the same at the boundary points
/// solved by the active-set method, and at the interior points that are stable for learning agents. Counters of shards add
/// up to the counters of the whole sweep (<see cref="Sum"/>); the figures of <see cref="ExclusionSummary"/> are ratios of them.
/// </summary>
public sealed class SweepCounters : IEquatable<SweepCounters>
{
    private readonly long[] _values;

    private SweepCounters(int groups, long[] values)
    {
        Groups = groups;
        _values = values;
        Excluded = Slice(0, groups);
        BoundaryExcluded = Slice(Layout.Boundary(groups), groups);
        StableExcluded = Slice(Layout.Stability(groups), groups);
    }

    /// <summary>K, the number of groups counted.</summary>
    public int Groups { get; }

    /// <summary>Interior points at which each group's weight is below τ (K counts, in the game's group order).</summary>
    public IReadOnlyList<long> Excluded { get; }

    /// <summary>Interior points at which some group is excluded.</summary>
    public long AnyExcluded => _values[Layout.Any(Groups)];

    /// <summary>Points with an interior equilibrium.</summary>
    public long Interior => _values[Layout.Interior(Groups)];

    /// <summary>Points whose closed form lies outside the simplex (no interior equilibrium).</summary>
    public long NoInterior => _values[Layout.NoInterior(Groups)];

    /// <summary>Points whose stationarity system is singular.</summary>
    public long Singular => _values[Layout.Singular(Groups)];

    /// <summary>Points where own concavity fails.</summary>
    public long NotConcave => _values[Layout.NotConcave(Groups)];

    /// <summary>Boundary points (no interior equilibrium, or singular) at which each group is excluded; zero unless boundary-aware.</summary>
    public IReadOnlyList<long> BoundaryExcluded { get; }

    /// <summary>Boundary points at which some group is excluded.</summary>
    public long BoundaryAnyExcluded => _values[Layout.BoundaryAny(Groups)];

    /// <summary>Boundary points solved (every point without an interior equilibrium, when boundary-aware).</summary>
    public long BoundarySolved => _values[Layout.BoundarySolved(Groups)];

    /// <summary>Boundary points whose solve did not reach a verified KKT point.</summary>
    public long BoundaryUnverified => _values[Layout.BoundaryUnverified(Groups)];

    /// <summary>Stable interior points (for learning agents, docs/model.md) at which each group is excluded.</summary>
    public IReadOnlyList<long> StableExcluded { get; }

    /// <summary>Stable interior points at which some group is excluded.</summary>
    public long StableAnyExcluded => _values[Layout.StableAny(Groups)];

    /// <summary>Interior points proved unstable.</summary>
    public long Unstable => _values[Layout.Unstable(Groups)];

    /// <summary>Interior points proved stable.</summary>
    public long Stable => _values[Layout.Stable(Groups)];

    /// <summary>
    /// The counters as one list, in the order partial sweep files store them (docs/pipelines.md): <see cref="Excluded"/>,
    /// <see cref="AnyExcluded"/>, <see cref="Interior"/>, <see cref="NoInterior"/>, <see cref="Singular"/>,
    /// <see cref="NotConcave"/>, <see cref="BoundaryExcluded"/>, <see cref="BoundaryAnyExcluded"/>, <see cref="BoundarySolved"/>,
    /// <see cref="BoundaryUnverified"/>, <see cref="StableExcluded"/>, <see cref="StableAnyExcluded"/>, <see cref="Unstable"/>,
    /// <see cref="Stable"/>: 3K + 11 numbers.
    /// </summary>
    /// <returns>A copy.</returns>
    public IReadOnlyList<long> ToList() => Array.AsReadOnly(_values.ToArray());

    /// <summary>
    /// Reads counters in the order of <see cref="ToList"/>. Only the length is checked here; <see cref="SweepPartial.Create"/>
    /// checks every invariant against the shard's points (docs/pipelines.md#what-merge-checks).
    /// </summary>
    /// <param name="groups">K ≥ 1.</param>
    /// <param name="values">3K + 11 counts.</param>
    /// <returns>The counters.</returns>
    /// <exception cref="ArgumentException">The length is not 3K + 11.</exception>
    public static SweepCounters FromList(int groups, IReadOnlyList<long> values)
    {
        Preconditions.CheckAtLeast(groups, 1, nameof(groups));
        Preconditions.CheckNotNull(values);
        Preconditions.CheckLength(values.Count, Layout.Width(groups), nameof(values), "counters for this number of groups");
        return new SweepCounters(groups, values.ToArray());
    }

    /// <summary>The counters of several shards of one sweep added up.</summary>
    /// <param name="parts">Counters of the same number of groups; at least one.</param>
    /// <returns>The sums.</returns>
    /// <exception cref="ArgumentException">No parts, or parts of different numbers of groups.</exception>
    public static SweepCounters Sum(IEnumerable<SweepCounters> parts)
    {
        Preconditions.CheckNotNull(parts);
        long[]? totals = null;
        int groups = 0;
        foreach (var part in parts)
        {
            Preconditions.CheckNotNull(part);
            if (totals is null)
            {
                groups = part.Groups;
                totals = new long[part._values.Length];
            }
            else if (part.Groups != groups)
            {
                Preconditions.ThrowArgument(nameof(parts), $"counters of {part.Groups} and of {groups} groups cannot be added.");
            }
            for (int c = 0; c < totals.Length; c++)
            {
                totals[c] = checked(totals[c] + part._values[c]);
            }
        }
        return totals is null ? throw new ArgumentException("no counters to add.", nameof(parts)) : new SweepCounters(groups, totals);
    }

    /// <summary>Wraps a sweep's own array (not copied: the sweep hands it over).</summary>
    internal static SweepCounters Wrap(int groups, long[] values) => new(groups, values);

    /// <summary>The first invariant of docs/pipelines.md#what-merge-checks that the counters of <paramref name="points"/> grid
    /// points break, or null.</summary>
    internal string? Inconsistency(long points, bool boundaryAware)
    {
        for (int c = 0; c < _values.Length; c++)
        {
            if (_values[c] < 0 || _values[c] > points)
            {
                return $"counter {c} is {_values[c]}, outside [0, {points}] (the shard's points)";
            }
        }
        if (Interior + NoInterior + Singular + NotConcave != points)
        {
            return $"interior {Interior} + no interior {NoInterior} + singular {Singular} + not concave {NotConcave} is not the shard's {points} points";
        }
        if (Exclusions(Excluded, AnyExcluded, Interior, "interior points") is { } interiorError)
        {
            return interiorError;
        }
        if (!boundaryAware)
        {
            for (int c = Layout.Boundary(Groups); c < Layout.Stability(Groups); c++)
            {
                if (_values[c] != 0)
                {
                    return $"boundary counter {c} is {_values[c]} in a sweep that did not solve boundary points";
                }
            }
        }
        else if (BoundarySolved != NoInterior + Singular)
        {
            return $"{BoundarySolved} boundary points solved, but {NoInterior + Singular} points have no interior equilibrium or a singular system";
        }
        if (BoundaryUnverified > BoundarySolved)
        {
            return $"{BoundaryUnverified} boundary points unverified of {BoundarySolved} solved";
        }
        if (Exclusions(BoundaryExcluded, BoundaryAnyExcluded, BoundarySolved, "boundary points") is { } boundaryError)
        {
            return boundaryError;
        }
        if (Unstable + Stable > Interior)
        {
            return $"{Unstable} unstable + {Stable} stable points exceed the {Interior} interior points";
        }
        for (int g = 0; g <= Groups; g++)
        {
            long stable = g == Groups ? StableAnyExcluded : StableExcluded[g], interior = g == Groups ? AnyExcluded : Excluded[g];
            if (stable > interior)
            {
                return $"{(g == Groups ? "\"any group\"" : $"group {g}")} is excluded at {stable} stable points but at {interior} interior points";
            }
        }
        return Exclusions(StableExcluded, StableAnyExcluded, Stable, "stable interior points");
    }

    /// <summary>Each group's count ≤ the points there are; "any group" between the largest count and the capped sum.</summary>
    private static string? Exclusions(IReadOnlyList<long> perGroup, long any, long within, string where)
    {
        long max = 0, sum = 0;
        for (int g = 0; g < perGroup.Count; g++)
        {
            if (perGroup[g] > within)
            {
                return $"group {g} is excluded at {perGroup[g]} {where}, more than the {within} there are";
            }
            max = Math.Max(max, perGroup[g]);
            sum += perGroup[g];
        }
        return any < max || any > Math.Min(sum, within)
            ? $"\"any group\" is excluded at {any} {where}, outside [{max}, {Math.Min(sum, within)}] (the largest group's count, and the sum capped by the points)"
            : null;
    }

    private System.Collections.ObjectModel.ReadOnlyCollection<long> Slice(int start, int count) => Array.AsReadOnly(_values[start..(start + count)]);

    /// <inheritdoc/>
    public bool Equals(SweepCounters? other) => other is not null && other.Groups == Groups && other._values.AsSpan().SequenceEqual(_values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SweepCounters);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long v in _values)
        {
            hash.Add(v);
        }
        return hash.ToHashCode();
    }

    /// <summary>The status counts, e.g. <c>SweepCounters(K = 3: 812 interior, 188 no interior, 0 singular, 0 not concave; any group excluded at 95)</c>.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"SweepCounters(K = {Groups}: {Interior} interior, {NoInterior} no interior, {Singular} singular, {NotConcave} not concave; any group excluded at {AnyExcluded}{(BoundarySolved > 0 ? $", {BoundarySolved} boundary points solved" : "")})");

    /// <summary>Where each count sits in a sweep row's counters (the hot loops count into a flat span in this layout).</summary>
    internal static class Layout
    {
        public static int Width(int k) => (3 * k) + 11;

        public static int Any(int k) => k;

        public static int Interior(int k) => k + 1;

        public static int NoInterior(int k) => k + 2;

        public static int Singular(int k) => k + 3;

        public static int NotConcave(int k) => k + 4;

        public static int Boundary(int k) => k + 5;

        public static int BoundaryAny(int k) => (2 * k) + 5;

        public static int BoundarySolved(int k) => (2 * k) + 6;

        public static int BoundaryUnverified(int k) => (2 * k) + 7;

        public static int Stability(int k) => (2 * k) + 8;

        public static int StableAny(int k) => (3 * k) + 8;

        public static int Unstable(int k) => (3 * k) + 9;

        public static int Stable(int k) => (3 * k) + 10;
    }
}

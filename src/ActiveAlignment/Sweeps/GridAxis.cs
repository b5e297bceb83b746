using System.Globalization;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Sweeps;

/// <summary>
/// One axis of a sweep: a coefficient and <c>count</c> evenly spaced values from <c>start</c> to <c>stop</c>, both inclusive
/// (docs/model.md#exclusion).
/// </summary>
public sealed record GridAxis
{
    private GridAxis(CoefficientAxis axis, double start, double stop, int count)
    {
        Axis = axis;
        Start = start;
        Stop = stop;
        Count = count;
    }

    /// <summary>The most values an axis may have: 1,000,000.</summary>
    public const int MaxCount = 1_000_000;

    /// <summary>Creates an axis.</summary>
    /// <param name="axis">The coefficient that varies.</param>
    /// <param name="start">First value, finite and ≥ 0 (coefficients are non-negative).</param>
    /// <param name="stop">Last value, finite and ≥ <paramref name="start"/>.</param>
    /// <param name="count">Number of values, in [1, <see cref="MaxCount"/>] (with 1, start and stop must be equal: the one value).</param>
    /// <exception cref="ArgumentException">A bound is negative or not finite, stop &lt; start, count outside [1, <see cref="MaxCount"/>], or
    /// count = 1 with stop ≠ start.</exception>
    public static GridAxis Create(CoefficientAxis axis, double start, double stop, int count)
    {
        if (!Enum.IsDefined(axis))
        {
            Preconditions.ThrowArgument(nameof(axis), "axis must be attractiveness, consistency or diversity.");
        }
        Preconditions.CheckNonNegative(start, nameof(start));
        Preconditions.CheckNonNegative(stop, nameof(stop));
        if (stop < start)
        {
            Preconditions.ThrowArgument(nameof(stop), $"stop ({Preconditions.Format(stop)}) is before start ({Preconditions.Format(start)}); an axis runs from start up to stop.");
        }
        Preconditions.CheckAtLeast(count, 1, nameof(count));
        if (count > MaxCount)
        {
            Preconditions.ThrowArgument(nameof(count), string.Create(CultureInfo.InvariantCulture,
                $"count is {count}; an axis has at most {MaxCount:N0} values (a million by a million is already 10^12 points)."));
        }
        if (count == 1 && stop != start)
        {
            Preconditions.ThrowArgument(nameof(count), $"count is 1 but start ({Preconditions.Format(start)}) and stop ({Preconditions.Format(stop)}) differ; a one-point axis is START:START:1, or give a count of at least 2.");
        }
        return new GridAxis(axis, start, stop, count);
    }

    /// <summary>Parses <c>NAME=START:STOP:COUNT</c>, NAME one of attractiveness, consistency, diversity (case-insensitive).</summary>
    /// <param name="text">The specification, e.g. <c>diversity=0:2:101</c>.</param>
    /// <returns>The axis.</returns>
    /// <exception cref="FormatException">The text is malformed or breaks a rule of <see cref="Create"/>; the message says which.</exception>
    public static GridAxis Parse(string text)
    {
        Preconditions.CheckNotNull(text);
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            throw new FormatException($"'{text}' is not of the form NAME=START:STOP:COUNT (e.g. diversity=0:2:101).");
        }
        string name = text[..eq].Trim();
        if (!TryParseAxis(name, out var axis))
        {
            throw new FormatException($"'{name}' is not a coefficient; use attractiveness, consistency or diversity.");
        }
        string[] parts = text[(eq + 1)..].Split(':');
        if (parts.Length != 3
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double start)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double stop)
            || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int count))
        {
            throw new FormatException($"'{text}' is not of the form NAME=START:STOP:COUNT with numbers START, STOP and an integer COUNT.");
        }
        foreach (var (literal, value, what) in new[] { (parts[0], start, "start"), (parts[1], stop, "stop") })
        {
            if (NumberText.Underflows(literal, value))
            {
                throw new FormatException($"'{text}': {what} {literal.Trim()} is not zero but underflows to 0 (the smallest double is 4.9e-324); write 0 for zero.");
            }
        }
        try
        {
            return Create(axis, start, stop, count);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"'{text}': {e.Message.Split(" (Parameter", 2)[0]}", e);
        }
    }

    /// <summary>Parses a coefficient name (attractiveness, consistency, diversity; case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="axis">The coefficient.</param>
    /// <returns>True when the name is known.</returns>
    public static bool TryParseAxis(string name, out CoefficientAxis axis)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "attractiveness":
                axis = CoefficientAxis.Attractiveness;
                return true;
            case "consistency":
                axis = CoefficientAxis.Consistency;
                return true;
            case "diversity":
                axis = CoefficientAxis.Diversity;
                return true;
            default:
                axis = default;
                return false;
        }
    }

    /// <summary>The coefficient that varies.</summary>
    public CoefficientAxis Axis { get; }

    /// <summary>The first value.</summary>
    public double Start { get; }

    /// <summary>The last value.</summary>
    public double Stop { get; }

    /// <summary>The number of values.</summary>
    public int Count { get; }

    /// <summary>The axis name in lower case (attractiveness, consistency, diversity).</summary>
    public string Name => Axis.ToString().ToLowerInvariant();

    /// <summary>The i-th value: start + (stop − start)·i/(count − 1); exactly start at i = 0 and stop at i = count − 1.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the axis.</exception>
    public double ValueAt(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {Count - 1}].");
        }
        if (Count == 1 || index == 0)
        {
            return Start;
        }
        return index == Count - 1 ? Stop : Start + ((Stop - Start) * index / (Count - 1));
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}={Start:R}:{Stop:R}:{Count}");
}

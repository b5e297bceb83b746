namespace ActiveAlignment.Numerics;

/// <summary>Exact Euclidean projection onto the probability simplex Δ = {x ≥ 0, Σx = 1} (docs/model.md#boundary).</summary>
public static class SimplexProjection
{
    /// <summary>
    /// Writes Π_Δ(<paramref name="point"/>) into <paramref name="destination"/>: the sort-based O(K log K)
    /// algorithm (Held, Wolfe and Crowder 1974; Duchi et al. 2008). θ is chosen so that Σ max(xₖ − θ, 0) = 1.
    /// </summary>
    /// <param name="point">The point to project (finite entries; a NaN propagates to every output).</param>
    /// <param name="destination">Receives the projection; same length as <paramref name="point"/>; may alias it.</param>
    /// <param name="scratch">Work space of at least the same length, not aliasing the other two.</param>
    /// <exception cref="ArgumentException">The lengths differ, the point is empty, scratch is too short, or an entry is
    /// infinite (the projection would not be a point of the simplex; the message names the entry).</exception>
    public static void Project(ReadOnlySpan<double> point, Span<double> destination, Span<double> scratch)
    {
        int n = point.Length;
        if (n == 0 || destination.Length != n || scratch.Length < n)
        {
            throw new ArgumentException($"point has length {point.Length}, destination {destination.Length}, scratch {scratch.Length}: point must be non-empty, destination the same length and scratch at least as long.");
        }
        for (int k = 0; k < n; k++)
        {
            if (double.IsInfinity(point[k]))
            {
                throw new ArgumentException($"point[{k}] = {(point[k] > 0 ? "+" : "-")}∞: the projection onto the simplex needs finite entries.", nameof(point));
            }
        }
        Span<double> sorted = scratch[..n];
        point.CopyTo(sorted);
        sorted.Sort();
        double cumulative = 0;
        double theta = 0;
        for (int j = 0; j < n; j++)
        {
            // walk the sorted values from the largest down
            double u = sorted[n - 1 - j];
            cumulative += u;
            double candidate = (cumulative - 1.0) / (j + 1);
            if (u - candidate > 0)
            {
                theta = candidate;
            }
        }
        for (int k = 0; k < n; k++)
        {
            double x = point[k] - theta;
            destination[k] = x > 0 ? x : 0.0;
        }
    }

    /// <summary>Allocating convenience overload of <see cref="Project(ReadOnlySpan{double}, Span{double}, Span{double})"/>.</summary>
    /// <param name="point">The point to project.</param>
    /// <returns>A new array holding Π_Δ(point).</returns>
    /// <exception cref="ArgumentException">The point is empty or has an infinite entry.</exception>
    public static double[] Project(ReadOnlySpan<double> point)
    {
        var result = new double[point.Length];
        Project(point, result, new double[point.Length]);
        return result;
    }
}

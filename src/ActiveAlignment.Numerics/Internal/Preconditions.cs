using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace ActiveAlignment.Internal;

/// <summary>Argument checks that name the parameter and the valid range, and reject NaN and ±Inf.</summary>
internal static class Preconditions
{
    internal static T CheckNotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
        => value ?? throw new ArgumentNullException(paramName);

    internal static double CheckFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            ThrowArgument(paramName, $"{paramName} must be a finite number, but was {Format(value)}.");
        }
        return value;
    }

    internal static double CheckNonNegative(double value, string paramName)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            ThrowArgument(paramName, $"{paramName} must be a finite number >= 0, but was {Format(value)}.");
        }
        return value;
    }

    internal static double CheckOpenUnitInterval(double value, string paramName)
    {
        if (!double.IsFinite(value) || value <= 0 || value >= 1)
        {
            ThrowArgument(paramName, $"{paramName} must lie in the open interval (0, 1), but was {Format(value)}.");
        }
        return value;
    }

    internal static int CheckAtLeast(int value, int minimum, string paramName)
    {
        if (value < minimum)
        {
            ThrowArgument(paramName, $"{paramName} must be an integer >= {minimum}, but was {value}.");
        }
        return value;
    }

    internal static void CheckLength(int actual, int expected, string paramName, string what)
    {
        if (actual != expected)
        {
            ThrowArgument(paramName, $"{paramName} has length {actual}, expected {expected} for {expected} {what}.");
        }
    }

    [DoesNotReturn]
    internal static void ThrowArgument(string paramName, string message) => throw new ArgumentException(message, paramName);

    internal static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// How far from 1 the weights of a mixture given as input may sum (shares are dimensionless, so the tolerance is too):
    /// every input mixture (a start, a target, an observed mixture, user weights, a prior) is held to it.
    /// </summary>
    internal const double MixtureSumTolerance = 1e-9;

    /// <summary>How far below 0 an input weight may be (rounding in a mixture written by another program).</summary>
    internal const double MixtureNegativeTolerance = 1e-12;

    /// <summary>A point of the simplex: length k, entries finite and ≥ −1e-12, sum within 1e-9 of 1; the message names the entry.</summary>
    internal static void CheckMixture(ReadOnlySpan<double> w, int k, string name)
    {
        CheckLength(w.Length, k, name, "subpopulations");
        double sum = 0;
        for (int j = 0; j < k; j++)
        {
            if (!double.IsFinite(w[j]) || w[j] < -MixtureNegativeTolerance)
            {
                ThrowArgument(name, string.Create(CultureInfo.InvariantCulture,
                    $"{name}[{j}] = {Format(w[j])}; a mixture's weights must be finite and >= 0."));
            }
            sum += w[j];
        }
        if (Math.Abs(sum - 1.0) > MixtureSumTolerance)
        {
            ThrowArgument(name, string.Create(CultureInfo.InvariantCulture,
                $"{name} sums to {Format(sum)}; a mixture's weights must sum to 1 (within 1e-9)."));
        }
    }
}

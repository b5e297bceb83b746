using ActiveAlignment.Internal;

namespace ActiveAlignment;

/// <summary>
/// The incentive coefficients (λ_A, λ_C, λ_D) of docs/model.md#objects: finite and non-negative.
/// </summary>
public readonly record struct IncentiveCoefficients
{
    /// <summary>Creates a set of coefficients.</summary>
    /// <param name="attractiveness">λ_A ≥ 0, the weight of attractiveness (reach).</param>
    /// <param name="consistency">λ_C ≥ 0, the weight of the inconsistency penalty.</param>
    /// <param name="diversity">λ_D ≥ 0, the weight of the similarity (diversity) penalty.</param>
    /// <exception cref="ArgumentException">A coefficient is negative, NaN or infinite.</exception>
    public IncentiveCoefficients(double attractiveness, double consistency, double diversity)
    {
        Attractiveness = Preconditions.CheckNonNegative(attractiveness, nameof(attractiveness));
        Consistency = Preconditions.CheckNonNegative(consistency, nameof(consistency));
        Diversity = Preconditions.CheckNonNegative(diversity, nameof(diversity));
    }

    /// <summary>λ_A: the weight of attractiveness.</summary>
    public double Attractiveness { get; }

    /// <summary>λ_C: the weight of the inconsistency penalty.</summary>
    public double Consistency { get; }

    /// <summary>λ_D: the weight of the diversity (similarity) penalty.</summary>
    public double Diversity { get; }

    /// <summary>The coefficient named by <paramref name="axis"/>.</summary>
    /// <param name="axis">Which coefficient.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not a defined value.</exception>
    public double this[CoefficientAxis axis] => axis switch
    {
        CoefficientAxis.Attractiveness => Attractiveness,
        CoefficientAxis.Consistency => Consistency,
        CoefficientAxis.Diversity => Diversity,
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be attractiveness, consistency or diversity."),
    };

    /// <summary>A copy with the coefficient named by <paramref name="axis"/> replaced by <paramref name="value"/>.</summary>
    /// <param name="axis">Which coefficient.</param>
    /// <param name="value">The new value, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is negative, NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="axis"/> is not a defined value.</exception>
    public IncentiveCoefficients With(CoefficientAxis axis, double value) => axis switch
    {
        CoefficientAxis.Attractiveness => new IncentiveCoefficients(value, Consistency, Diversity),
        CoefficientAxis.Consistency => new IncentiveCoefficients(Attractiveness, value, Diversity),
        CoefficientAxis.Diversity => new IncentiveCoefficients(Attractiveness, Consistency, value),
        _ => throw new ArgumentOutOfRangeException(nameof(axis), axis, "axis must be attractiveness, consistency or diversity."),
    };

    /// <summary>All three coefficients multiplied by <paramref name="factor"/> (the closed form is invariant under this, docs/model.md#closed-form).</summary>
    /// <param name="factor">A finite factor ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="factor"/> is negative, NaN or infinite.</exception>
    public IncentiveCoefficients Scale(double factor)
    {
        Preconditions.CheckNonNegative(factor, nameof(factor));
        return new IncentiveCoefficients(Attractiveness * factor, Consistency * factor, Diversity * factor);
    }
}

/// <summary>Names one of the three incentive coefficients, e.g. an axis of a sweep.</summary>
public enum CoefficientAxis
{
    /// <summary>λ_A, attractiveness.</summary>
    Attractiveness,

    /// <summary>λ_C, consistency.</summary>
    Consistency,

    /// <summary>λ_D, diversity.</summary>
    Diversity,
}

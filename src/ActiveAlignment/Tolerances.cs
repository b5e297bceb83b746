namespace ActiveAlignment;

/// <summary>
/// The project's one tolerance policy (docs/model.md#tolerances). Every test is relative to the scale of the quantity it
/// tests and has no absolute floor, so each decision is unchanged when the game is rescaled: all of λ by c &gt; 0, or a
/// data matrix by s with its coefficient by 1/s (C → sC, λ_C → λ_C/s).
/// </summary>
/// <remarks>
/// The solver, the certificate, the command-line tool and the tests all read these constants; none repeats them.
/// </remarks>
public static class Tolerances
{
    /// <summary>Unit roundoff of IEEE double precision, 2⁻⁵³.</summary>
    public const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>
    /// A returned equilibrium's Nash gap must be proved at most <c>NashGapRelative · scale</c>, where
    /// scale = max(λ_A·max|a|, λ_C·max|C|, λ_D·max|S|) (<see cref="AlignmentGame.Scale"/>): 1e-10.
    /// </summary>
    public const double NashGapRelative = 1e-10;

    /// <summary>
    /// A reduced or bordered system whose 1-norm reciprocal condition number, after symmetric diagonal equilibration, is
    /// below this is called singular: 1e-12.
    /// </summary>
    public const double SingularReciprocalCondition = 1e-12;

    /// <summary>
    /// The error bound on a computed eigenvalue of the reduced inconsistency ZᵀCZ, relative to ‖C‖_F and per subpopulation:
    /// |κ̂ − κ| ≤ <c>EigenvalueRelative · K · ‖C‖_F</c> (backward stability of the symmetric QR algorithm with a safety
    /// factor of 16). κ̂ within this of 0 counts as 0 (own concavity holds, not strictly).
    /// </summary>
    public const double EigenvalueRelative = 16 * UnitRoundoff;

    /// <summary>
    /// A symmetric matrix is called positive definite (uniqueness conditions) when every Cholesky pivot exceeds this times
    /// its largest entry: 1e-12.
    /// </summary>
    public const double PositiveDefiniteRelative = 1e-12;

    /// <summary>
    /// The relative precision to which the boundary solver's dual test (Fₖ ≤ ν off the support) is applied, against the
    /// magnitude of the gradient: 1e-13.
    /// </summary>
    public const double DualRelative = 1e-13;

    /// <summary>
    /// The largest magnitude accepted for an input entry, a coefficient, or a product λ·max|X| of a coefficient and its data:
    /// 1e300. Beyond it sums of K terms could overflow; such input is rejected with the field named.
    /// </summary>
    public const double MaxMagnitude = 1e300;

    /// <summary>The bound γₙ = n·u/(1 − n·u) on the relative rounding error of an n-term dot product.</summary>
    /// <param name="n">The number of terms.</param>
    /// <returns>γₙ, slightly enlarged to cover the evaluation of the bound itself.</returns>
    public static double Gamma(int n) => 1.01 * n * UnitRoundoff / (1 - (n * UnitRoundoff));
}

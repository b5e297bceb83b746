using ActiveAlignment.Numerics;
using ActiveAlignment.Equilibria;
using ActiveAlignment.Internal;

namespace ActiveAlignment.Steering;

/// <summary>
/// How the interior equilibrium moves with each knob (docs/model.md#steering), with R = Z (ZᵀMZ)⁻¹ Zᵀ:
/// ∂w*/∂λ_A = R a, ∂w*/∂λ_C = −2 R C w*, ∂w*/∂λ_D = −R S w*, ∂w*/∂a = λ_A R. Defined only at an interior equilibrium;
/// otherwise every vector is null and <see cref="Reason"/> says why.
/// </summary>
public sealed class SensitivityReport
{
    private SensitivityReport(string? reason, double[]? a, double[]? c, double[]? d, double[,]? attractivenessJacobian)
    {
        Reason = reason;
        Attractiveness = a;
        Consistency = c;
        Diversity = d;
        AttractivenessJacobian = attractivenessJacobian is null ? null : ReadOnlyMatrix<double>.Own(attractivenessJacobian);
    }

    /// <summary>True when the sensitivities are defined (the closed form is an interior equilibrium).</summary>
    public bool IsDefined => Reason is null;

    /// <summary>Why the sensitivities are undefined; null when they are defined.</summary>
    public string? Reason { get; }

    /// <summary>∂w*/∂λ_A = R a (sums to 0).</summary>
    public IReadOnlyList<double>? Attractiveness { get; }

    /// <summary>∂w*/∂λ_C = −2 R C w*.</summary>
    public IReadOnlyList<double>? Consistency { get; }

    /// <summary>∂w*/∂λ_D = −R S w* (all zeros when N = 1: diversity is absent).</summary>
    public IReadOnlyList<double>? Diversity { get; }

    /// <summary>∂w*ₖ/∂aⱼ = λ_A Rₖⱼ, at [k, j].</summary>
    public ReadOnlyMatrix<double>? AttractivenessJacobian { get; }

    /// <summary>Computes the sensitivities of the game's homogeneous interior equilibrium.</summary>
    /// <param name="game">The game.</param>
    /// <returns>The report; undefined (with a reason) unless the closed form is interior.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="game"/> is null.</exception>
    public static SensitivityReport Compute(AlignmentGame game)
    {
        Preconditions.CheckNotNull(game);
        var closedForm = ClosedFormSolver.Solve(game);
        if (closedForm.Status != ClosedFormStatus.Interior)
        {
            return new SensitivityReport(UndefinedReason(closedForm.Status), null, null, null, null);
        }
        int k = game.Count;
        var m = new double[k * k];
        game.FillInteractionMatrix(m);
        var r = Resolvent.Create(m, k)!;
        var w = closedForm.Weights!.ToArray();
        var dA = r.Apply(game.Attractiveness);
        var cw = Multiply(game.Inconsistency, w);
        var dC = r.Apply(cw);
        for (int i = 0; i < k; i++)
        {
            dC[i] *= -2.0;
        }
        var dD = new double[k];
        if (game.Agents > 1)
        {
            dD = r.Apply(Multiply(game.Similarity, w));
            for (int i = 0; i < k; i++)
            {
                dD[i] = -dD[i];
            }
        }
        var jacobian = new double[k, k];
        var unit = new double[k];
        for (int j = 0; j < k; j++)
        {
            Array.Clear(unit);
            unit[j] = 1.0;
            var column = r.Apply(unit);
            for (int i = 0; i < k; i++)
            {
                jacobian[i, j] = game.Coefficients.Attractiveness * column[i];
            }
        }
        return new SensitivityReport(null, dA, dC, dD, jacobian);
    }

    internal static string UndefinedReason(ClosedFormStatus status) => status switch
    {
        ClosedFormStatus.NoInterior => "the equilibrium is on the boundary (no interior equilibrium): the closed form's derivatives do not apply",
        ClosedFormStatus.Singular => "ZᵀMZ is singular: the equilibrium does not depend smoothly on the coefficients",
        _ => "own concavity fails: there is no certified equilibrium to differentiate",
    };

    private static double[] Multiply(SymmetricMatrix a, ReadOnlySpan<double> x)
    {
        var y = new double[x.Length];
        a.Multiply(x, y);
        return y;
    }

    /// <summary>A one-line summary: ∂w/∂λ_D per group, or why the sensitivities are not defined.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => Diversity is null
        ? $"no sensitivities: {Reason}"
        : $"sensitivity ∂w/∂λ_D = [{string.Join(", ", Diversity.Select(d => d.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}]";
}

namespace ActiveAlignment.Numerics.Exact;

/// <summary>
/// A linear programme in the form maximise cᵀx subject to A x ≤ b, x ≥ 0, with b ≥ 0 (so x = 0 is feasible), in exact
/// rational arithmetic.
/// </summary>
public sealed record LinearProgram
{
    /// <summary>Creates a programme; the arrays are copied.</summary>
    /// <param name="a">The m × n constraint matrix.</param>
    /// <param name="b">The m right-hand sides, each ≥ 0.</param>
    /// <param name="c">The n objective coefficients.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public LinearProgram(Rational[,] a, Rational[] b, Rational[] c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        A = new ReadOnlyMatrix<Rational>(a);
        B = Array.AsReadOnly((Rational[])b.Clone());
        C = Array.AsReadOnly((Rational[])c.Clone());
    }

    /// <summary>The m × n constraint matrix.</summary>
    public ReadOnlyMatrix<Rational> A { get; }

    /// <summary>The m right-hand sides, each ≥ 0.</summary>
    public IReadOnlyList<Rational> B { get; }

    /// <summary>The n objective coefficients.</summary>
    public IReadOnlyList<Rational> C { get; }
}

/// <summary>The outcome of a linear programme.</summary>
public enum LinearProgramStatus
{
    /// <summary>An optimum was found and verified by its duality certificate.</summary>
    Optimal,

    /// <summary>The objective is unbounded above.</summary>
    Unbounded,
}

/// <summary>An optimal primal–dual pair (or the unbounded verdict).</summary>
/// <param name="Status">Optimal or Unbounded.</param>
/// <param name="X">The primal optimum x (null when unbounded).</param>
/// <param name="Y">The dual optimum y ≥ 0 with Aᵀy ≥ c (null when unbounded).</param>
/// <param name="Value">cᵀx = bᵀy.</param>
/// <param name="Pivots">Simplex pivots performed.</param>
public sealed record LinearProgramSolution(LinearProgramStatus Status, IReadOnlyList<Rational>? X, IReadOnlyList<Rational>? Y, Rational Value, int Pivots)
{
    /// <summary>
    /// Checks the duality certificate exactly: x ≥ 0, A x ≤ b, y ≥ 0, Aᵀy ≥ c and cᵀx = bᵀy. True only for an optimal solution
    /// that passes every check.
    /// </summary>
    /// <param name="lp">The programme this solves.</param>
    public bool IsCertifiedFor(LinearProgram lp)
    {
        ArgumentNullException.ThrowIfNull(lp);
        if (Status != LinearProgramStatus.Optimal || X is null || Y is null)
        {
            return false;
        }
        int m = lp.B.Count, n = lp.C.Count;
        Rational primal = Rational.Zero, dual = Rational.Zero;
        for (int j = 0; j < n; j++)
        {
            if (X[j].Sign < 0)
            {
                return false;
            }
            primal += lp.C[j] * X[j];
        }
        for (int i = 0; i < m; i++)
        {
            if (Y[i].Sign < 0)
            {
                return false;
            }
            dual += lp.B[i] * Y[i];
            Rational row = Rational.Zero;
            for (int j = 0; j < n; j++)
            {
                row += lp.A[i, j] * X[j];
            }
            if (row > lp.B[i])
            {
                return false;
            }
        }
        for (int j = 0; j < n; j++)
        {
            Rational column = Rational.Zero;
            for (int i = 0; i < m; i++)
            {
                column += lp.A[i, j] * Y[i];
            }
            if (column < lp.C[j])
            {
                return false;
            }
        }
        return primal == dual && primal == Value;
    }
}

/// <summary>Solves <see cref="LinearProgram"/>s. An interface, so the exact dense simplex can be replaced (e.g. by a sparse solver).</summary>
public interface ILinearProgramSolver
{
    /// <summary>Solves the programme.</summary>
    /// <param name="program">The programme (b ≥ 0).</param>
    /// <returns>The optimal primal–dual pair, or Unbounded.</returns>
    LinearProgramSolution Solve(LinearProgram program);
}

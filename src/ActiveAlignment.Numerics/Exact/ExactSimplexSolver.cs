using ActiveAlignment.Internal;

namespace ActiveAlignment.Numerics.Exact;

/// <summary>
/// A dense tableau simplex in exact rational arithmetic with Bland's rule (no cycling), for problems up to about a hundred
/// rows and columns. Starts from the slack basis (b ≥ 0), so no phase one is needed; the dual solution is read off the
/// objective row under the slack columns. Every optimum it returns passes <see cref="LinearProgramSolution.IsCertifiedFor"/>.
/// </summary>
public sealed class ExactSimplexSolver : ILinearProgramSolver
{
    /// <summary>A shared instance (the solver keeps no state).</summary>
    public static ExactSimplexSolver Instance { get; } = new();

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="program"/> is null.</exception>
    /// <exception cref="ArgumentException">The sizes disagree, or some bᵢ &lt; 0.</exception>
    public LinearProgramSolution Solve(LinearProgram program)
    {
        Preconditions.CheckNotNull(program);
        int m = program.B.Count, n = program.C.Count;
        if (program.A.GetLength(0) != m || program.A.GetLength(1) != n)
        {
            Preconditions.ThrowArgument(nameof(program), $"A is {program.A.GetLength(0)}x{program.A.GetLength(1)}, expected {m}x{n} for {m} constraints and {n} variables.");
        }
        for (int i = 0; i < m; i++)
        {
            if (program.B[i].Sign < 0)
            {
                Preconditions.ThrowArgument(nameof(program), $"b[{i}] = {program.B[i]}; this solver needs b >= 0 (x = 0 feasible).");
            }
        }
        // Tableau rows 0..m-1: [A | I | b]; row m: objective [-c | 0 | 0].
        int width = n + m + 1;
        var t = new Rational[m + 1, width];
        for (int i = 0; i <= m; i++)
        {
            for (int j = 0; j < width; j++)
            {
                t[i, j] = Rational.Zero;
            }
        }
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                t[i, j] = program.A[i, j];
            }
            t[i, n + i] = Rational.One;
            t[i, width - 1] = program.B[i];
        }
        for (int j = 0; j < n; j++)
        {
            t[m, j] = -program.C[j];
        }
        var basis = new int[m];
        for (int i = 0; i < m; i++)
        {
            basis[i] = n + i;
        }
        int pivots = 0;
        while (true)
        {
            // Bland: the entering column is the lowest index with a negative reduced cost.
            int entering = -1;
            for (int j = 0; j < n + m; j++)
            {
                if (t[m, j].Sign < 0)
                {
                    entering = j;
                    break;
                }
            }
            if (entering < 0)
            {
                break;
            }
            int leaving = -1;
            Rational best = Rational.Zero;
            for (int i = 0; i < m; i++)
            {
                if (t[i, entering].Sign > 0)
                {
                    var ratio = t[i, width - 1] / t[i, entering];
                    if (leaving < 0 || ratio < best || (ratio == best && basis[i] < basis[leaving]))
                    {
                        leaving = i;
                        best = ratio;
                    }
                }
            }
            if (leaving < 0)
            {
                return new LinearProgramSolution(LinearProgramStatus.Unbounded, null, null, Rational.Zero, pivots);
            }
            Pivot(t, m, width, leaving, entering);
            basis[leaving] = entering;
            pivots++;
        }
        var x = new Rational[n];
        for (int j = 0; j < n; j++)
        {
            x[j] = Rational.Zero;
        }
        for (int i = 0; i < m; i++)
        {
            if (basis[i] < n)
            {
                x[basis[i]] = t[i, width - 1];
            }
        }
        var y = new Rational[m];
        for (int i = 0; i < m; i++)
        {
            y[i] = t[m, n + i];
        }
        return new LinearProgramSolution(LinearProgramStatus.Optimal, Array.AsReadOnly(x), Array.AsReadOnly(y), t[m, width - 1], pivots);
    }

    private static void Pivot(Rational[,] t, int m, int width, int row, int column)
    {
        var pivot = t[row, column];
        for (int j = 0; j < width; j++)
        {
            t[row, j] /= pivot;
        }
        for (int i = 0; i <= m; i++)
        {
            if (i == row || t[i, column].IsZero)
            {
                continue;
            }
            var factor = t[i, column];
            for (int j = 0; j < width; j++)
            {
                if (!t[row, j].IsZero)
                {
                    t[i, j] -= factor * t[row, j];
                }
            }
        }
    }
    /// <summary>A one-line summary: what the solver is.</summary>
    /// <returns>The summary.</returns>
    public override string ToString() => "ExactSimplexSolver (exact rational simplex, Bland's rule)";
}

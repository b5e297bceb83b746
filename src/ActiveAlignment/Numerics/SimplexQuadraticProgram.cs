namespace ActiveAlignment.Numerics;

/// <summary>The outcome of <see cref="SimplexQuadraticProgram.Maximize"/>.</summary>
internal sealed class SimplexQpSolution
{
    public SimplexQpSolution(double[] x, double multiplier, int[] support, int iterations, bool polished)
    {
        X = x;
        Multiplier = multiplier;
        Support = support;
        Iterations = iterations;
        Polished = polished;
    }

    /// <summary>The maximiser (or KKT point), on the simplex, with exact zeros off the support.</summary>
    public double[] X { get; }

    /// <summary>ν: the common value of (b − A x)ₖ on the support.</summary>
    public double Multiplier { get; }

    /// <summary>Indices with xₖ &gt; 0, ascending.</summary>
    public int[] Support { get; }

    /// <summary>Projected-gradient iterations plus active-set steps.</summary>
    public int Iterations { get; }

    /// <summary>True when the active-set polish verified the KKT conditions exactly (to rounding).</summary>
    public bool Polished { get; }
}

/// <summary>
/// KKT points of max bᵀx − ½ xᵀAx over the simplex (A symmetric, n×n row-major): the maximiser when ZᵀAZ ⪰ 0
/// (docs/model.md#boundary), a local maximiser otherwise. Accelerated projected gradient (FISTA with adaptive restart,
/// step 1/L, L ≥ ρ(ZᵀAZ)) finds the support; a primal active-set method on the bordered systems of the faces
/// then makes the answer exact to rounding.
/// </summary>
internal static class SimplexQuadraticProgram
{
    private const int CheckEvery = 20;

    public static SimplexQpSolution Maximize(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> start,
        int maxIterations = 50_000)
    {
        // Relative to the data, no absolute floor (docs/model.md#tolerances).
        double problemScale = Math.Max(Kernels.MaxAbs(a[..(n * n)]), Kernels.MaxAbs(b[..n]));
        double dualTolerance = Tolerances.DualRelative;

        var x = new double[n];
        var scratch = new double[n];
        if (IsOnSimplex(start))
        {
            // Keep a feasible start as it is: projecting it would turn its exact zeros into rounding-level weights.
            start.CopyTo(x);
        }
        else if (!double.IsNaN(Kernels.MaxAbsIfFinite(start[..n])))
        {
            SimplexProjection.Project(start, x, scratch);
        }
        else
        {
            // A start with a NaN or an infinity (the closed form of a singular system, say) carries no information.
            Array.Fill(x, 1.0 / n);
        }
        if (n == 1)
        {
            return new SimplexQpSolution(x, b[0] - a[0], [0], 0, polished: true);
        }

        // The step size needs ‖PAP‖₂ (power iteration, 60 products with A): computed only when the projected gradient first
        // steps, since a good start (a sweep's previous point) is usually finished by the first active-set attempt. Whether
        // the objective is linear on the simplex is decided by ‖PAP‖_F ≥ ‖PAP‖₂, in two passes, unless the curvature along
        // one edge of the simplex already proves that it is not (O(K)).
        double frobenius = problemScale > 0 && ClearlyCurved(a, n, 1e-14 * problemScale) ? double.NaN : ProjectedFrobeniusNorm(a, n);
        double lipschitz = double.NaN;
        int iterations = 0;
        if (frobenius <= 1e-14 * problemScale || problemScale == 0)
        {
            // The objective is linear on the simplex: its value at vertex k is bₖ − ½aₖₖ, and every mixture of the best
            // vertices is a maximiser. Start from the even mixture of those tied with the best (to the dual test's relative
            // precision), so that identical groups get identical weights whatever their order.
            double bestValue = double.NegativeInfinity;
            for (int k = 0; k < n; k++)
            {
                bestValue = Math.Max(bestValue, b[k] - (0.5 * a[(k * n) + k]));
            }
            double tie = Tolerances.DualRelative * problemScale;
            int tied = 0;
            for (int k = 0; k < n; k++)
            {
                bool top = b[k] - (0.5 * a[(k * n) + k]) >= bestValue - tie;
                x[k] = top ? 1.0 : 0.0;
                tied += top ? 1 : 0;
            }
            for (int k = 0; k < n; k++)
            {
                x[k] /= tied;
            }
            // Linear on the simplex, so that mixture is a maximiser: the vertices off it are worse by more than the dual
            // test's precision, those on it tie within it. Returned as it is (a face solve would only add rounding noise).
            var linearGradient = new double[n];
            Gradient(a, b, n, x, linearGradient);
            int[] tiedSupport = SupportOf(x);
            double gradientSum = 0;
            foreach (int k in tiedSupport)
            {
                gradientSum += linearGradient[k];
            }
            return new SimplexQpSolution(x, gradientSum / tiedSupport.Length, tiedSupport, 0, polished: true);
        }

        var y = (double[])x.Clone();
        var previous = new double[n];
        var gradient = new double[n];
        var trial = new double[n];
        double t = 1.0;
        int polishAttempts = 0;
        int[]? lastSupport = null;
        while (true)
        {
            // Every CheckEvery iterations (and at once) try to finish exactly from the current support.
            if (iterations % CheckEvery == 0)
            {
                int[] support = SupportOf(x);
                bool stable = lastSupport is not null && support.AsSpan().SequenceEqual(lastSupport);
                lastSupport = support;
                if (iterations == 0 || iterations >= maxIterations || (stable && (polishAttempts < 6 || iterations % 1000 == 0)))
                {
                    polishAttempts++;
                    var candidate = (double[])x.Clone();
                    // The first attempt polishes a warm start and gets a short budget; later ones follow a stable PG support.
                    int budget = iterations == 0 ? 8 : (4 * n) + 20;
                    if (ActiveSet(a, b, n, candidate, dualTolerance, budget, out double nu, out int steps))
                    {
                        return new SimplexQpSolution(candidate, nu, SupportOf(candidate), iterations + steps, polished: true);
                    }
                }
                if (iterations >= maxIterations)
                {
                    break;
                }
            }
            if (double.IsNaN(lipschitz))
            {
                lipschitz = ProjectedSpectralRadiusBound(a, n);
                if (!(lipschitz > 1e-14 * problemScale))
                {
                    lipschitz = double.IsNaN(frobenius) ? ProjectedFrobeniusNorm(a, n) : frobenius; // an upper bound, so a safe step
                }
                if (!(lipschitz > 1e-14 * problemScale))
                {
                    // The curvature is below the rounding of the data (subnormal products, say): the objective is linear to working
                    // precision, and a step of 1/scale reaches the best vertices in a few projections instead of overflowing.
                    lipschitz = problemScale;
                }
            }
            // FISTA step from y.
            Gradient(a, b, n, y, gradient);
            for (int k = 0; k < n; k++)
            {
                trial[k] = y[k] + (gradient[k] / lipschitz);
            }
            x.CopyTo(previous, 0);
            SimplexProjection.Project(trial, x, scratch);
            iterations++;
            double restart = 0;
            for (int k = 0; k < n; k++)
            {
                restart += (y[k] - x[k]) * (x[k] - previous[k]);
            }
            if (restart > 0)
            {
                t = 1.0;
                x.CopyTo(y, 0);
                continue;
            }
            double tNext = 0.5 * (1.0 + Math.Sqrt(1.0 + (4.0 * t * t)));
            double momentum = (t - 1.0) / tNext;
            t = tNext;
            for (int k = 0; k < n; k++)
            {
                y[k] = x[k] + (momentum * (x[k] - previous[k]));
            }
        }
        Gradient(a, b, n, x, gradient);
        int[] finalSupport = SupportOf(x);
        double sum = 0;
        foreach (int k in finalSupport)
        {
            sum += gradient[k];
        }
        return new SimplexQpSolution(x, sum / finalSupport.Length, finalSupport, iterations, polished: false);
    }

    /// <summary>g ← b − A x.</summary>
    public static void Gradient(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> x, Span<double> g)
    {
        int[]? rented = null;
        Span<int> nonzero = n <= 512 ? stackalloc int[n] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(n));
        int count = NonzeroIndices(x, nonzero);
        if (count * 2 > n)
        {
            Kernels.MultiplySequential(a, n, n, x, g);
            for (int i = 0; i < n; i++)
            {
                g[i] = b[i] - g[i];
            }
        }
        else
        {
            // x on a face: skip its zeros (exact: a zero term leaves a sum unchanged, and the order of the others is kept).
            ReadOnlySpan<int> support = nonzero[..count];
            for (int i = 0; i < n; i++)
            {
                ReadOnlySpan<double> row = a.Slice(i * n, n);
                double sum = 0;
                foreach (int j in support)
                {
                    sum += row[j] * x[j];
                }
                g[i] = b[i] - sum;
            }
        }
        if (rented is not null)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>Writes the indices of the non-zero entries of x, in order, and returns how many there are.</summary>
    internal static int NonzeroIndices(ReadOnlySpan<double> x, Span<int> indices)
    {
        int count = 0;
        for (int j = 0; j < x.Length; j++)
        {
            if (x[j] != 0)
            {
                indices[count++] = j;
            }
        }
        return count;
    }

    /// <summary>bᵀx − ½ xᵀ A x.</summary>
    public static double Objective(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> x)
    {
        int[]? rented = null;
        Span<int> nonzero = n <= 512 ? stackalloc int[n] : (rented = System.Buffers.ArrayPool<int>.Shared.Rent(n));
        ReadOnlySpan<int> support = nonzero[..NonzeroIndices(x, nonzero)];
        double value = 0;
        foreach (int i in support)
        {
            ReadOnlySpan<double> row = a.Slice(i * n, n);
            double ax = 0;
            foreach (int j in support)
            {
                ax += row[j] * x[j]; // the zeros of x skipped: exact, in the same order
            }
            value += x[i] * (b[i] - (0.5 * ax));
        }
        if (rented is not null)
        {
            System.Buffers.ArrayPool<int>.Shared.Return(rented);
        }
        return value;
    }

    /// <summary>
    /// Primal active-set method from the feasible point x (modified in place). The working set starts as the support of x.
    /// On each face it steps to the face's maximiser (the bordered system of docs/model.md#closed-form); a face whose reduced
    /// matrix is singular but positive semidefinite (duplicated groups, low-rank C) is handled by its symmetric
    /// eigendecomposition: a minimum-norm Newton step when the face's gradient lies in the range, otherwise the ascent ray
    /// in the null space up to the blocking bound. The dual test Fₖ ≤ ν is relative to each entry's own magnitude
    /// (<paramref name="dualRelative"/>·(|bₖ| + Σⱼ|Aₖⱼ|xⱼ)). Returns false when a face is not concave or the step budget runs out.
    /// </summary>
    internal static bool ActiveSet(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, double[] x, double dualRelative, int budget,
        out double nu, out int steps)
    {
        // Small problems keep their working arrays on the stack (a batch runs this for every certificate).
        Span<bool> inFace = n <= 128 ? stackalloc bool[n] : new bool[n];
        for (int k = 0; k < n; k++)
        {
            inFace[k] = x[k] > 0;
        }
        Span<int> support = n <= 128 ? stackalloc int[n] : new int[n];
        Span<double> wFace = n <= 128 ? stackalloc double[n] : new double[n];
        Span<double> gradient = n <= 128 ? stackalloc double[n] : new double[n];
        nu = double.NaN;
        for (steps = 0; steps < budget; steps++)
        {
            int s = 0;
            for (int k = 0; k < n; k++)
            {
                if (inFace[k])
                {
                    support[s++] = k;
                }
            }
            if (s == 0)
            {
                return false; // rounding emptied the face (a degenerate step): give up honestly, the projected gradient goes on
            }
            bool ray = false;
            if (!BorderedSystem.SolveOnSupport(a, n, b, support[..s], wFace[..s], out _, out _))
            {
                var step = SingularFaceStep(a, b, n, x, support[..s], wFace[..s]);
                if (step == FaceStep.NotConcave)
                {
                    return false;
                }
                ray = step == FaceStep.Ray;
            }
            // Ratio test along x → x̂ (the face's maximiser), or along the ray x + t·d until a weight reaches 0.
            double alpha = ray ? double.PositiveInfinity : 1.0;
            int blocking = -1;
            for (int i = 0; i < s; i++)
            {
                int k = support[i];
                double d = ray ? wFace[i] : wFace[i] - x[k];
                if ((ray && d < 0) || (!ray && wFace[i] < 0))
                {
                    double ratio = x[k] / -d;
                    if (ratio < alpha)
                    {
                        alpha = ratio;
                        blocking = k;
                    }
                }
            }
            if (blocking >= 0)
            {
                for (int i = 0; i < s; i++)
                {
                    int k = support[i];
                    x[k] += alpha * (ray ? wFace[i] : wFace[i] - x[k]);
                }
                x[blocking] = 0;
                inFace[blocking] = false;
                // Clean up rounding: renormalise the face so the point stays on the simplex.
                Renormalise(x);
                continue;
            }
            if (ray)
            {
                return false; // an ascent ray that never leaves the simplex cannot exist; rounding: give up honestly
            }
            Array.Clear(x);
            for (int i = 0; i < s; i++)
            {
                x[support[i]] = wFace[i];
            }
            Gradient(a, b, n, x, gradient);
            double faceNu = 0;
            for (int i = 0; i < s; i++)
            {
                faceNu += gradient[support[i]];
            }
            faceNu /= s;
            int entering = -1;
            double worst = 0;
            for (int k = 0; k < n; k++)
            {
                if (inFace[k])
                {
                    continue;
                }
                double excess = gradient[k] - faceNu;
                if (excess > worst && excess > dualRelative * EntryMagnitude(a, b, n, x, k, faceNu))
                {
                    worst = excess;
                    entering = k;
                }
            }
            if (entering < 0)
            {
                nu = faceNu;
                steps++;
                return true;
            }
            inFace[entering] = true;
        }
        return false;
    }

    /// <summary>|bₖ| + Σⱼ |Aₖⱼ xⱼ| + |ν|: the magnitude against which the rounding of Fₖ − ν is judged.</summary>
    private static double EntryMagnitude(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> x, int k, double nu)
    {
        ReadOnlySpan<double> row = a.Slice(k * n, n);
        double sum = Math.Abs(b[k]) + Math.Abs(nu);
        for (int j = 0; j < n; j++)
        {
            sum += Math.Abs(row[j] * x[j]);
        }
        return sum;
    }

    private enum FaceStep
    {
        Target,
        Ray,
        NotConcave,
    }

    /// <summary>
    /// A face whose reduced matrix R = ZᵀA_FZ is singular: with g the gradient on the face at x and r = Zᵀg, R = VΛVᵀ
    /// (MathNet), either r lies in the range of R (a continuum of face maximisers: <paramref name="result"/> receives the
    /// one nearest x, x + Z R⁺ r) or not (<paramref name="result"/> receives the ascent ray Z·P_null r).
    /// </summary>
    private static FaceStep SingularFaceStep(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, ReadOnlySpan<double> x,
        ReadOnlySpan<int> support, Span<double> result)
    {
        int s = support.Length;
        var sub = new double[s * s];
        var g = new double[s];
        for (int i = 0; i < s; i++)
        {
            int gi = support[i];
            double ax = 0;
            ReadOnlySpan<double> row = a.Slice(gi * n, n);
            for (int j = 0; j < n; j++)
            {
                ax += row[j] * x[j];
            }
            g[i] = b[gi] - ax;
            for (int j = 0; j < s; j++)
            {
                sub[(i * s) + j] = row[support[j]];
            }
        }
        int m = s - 1;
        var frame = new SimplexFrame(s);
        var reduced = new double[m * m];
        frame.ReduceMatrix(sub, reduced, new double[s]);
        var r = new double[m];
        frame.ReduceVector(g, r);
        var evd = SymmetricEigen.Decompose((i, j) => reduced[(i * m) + j], m, out double eigenScale);
        if (evd is null && eigenScale == 0)
        {
            // A linear objective on the face: stay when the face gradient is zero, else follow it.
            double rr = 0;
            foreach (double v in r)
            {
                rr = Math.Max(rr, Math.Abs(v));
            }
            double gg = 0;
            foreach (double v in g)
            {
                gg = Math.Max(gg, Math.Abs(v));
            }
            frame.Expand(r, 0.0, result);
            if (rr <= Tolerances.DualRelative * gg)
            {
                for (int i = 0; i < s; i++)
                {
                    result[i] = x[support[i]];
                }
                return FaceStep.Target;
            }
            return FaceStep.Ray;
        }
        if (evd is null)
        {
            return FaceStep.NotConcave; // the eigen-iteration failed: give up honestly
        }
        var values = evd.EigenValues.Select(z => z.Real * eigenScale).ToArray();
        var vectors = evd.EigenVectors;
        double largest = 0;
        for (int i = 0; i < m; i++)
        {
            largest = Math.Max(largest, Math.Abs(values[i]));
        }
        double zero = Tolerances.EigenvalueRelative * s * largest;
        var y = new double[m];
        var nullPart = new double[m];
        double rNorm = 0, nullNorm = 0;
        for (int i = 0; i < m; i++)
        {
            rNorm += r[i] * r[i];
        }
        for (int e = 0; e < m; e++)
        {
            if (values[e] < -zero)
            {
                return FaceStep.NotConcave;
            }
            double coefficient = 0;
            for (int i = 0; i < m; i++)
            {
                coefficient += vectors[i, e] * r[i];
            }
            bool isNull = values[e] <= zero;
            for (int i = 0; i < m; i++)
            {
                if (isNull)
                {
                    nullPart[i] += coefficient * vectors[i, e];
                }
                else
                {
                    y[i] += coefficient / values[e] * vectors[i, e];
                }
            }
            if (isNull)
            {
                nullNorm += coefficient * coefficient;
            }
        }
        double gScale = 0;
        foreach (double v in g)
        {
            gScale = Math.Max(gScale, Math.Abs(v));
        }
        for (int i = 0; i < s; i++)
        {
            double ax = 0;
            for (int j = 0; j < s; j++)
            {
                ax += Math.Abs(sub[(i * s) + j] * x[support[j]]);
            }
            gScale = Math.Max(gScale, ax + Math.Abs(b[support[i]]));
        }
        if (Math.Sqrt(nullNorm) <= Tolerances.DualRelative * s * gScale)
        {
            frame.Expand(y, 0.0, result);
            for (int i = 0; i < s; i++)
            {
                result[i] += x[support[i]];
            }
            return FaceStep.Target;
        }
        frame.Expand(nullPart, 0.0, result);
        return FaceStep.Ray;
    }

    private static bool IsOnSimplex(ReadOnlySpan<double> x)
    {
        double sum = 0;
        foreach (double v in x)
        {
            if (!(v >= 0))
            {
                return false;
            }
            sum += v;
        }
        return Math.Abs(sum - 1.0) <= 1e-12;
    }

    private static void Renormalise(double[] x)
    {
        double sum = 0;
        for (int k = 0; k < x.Length; k++)
        {
            if (x[k] < 0)
            {
                x[k] = 0;
            }
            sum += x[k];
        }
        for (int k = 0; k < x.Length; k++)
        {
            x[k] /= sum;
        }
    }

    private static int[] SupportOf(ReadOnlySpan<double> x)
    {
        int count = 0;
        foreach (double v in x)
        {
            if (v > 0)
            {
                count++;
            }
        }
        var support = new int[count];
        int s = 0;
        for (int k = 0; k < x.Length; k++)
        {
            if (x[k] > 0)
            {
                support[s++] = k;
            }
        }
        return support;
    }

    /// <summary>
    /// An upper estimate of ρ(ZᵀAZ) = ρ(PAP), P = I − 11ᵀ/n: power iteration with a 10% margin (a step 1/L with
    /// L ≥ ρ/2 keeps projected gradient convergent; the margin makes that certain in practice).
    /// </summary>
    /// <summary>‖PAP‖_F with P = I − 11ᵀ/n, in one pass over A (row, column and total means).</summary>
    /// <summary>
    /// True when some edge eᵢ − eᵢ₊₁ of the simplex proves ‖PAP‖_F &gt; <paramref name="threshold"/>: with u = (eᵢ − eᵢ₊₁)/√2
    /// in the tangent space, ‖PAP‖_F ≥ |uᵀAu| = |aᵢᵢ + aⱼⱼ − aᵢⱼ − aⱼᵢ|/2, and the rounding of that sum is allowed for.
    /// False proves nothing.
    /// </summary>
    internal static bool ClearlyCurved(ReadOnlySpan<double> a, int n, double threshold)
    {
        double gamma = Tolerances.Gamma(4);
        for (int i = 0; i + 1 < n; i++)
        {
            int j = i + 1;
            double aii = a[(i * n) + i], ajj = a[(j * n) + j], aij = a[(i * n) + j], aji = a[(j * n) + i];
            double q = Math.Abs(aii + ajj - aij - aji);
            double error = gamma * (Math.Abs(aii) + Math.Abs(ajj) + Math.Abs(aij) + Math.Abs(aji));
            if (0.5 * (q - error) > threshold)
            {
                return true;
            }
        }
        return false;
    }

    public static double ProjectedFrobeniusNorm(ReadOnlySpan<double> a, int n)
    {
        var rowMean = new double[n];
        var columnMean = new double[n];
        double total = 0, max = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<double> row = a.Slice(i * n, n);
            rowMean[i] = Kernels.Sum(row);
            Kernels.Add(columnMean, row);
            max = Math.Max(max, Kernels.MaxAbs(row));
        }
        for (int i = 0; i < n; i++)
        {
            total += rowMean[i];
            rowMean[i] /= n;
            columnMean[i] /= n;
        }
        total /= (double)n * n;
        if (!(max > 0))
        {
            return 0;
        }
        // Scaled by the power of two nearest 1/max (exact, unlike a division by max) against overflow in the squares.
        // For subnormal data 1/max overflows: the scale is capped at 2¹⁰⁰⁰, which still lifts the squares clear of underflow.
        int exponent = Math.ILogB(max);
        double scale = Math.ScaleB(1.0, Math.Min(-exponent, 1000));
        double sum = 0;
        var centred = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Row i of A − r1ᵀ − 1cᵀ + t11ᵀ, then its squares: (aᵢⱼ − cⱼ) − (rᵢ − t).
            Kernels.Combine(centred, 1.0, a.Slice(i * n, n), -1.0, columnMean);
            double shift = rowMean[i] - total;
            for (int j = 0; j < n; j++)
            {
                centred[j] -= shift;
            }
            sum += Kernels.SumOfSquares(centred, scale);
        }
        return Math.Sqrt(sum) / scale;
    }

    public static double ProjectedSpectralRadiusBound(ReadOnlySpan<double> a, int n)
    {
        var v = new double[n];
        var u = new double[n];
        for (int k = 0; k < n; k++)
        {
            v[k] = Math.Sin((k + 1) * 1.618033988749895) + (0.25 * Math.Cos((k + 1) * 0.7));
        }
        ProjectToTangent(v);
        double norm = Norm2(v);
        if (norm == 0)
        {
            return 0;
        }
        for (int k = 0; k < n; k++)
        {
            v[k] /= norm;
        }
        double estimate = 0;
        for (int iteration = 0; iteration < 60; iteration++)
        {
            Kernels.MultiplySequential(a, n, n, v, u);
            ProjectToTangent(u);
            double next = Norm2(u);
            if (next == 0)
            {
                return 0;
            }
            for (int k = 0; k < n; k++)
            {
                v[k] = u[k] / next;
            }
            bool settled = Math.Abs(next - estimate) <= 1e-6 * next;
            estimate = next;
            if (settled && iteration > 8)
            {
                break;
            }
        }
        return 1.1 * estimate;
    }

    private static void ProjectToTangent(double[] v)
    {
        double mean = 0;
        foreach (double x in v)
        {
            mean += x;
        }
        mean /= v.Length;
        for (int k = 0; k < v.Length; k++)
        {
            v[k] -= mean;
        }
    }

    private static double Norm2(double[] v)
    {
        double s = 0;
        foreach (double x in v)
        {
            s += x * x;
        }
        return Math.Sqrt(s);
    }

    /// <summary>
    /// The global maximiser of bᵀx − ½xᵀAx over the simplex for any symmetric A, n ≤ 16: the best of the stationary
    /// points of every face whose reduced system is non-singular and whose weights are positive. The global maximum sits in
    /// the relative interior of some face and is stationary there, or on a continuum that reaches a smaller face.
    /// </summary>
    public static double[] GlobalMaximize(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int n, out int facesVisited)
    {
        var best = new double[n];
        double bestValue = double.NegativeInfinity;
        var support = new int[n];
        var wFace = new double[n];
        var x = new double[n];
        facesVisited = 0;
        for (int mask = 1; mask < (1 << n); mask++)
        {
            int s = 0;
            for (int k = 0; k < n; k++)
            {
                if ((mask & (1 << k)) != 0)
                {
                    support[s++] = k;
                }
            }
            facesVisited++;
            if (!BorderedSystem.SolveOnSupport(a, n, b, support.AsSpan(0, s), wFace.AsSpan(0, s), out _, out _))
            {
                continue;
            }
            bool positive = true;
            for (int i = 0; i < s; i++)
            {
                positive &= wFace[i] > 0;
            }
            if (!positive)
            {
                continue;
            }
            Array.Clear(x);
            for (int i = 0; i < s; i++)
            {
                x[support[i]] = wFace[i];
            }
            double value = Objective(a, b, n, x);
            if (value > bestValue)
            {
                bestValue = value;
                x.CopyTo(best, 0);
            }
        }
        return best;
    }
}

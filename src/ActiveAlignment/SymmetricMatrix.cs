using System.Globalization;
using ActiveAlignment.Internal;

namespace ActiveAlignment;

/// <summary>
/// An immutable square matrix that is symmetric to within docs/model.md#objects's tolerance:
/// max|Aₖₗ − Aₗₖ| ≤ 1e-10 · max(1, max|A|). Entries are kept exactly as given (no silent symmetrisation;
/// use <see cref="Symmetrize(double[,])"/> explicitly when that is what you want).
/// </summary>
public sealed class SymmetricMatrix : IEquatable<SymmetricMatrix>
{
    /// <summary>The relative symmetry tolerance of docs/model.md#objects.</summary>
    public const double SymmetryTolerance = 1e-10;

    private readonly double[] _values; // row-major, Dimension × Dimension

    private static SymmetricMatrix? s_lastIdentity;

    private SymmetricMatrix(double[] values, int dimension, bool isIdentity, double maxAbs)
    {
        _values = values;
        Dimension = dimension;
        IsIdentity = isIdentity;
        MaxAbs = maxAbs;
    }

    /// <summary>The number of rows (and columns).</summary>
    public int Dimension { get; }

    /// <summary>The matrix's rows, e.g. <c>[[1, 0.2], [0.2, 0.5]]</c> (at most 8 rows and columns shown).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        int shown = Math.Min(Dimension, 8);
        var rows = Enumerable.Range(0, shown).Select(i => "[" + string.Join(", ", Enumerable.Range(0, shown)
            .Select(j => this[i, j].ToString("G6", CultureInfo.InvariantCulture))) + (Dimension > shown ? ", …" : "") + "]");
        return "[" + string.Join(", ", rows) + (Dimension > shown ? ", …" : "") + "]";
    }

    /// <summary>True when this matrix was built by <see cref="Identity(int)"/>.</summary>
    public bool IsIdentity { get; }

    /// <summary>max over entries of |Aₖₗ|.</summary>
    public double MaxAbs { get; }

    /// <summary>The entry in row <paramref name="row"/> and column <paramref name="column"/>.</summary>
    /// <param name="row">Row index, 0 ≤ row &lt; <see cref="Dimension"/>.</param>
    /// <param name="column">Column index, 0 ≤ column &lt; <see cref="Dimension"/>.</param>
    /// <exception cref="IndexOutOfRangeException">An index is outside the matrix.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2201:Do not raise reserved exception types",
        Justification = "The indexer behaves as the two-dimensional array it stands for, which throws IndexOutOfRangeException; documented.")]
    public double this[int row, int column]
    {
        get
        {
            if ((uint)row >= (uint)Dimension || (uint)column >= (uint)Dimension)
            {
                throw new IndexOutOfRangeException($"Index ({row}, {column}) is outside a {Dimension}x{Dimension} matrix.");
            }
            return _values[(row * Dimension) + column];
        }
    }

    /// <summary>The entries in row-major order (length Dimension²), without copying.</summary>
    public ReadOnlySpan<double> AsSpan() => _values;

    /// <summary>One row of the matrix, without copying.</summary>
    /// <param name="row">Row index, 0 ≤ row &lt; <see cref="Dimension"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="row"/> is outside the matrix.</exception>
    public ReadOnlySpan<double> Row(int row)
    {
        if ((uint)row >= (uint)Dimension)
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"row must lie in [0, {Dimension - 1}].");
        }
        return _values.AsSpan(row * Dimension, Dimension);
    }

    /// <summary>y = A x.</summary>
    /// <param name="x">A vector of length <see cref="Dimension"/>.</param>
    /// <param name="destination">Receives A x; length <see cref="Dimension"/>; must not overlap <paramref name="x"/>.</param>
    /// <exception cref="ArgumentException">A length is not <see cref="Dimension"/>.</exception>
    public void Multiply(ReadOnlySpan<double> x, Span<double> destination)
    {
        Preconditions.CheckLength(x.Length, Dimension, nameof(x), "rows");
        Preconditions.CheckLength(destination.Length, Dimension, nameof(destination), "rows");
        Numerics.Kernels.MultiplySequential(_values, Dimension, Dimension, x, destination);
    }

    /// <summary>A copy of the entries as a two-dimensional array.</summary>
    public double[,] ToArray()
    {
        var result = new double[Dimension, Dimension];
        for (int i = 0; i < Dimension; i++)
        {
            for (int j = 0; j < Dimension; j++)
            {
                result[i, j] = _values[(i * Dimension) + j];
            }
        }
        return result;
    }

    /// <summary>The identity matrix of the given size (the default similarity kernel: overlap wᵢ·wⱼ).</summary>
    /// <param name="dimension">The size, ≥ 1.</param>
    /// <exception cref="ArgumentException"><paramref name="dimension"/> is below 1.</exception>
    public static SymmetricMatrix Identity(int dimension)
    {
        Preconditions.CheckAtLeast(dimension, 1, nameof(dimension));
        // Immutable, so the last one made is shared (a batch of games of one size needs one K×K identity, not one per game).
        if (s_lastIdentity is { } last && last.Dimension == dimension)
        {
            return last;
        }
        var values = new double[dimension * dimension];
        for (int i = 0; i < dimension; i++)
        {
            values[(i * dimension) + i] = 1.0;
        }
        var identity = new SymmetricMatrix(values, dimension, isIdentity: true, maxAbs: 1.0);
        s_lastIdentity = identity;
        return identity;
    }

    /// <summary>Validates and copies a square, finite, symmetric matrix.</summary>
    /// <param name="values">The entries; copied.</param>
    /// <param name="name">The name used in error messages (e.g. "inconsistency").</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is empty or not square, has a NaN or infinite entry (named),
    /// or is not symmetric (the worst pair is named).</exception>
    public static SymmetricMatrix Create(double[,] values, string name = "matrix")
    {
        Preconditions.CheckNotNull(values);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rows != columns || rows == 0)
        {
            Preconditions.ThrowArgument(name, $"{name} is {rows}x{columns}; it must be square and non-empty.");
        }
        // A double[,] is stored row-major and contiguous: one block copy.
        var flat = System.Runtime.InteropServices.MemoryMarshal.CreateReadOnlySpan(ref values[0, 0], rows * rows).ToArray();
        return FromRowMajor(flat, rows, name);
    }

    /// <summary>Validates and copies a square, finite, symmetric matrix given as jagged rows.</summary>
    /// <param name="rows">The rows; each must have as many entries as there are rows. Copied.</param>
    /// <param name="name">The name used in error messages (e.g. "inconsistency").</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> or one of its rows is null.</exception>
    /// <exception cref="ArgumentException">The matrix is empty, ragged or not square, has a NaN or infinite entry,
    /// or is not symmetric (the worst pair is named).</exception>
    public static SymmetricMatrix Create(IReadOnlyList<IReadOnlyList<double>> rows, string name = "matrix")
    {
        Preconditions.CheckNotNull(rows);
        int n = rows.Count;
        if (n == 0)
        {
            Preconditions.ThrowArgument(name, $"{name} is empty; it must be square and non-empty.");
        }
        var flat = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i] ?? throw new ArgumentNullException(name, $"{name}[{i}] is null.");
            if (row.Count != n)
            {
                Preconditions.ThrowArgument(name, $"{name}[{i}] has {row.Count} entries, expected {n}: the matrix must be {n}x{n}.");
            }
            for (int j = 0; j < n; j++)
            {
                flat[(i * n) + j] = row[j];
            }
        }
        return FromRowMajor(flat, n, name);
    }

    /// <summary>
    /// The explicit symmetrising helper: returns (A + Aᵀ)/2 as a <see cref="SymmetricMatrix"/>.
    /// The library never does this silently.
    /// </summary>
    /// <param name="values">A square matrix with finite entries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The matrix is empty, not square, or has a NaN or infinite entry.</exception>
    public static SymmetricMatrix Symmetrize(double[,] values)
    {
        Preconditions.CheckNotNull(values);
        int rows = values.GetLength(0), columns = values.GetLength(1);
        if (rows != columns || rows == 0)
        {
            Preconditions.ThrowArgument(nameof(values), $"values is {rows}x{columns}; it must be square and non-empty.");
        }
        var sym = new double[rows, rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < rows; j++)
            {
                sym[i, j] = 0.5 * (values[i, j] + values[j, i]);
            }
        }
        return Create(sym, nameof(values));
    }

    internal static SymmetricMatrix FromRowMajor(double[] flat, int n, string name)
    {
        double max = Numerics.Kernels.MaxAbsIfFinite(flat);
        if (double.IsNaN(max))
        {
            int index = Array.FindIndex(flat, v => !double.IsFinite(v));
            Preconditions.ThrowArgument(name, $"{name}[{index / n}][{index % n}] = {Preconditions.Format(flat[index])}; every entry must be a finite number.");
        }
        if (MaxAsymmetry(flat, n) > SymmetryTolerance * Math.Max(1.0, max))
        {
            // Rejected: find the worst pair for the message (the first of equal ones, row by row).
            double worst = 0;
            int wi = -1, wj = -1;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    double d = Math.Abs(flat[(i * n) + j] - flat[(j * n) + i]);
                    if (d > worst)
                    {
                        worst = d;
                        wi = i;
                        wj = j;
                    }
                }
            }
            Preconditions.ThrowArgument(name, string.Create(CultureInfo.InvariantCulture,
                $"{name}[{wi}][{wj}] = {Preconditions.Format(flat[(wi * n) + wj])} but {name}[{wj}][{wi}] = {Preconditions.Format(flat[(wj * n) + wi])}; the matrix must be symmetric (worst pair ({wi}, {wj}), difference {worst:G3} exceeds {SymmetryTolerance:G1}·max(1, max|entry|))."));
        }
        return new SymmetricMatrix(flat, n, isIdentity: false, maxAbs: max);
    }

    /// <summary>max over i &gt; j of |Aᵢⱼ − Aⱼᵢ| for finite entries, with four running maxima so that no comparison waits on
    /// the one before.</summary>
    private static double MaxAsymmetry(double[] flat, int n)
    {
        double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        for (int i = 1; i < n; i++)
        {
            ReadOnlySpan<double> row = flat.AsSpan(i * n, i);
            int j = 0;
            for (; j + 3 < i; j += 4)
            {
                m0 = Math.Max(m0, Math.Abs(row[j] - flat[(j * n) + i]));
                m1 = Math.Max(m1, Math.Abs(row[j + 1] - flat[((j + 1) * n) + i]));
                m2 = Math.Max(m2, Math.Abs(row[j + 2] - flat[((j + 2) * n) + i]));
                m3 = Math.Max(m3, Math.Abs(row[j + 3] - flat[((j + 3) * n) + i]));
            }
            for (; j < i; j++)
            {
                m0 = Math.Max(m0, Math.Abs(row[j] - flat[(j * n) + i]));
            }
        }
        return Math.Max(Math.Max(m0, m1), Math.Max(m2, m3));
    }

    /// <summary>Entry-wise exact equality of two matrices of the same size.</summary>
    /// <param name="other">The other matrix.</param>
    public bool Equals(SymmetricMatrix? other)
        => other is not null && other.Dimension == Dimension && _values.AsSpan().SequenceEqual(other._values);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as SymmetricMatrix);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Dimension);
        foreach (double v in _values)
        {
            hash.Add(v);
        }
        return hash.ToHashCode();
    }
}

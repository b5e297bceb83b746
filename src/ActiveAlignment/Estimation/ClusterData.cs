namespace ActiveAlignment.Estimation;

/// <summary>An insertion-ordered string → index table looked up by span, so repeated keys allocate nothing.</summary>
internal sealed class SpanStringTable
{
    private string[] _keys = new string[16];
    private int[] _slots = Fill(new int[32]);
    private int _count;

    public int Count => _count;

    public string this[int index] => _keys[index];

    public IReadOnlyList<string> Keys => new System.Collections.ObjectModel.ReadOnlyCollection<string>(new ArraySegment<string>(_keys, 0, _count));

    private static int[] Fill(int[] slots)
    {
        Array.Fill(slots, -1);
        return slots;
    }

    /// <summary>The index of <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<char> key)
    {
        int mask = _slots.Length - 1;
        int slot = string.GetHashCode(key) & mask;
        while (true)
        {
            int index = _slots[slot];
            if (index < 0)
            {
                return -1;
            }
            if (key.SequenceEqual(_keys[index]))
            {
                return index;
            }
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>The index of <paramref name="key"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<char> key)
    {
        int found = Find(key);
        if (found >= 0)
        {
            return found;
        }
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }
        _keys[_count] = new string(key);
        if (2 * (_count + 1) > _slots.Length)
        {
            _slots = Fill(new int[_slots.Length * 2]);
            for (int i = 0; i < _count; i++)
            {
                Insert(i);
            }
        }
        Insert(_count);
        return _count++;
    }

    private void Insert(int index)
    {
        int mask = _slots.Length - 1;
        int slot = string.GetHashCode(_keys[index].AsSpan()) & mask;
        while (_slots[slot] >= 0)
        {
            slot = (slot + 1) & mask;
        }
        _slots[slot] = index;
    }
}

/// <summary>
/// A table reduced to its sampling clusters: for each cluster, the (cell, sum, count) entries of its rows, in compressed
/// rows. Memory grows with the number of distinct (cluster, cell) pairs, not with the number of rows.
/// </summary>
internal sealed class ClusterData
{
    private ClusterData(int cells, int[] offsets, int[] cell, double[] sum, int[] count, long rows)
    {
        Cells = cells;
        Offsets = offsets;
        Cell = cell;
        Sum = sum;
        Count = count;
        Rows = rows;
    }

    /// <summary>Number of cells (groups, or K·K pair slots).</summary>
    public int Cells { get; }

    /// <summary>Entries of cluster c are [Offsets[c], Offsets[c+1]).</summary>
    public int[] Offsets { get; }

    public int[] Cell { get; }

    public double[] Sum { get; }

    public int[] Count { get; }

    public long Rows { get; }

    public int Clusters => Offsets.Length - 1;

    /// <summary>The same entries with the cell count fixed once it is known.</summary>
    public ClusterData WithCells(int cells) => new(cells, Offsets, Cell, Sum, Count, Rows);

    /// <summary>
    /// Adds every entry of each cluster, <paramref name="multiplicity"/>[c] times, to the totals (which are cleared first).
    /// Clusters are visited in storage order, so the entries stream through the cache instead of being read at random.
    /// </summary>
    public void Accumulate(ReadOnlySpan<int> multiplicity, Span<double> sum, Span<long> count)
    {
        sum.Clear();
        count.Clear();
        var offsets = Offsets;
        var cells = Cell;
        var sums = Sum;
        var counts = Count;
        double[] rented = System.Buffers.ArrayPool<double>.Shared.Rent(sum.Length);
        var compensation = rented.AsSpan(0, sum.Length);
        compensation.Clear();
        for (int c = 0; c < multiplicity.Length; c++)
        {
            int m = multiplicity[c];
            if (m == 0)
            {
                continue;
            }
            for (int e = offsets[c], end = offsets[c + 1]; e < end; e++)
            {
                AddCompensated(ref sum[cells[e]], ref compensation[cells[e]], m * sums[e]);
                count[cells[e]] += (long)m * counts[e];
            }
        }
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += compensation[i];
        }
        System.Buffers.ArrayPool<double>.Shared.Return(rented);
    }

    /// <summary>
    /// Neumaier's compensated addition: <paramref name="sum"/> + <paramref name="compensation"/> carries the running total
    /// with the rounding error of every step kept, so {1e300, 1, −1e300} sums to 1, not 0.
    /// </summary>
    internal static void AddCompensated(ref double sum, ref double compensation, double value)
    {
        double t = sum + value;
        compensation += Math.Abs(sum) >= Math.Abs(value) ? (sum - t) + value : (value - t) + sum;
        sum = t;
    }

    /// <summary>Totals over every cluster (the full data).</summary>
    public void Totals(Span<double> sum, Span<long> count)
    {
        sum.Clear();
        count.Clear();
        var compensation = new double[sum.Length];
        for (int e = 0; e < Cell.Length; e++)
        {
            AddCompensated(ref sum[Cell[e]], ref compensation[Cell[e]], Sum[e]);
            count[Cell[e]] += Count[e];
        }
        for (int i = 0; i < sum.Length; i++)
        {
            sum[i] += compensation[i];
        }
    }

    /// <summary>
    /// Collects rows; each row adds (value, 1) to an entry of its (cluster, cell). Rows of a cluster that arrive together share
    /// entries (found by a short scan of the current run); a cluster that comes back later opens a new run, whose entries
    /// simply add up with the earlier ones. So there is no hash table: memory is 16 bytes per entry.
    /// </summary>
    internal sealed class Builder(int cells)
    {
        private int[] _cluster = new int[1024];
        private int[] _cell = new int[1024];
        private double[] _sum = new double[1024];
        private double[] _compensation = new double[1024];
        private int[] _count = new int[1024];
        private int _entries;
        private int _clusters;
        private long _rows;
        private int _runCluster = -1, _runStart;

        private void Grow()
        {
            int size = _cluster.Length * 2;
            Array.Resize(ref _cluster, size);
            Array.Resize(ref _cell, size);
            Array.Resize(ref _sum, size);
            Array.Resize(ref _compensation, size);
            Array.Resize(ref _count, size);
        }

        public void Add(int cluster, int cell, double value)
        {
            _rows++;
            _clusters = Math.Max(_clusters, cluster + 1);
            if (cluster == _runCluster)
            {
                for (int e = _runStart; e < _entries; e++)
                {
                    if (_cell[e] == cell)
                    {
                        AddCompensated(ref _sum[e], ref _compensation[e], value);
                        _count[e]++;
                        return;
                    }
                }
            }
            else
            {
                _runCluster = cluster;
                _runStart = _entries;
            }
            if (_entries == _cluster.Length)
            {
                Grow();
            }
            (_cluster[_entries], _cell[_entries], _sum[_entries], _compensation[_entries], _count[_entries]) = (cluster, cell, value, 0.0, 1);
            _entries++;
        }

        /// <summary>Adds a row that is its own cluster.</summary>
        public void AddSingleton(int cell, double value)
        {
            _runCluster = -1;
            Add(_clusters, cell, value);
        }

        public ClusterData Build()
        {
            int n = _entries;
            var offsets = new int[_clusters + 1];
            for (int e = 0; e < n; e++)
            {
                offsets[_cluster[e] + 1]++;
            }
            for (int c = 0; c < _clusters; c++)
            {
                offsets[c + 1] += offsets[c];
            }
            var next = (int[])offsets.Clone();
            var cell = new int[n];
            var sum = new double[n];
            var count = new int[n];
            for (int e = 0; e < n; e++)
            {
                int at = next[_cluster[e]]++;
                cell[at] = _cell[e];
                sum[at] = _sum[e] + _compensation[e];
                count[at] = _count[e];
            }
            return new ClusterData(cells, offsets, cell, sum, count, _rows);
        }
    }
}

namespace ActiveAlignment.Estimation;

/// <summary>An insertion-ordered string → index table looked up by span, so repeated keys allocate nothing.</summary>
internal sealed class SpanStringTable
{
    private string[] _keys = new string[16];
    private int[] _slots = Fill(new int[32]);
    private int _count;

    public int Count => _count;

    public string this[int index] => _keys[index];

    public IReadOnlyList<string> Keys => new ArraySegment<string>(_keys, 0, _count);

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

    /// <summary>Adds every entry of the clusters in <paramref name="draw"/> to the totals (which are cleared first).</summary>
    public void Accumulate(ReadOnlySpan<int> draw, Span<double> sum, Span<long> count)
    {
        sum.Clear();
        count.Clear();
        foreach (int c in draw)
        {
            for (int e = Offsets[c], end = Offsets[c + 1]; e < end; e++)
            {
                sum[Cell[e]] += Sum[e];
                count[Cell[e]] += Count[e];
            }
        }
    }

    /// <summary>Totals over every cluster (the full data).</summary>
    public void Totals(Span<double> sum, Span<long> count)
    {
        sum.Clear();
        count.Clear();
        for (int e = 0; e < Cell.Length; e++)
        {
            sum[Cell[e]] += Sum[e];
            count[Cell[e]] += Count[e];
        }
    }

    /// <summary>Collects rows; each row adds (value, 1) to its (cluster, cell) entry.</summary>
    internal sealed class Builder(int cells)
    {
        private readonly Dictionary<long, int> _entryOf = [];
        private readonly List<int> _cluster = [];
        private readonly List<int> _cell = [];
        private readonly List<double> _sum = [];
        private readonly List<int> _count = [];
        private int _clusters;
        private long _rows;
        private int _lastCluster = -1, _lastCell = -1, _lastEntry = -1;

        public void Add(int cluster, int cell, double value)
        {
            _rows++;
            _clusters = Math.Max(_clusters, cluster + 1);
            int entry;
            if (cluster == _lastCluster && cell == _lastCell)
            {
                entry = _lastEntry;
            }
            else
            {
                long key = ((long)cluster * cells) + cell;
                if (!_entryOf.TryGetValue(key, out entry))
                {
                    entry = _cell.Count;
                    _entryOf.Add(key, entry);
                    _cluster.Add(cluster);
                    _cell.Add(cell);
                    _sum.Add(0);
                    _count.Add(0);
                }
                (_lastCluster, _lastCell, _lastEntry) = (cluster, cell, entry);
            }
            _sum[entry] += value;
            _count[entry]++;
        }

        /// <summary>Adds a row that is its own cluster (no dictionary needed).</summary>
        public void AddSingleton(int cell, double value)
        {
            _rows++;
            _cluster.Add(_clusters++);
            _cell.Add(cell);
            _sum.Add(value);
            _count.Add(1);
        }

        public ClusterData Build()
        {
            int n = _cell.Count;
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
                sum[at] = _sum[e];
                count[at] = _count[e];
            }
            return new ClusterData(cells, offsets, cell, sum, count, _rows);
        }
    }
}

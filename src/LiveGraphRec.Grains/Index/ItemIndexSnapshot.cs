using System.Numerics.Tensors;
using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Grains.Index;

/// <summary>
/// A view of all item final embeddings and degrees on this silo, ranked with the core top-K scorer, or by degree for a
/// user the model cannot rank.
/// </summary>
/// <remarks>
/// Refreshes that only change existing items cost O(changed rows), not a copy of the catalog: snapshots come in
/// pairs of matrices (double buffering). <see cref="With"/> writes into the matrix of the snapshot before the
/// current one — after bringing it up to date with the changes it missed — and the current one's matrix becomes the
/// next spare. A snapshot therefore stays unchanged while it is current and for one refresh after; a ranking takes
/// well under a millisecond, far less than a refresh interval. New items (rare once a model is published) make a
/// fresh copy. The degrees travel in the same buffers; the popularity order is sorted once per snapshot, on first use.
/// </remarks>
public sealed class ItemIndexSnapshot
{
    private readonly IReadOnlyList<string> _ids;
    private readonly IReadOnlyDictionary<string, int> _rows;
    private readonly Buffer _current;
    /// <summary>The other matrix of the pair (the previous snapshot's), behind this one by <see cref="_spareBacklog"/>.</summary>
    private readonly Buffer? _spare;
    private readonly IReadOnlyCollection<IndexedItem> _spareBacklog;
    private readonly Lazy<int[]> _byPopularity;

    private ItemIndexSnapshot(long version, DateTimeOffset updatedAt, IReadOnlyList<string> ids,
        IReadOnlyDictionary<string, int> rows, Buffer current, Buffer? spare, IReadOnlyCollection<IndexedItem> spareBacklog,
        Lazy<int[]>? byPopularity = null)
    {
        Version = version;
        UpdatedAt = updatedAt;
        _ids = ids;
        _rows = rows;
        _current = current;
        _spare = spare;
        _spareBacklog = spareBacklog;
        _byPopularity = byPopularity ?? new Lazy<int[]>(() => PopularityOrder(current.Degrees));
    }

    public static ItemIndexSnapshot Empty(int dimension) =>
        new(0, DateTimeOffset.MinValue, [], new Dictionary<string, int>(), Buffer.Empty(dimension), null, []);

    /// <summary>Sum of the shard revisions taken in: grows with every item change.</summary>
    public long Version { get; }
    /// <summary>When this silo last pulled the shards successfully.</summary>
    public DateTimeOffset UpdatedAt { get; }
    public int Count => _ids.Count;

    /// <summary>
    /// The next snapshot: <paramref name="changed"/> items added or replaced. Call it on the current snapshot only
    /// (one writer): it reuses the previous snapshot's matrix.
    /// </summary>
    public ItemIndexSnapshot With(IReadOnlyCollection<IndexedItem> changed, long version, DateTimeOffset updatedAt)
    {
        int dim = _current.Matrix.Dim;
        if (changed.Count == 0)
        {
            return new ItemIndexSnapshot(version, updatedAt, _ids, _rows, _current, _spare, _spareBacklog, _byPopularity);
        }
        if (changed.Any(item => !_rows.ContainsKey(item.ItemId)))
        {
            var ids = new List<string>(_ids);
            var rows = new Dictionary<string, int>(_rows, StringComparer.Ordinal);
            foreach (IndexedItem item in changed)
            {
                if (rows.TryAdd(item.ItemId, ids.Count))
                {
                    ids.Add(item.ItemId);
                }
            }
            Buffer grown = _current.Copy(ids.Count);
            Write(grown, rows, changed, dim);
            return new ItemIndexSnapshot(version, updatedAt, ids, rows, grown, null, []);
        }
        Buffer target = _spare ?? _current.Copy(Count);
        if (_spare is not null)
        {
            Write(target, _rows, _spareBacklog, dim);
        }
        Write(target, _rows, changed, dim);
        return new ItemIndexSnapshot(version, updatedAt, _ids, _rows, target, _current, changed);
    }

    private static void Write(Buffer target, IReadOnlyDictionary<string, int> rows, IReadOnlyCollection<IndexedItem> items, int dim)
    {
        foreach (IndexedItem item in items.Where(item => item.Embedding.Length == dim))
        {
            int row = rows[item.ItemId];
            item.Embedding.CopyTo(target.Data.AsSpan(row * dim, dim));
            target.Tiles.SetRow(row, item.Embedding);
            target.Degrees[row] = item.Degree;
        }
    }

    /// <summary>Rows by degree, highest first; ties by row (the order items first reached this silo).</summary>
    private static int[] PopularityOrder(int[] degrees)
    {
        // One key per row, high bits the inverted degree and low bits the row: an ordinary sort of the keys is stable.
        var keys = new long[degrees.Length];
        for (int row = 0; row < keys.Length; row++)
        {
            keys[row] = ((long)(int.MaxValue - degrees[row]) << 32) | (uint)row;
        }
        Array.Sort(keys);
        return [.. keys.Select(key => (int)(key & uint.MaxValue))];
    }

    /// <summary>The best <paramref name="count"/> items for <paramref name="user"/> by dot product, best first.</summary>
    /// <param name="excluded">Item ids never returned (e.g. those the user has seen).</param>
    /// <param name="candidates">When given, only these items are ranked.</param>
    public IReadOnlyList<ScoredItem> Rank(float[] user, int count, IEnumerable<string> excluded, IReadOnlyList<string>? candidates)
    {
        HashSet<int> excludedRows = RowsOf(excluded);
        if (candidates is not null)
        {
            return candidates.Select(RowOf).Where(row => row >= 0 && !excludedRows.Contains(row)).Distinct()
                .Select(row => new ScoredItem(_ids[row], TensorPrimitives.Dot(user, _current.Matrix.Row(row))))
                .OrderByDescending(item => item.Score)
                .Take(count)
                .ToList();
        }
        int[] excludedSorted = [.. excludedRows.Order()];
        int k = Math.Min(count, Count);
        var topItems = new int[k];
        var topScores = new float[k];
        int found = _current.Scorer.Score(user, excludedSorted, topItems, topScores);
        return Enumerable.Range(0, found).Select(r => new ScoredItem(_ids[topItems[r]], topScores[r])).ToList();
    }

    /// <summary>
    /// The <paramref name="count"/> items with the most users, most first, scored by their degree: what to serve a
    /// user whose embedding cannot tell items apart.
    /// </summary>
    /// <param name="excluded">Item ids never returned (e.g. those the user has seen).</param>
    /// <param name="candidates">When given, only these items are ranked.</param>
    public IReadOnlyList<ScoredItem> RankByPopularity(int count, IEnumerable<string> excluded, IReadOnlyList<string>? candidates)
    {
        HashSet<int> excludedRows = RowsOf(excluded);
        int[] degrees = _current.Degrees;
        IEnumerable<int> ranked = candidates is null
            ? _byPopularity.Value
            : candidates.Select(RowOf).Where(row => row >= 0).Distinct().OrderByDescending(row => degrees[row]).ThenBy(row => row);
        return ranked.Where(row => !excludedRows.Contains(row)).Take(count).Select(row => new ScoredItem(_ids[row], degrees[row])).ToList();
    }

    /// <summary>Whether <paramref name="user"/> is all zeros, so that every item would score the same.</summary>
    public static bool CannotRank(ReadOnlySpan<float> user) => user.IsEmpty || TensorPrimitives.MaxMagnitude(user) == 0f;

    private HashSet<int> RowsOf(IEnumerable<string> itemIds) => [.. itemIds.Select(RowOf).Where(row => row >= 0)];

    /// <summary>
    /// The embeddings row-major (for candidate lists and copies) and tile-packed (for the full scan), kept equal by
    /// <see cref="Write"/>; one scorer per buffer serves every thread.
    /// </summary>
    private sealed class Buffer
    {
        private Buffer(float[] data, int[] degrees, int rows, int dimension, PackedItemTiles tiles)
        {
            Data = data;
            Degrees = degrees;
            Matrix = new EmbeddingMatrix(rows, dimension, data);
            Tiles = tiles;
            Scorer = new TopKScorer(Matrix, tiles);
        }

        public float[] Data { get; }
        public int[] Degrees { get; }
        public EmbeddingMatrix Matrix { get; }
        public PackedItemTiles Tiles { get; }
        public TopKScorer Scorer { get; }

        public static Buffer Empty(int dimension) => new([], [], 0, dimension, new PackedItemTiles(new EmbeddingMatrix(0, dimension, [])));

        /// <summary>A copy with room for <paramref name="rows"/> items; the rows past this buffer's are zero until written.</summary>
        public Buffer Copy(int rows)
        {
            var data = new float[rows * Matrix.Dim];
            var degrees = new int[rows];
            Data.CopyTo(data, 0);
            Degrees.CopyTo(degrees, 0);
            return new(data, degrees, rows, Matrix.Dim, Tiles.Clone(rows));
        }
    }

    private int RowOf(string itemId) => _rows.TryGetValue(itemId, out int row) ? row : -1;
}

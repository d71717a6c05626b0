using System.Numerics.Tensors;
using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Grains.Index;

/// <summary>An immutable view of all item final embeddings on this silo, ranked with the core top-K scorer.</summary>
public sealed class ItemIndexSnapshot
{
    // A scorer owns a score buffer as long as the catalog (164 KB for 41k items); one per thread and
    // matrix spares an allocation on the large-object heap per request. Rank never awaits, so no other
    // request can use the thread's scorer in between.
    [ThreadStatic] private static TopKScorer? t_scorer;

    private readonly IReadOnlyList<string> _ids;
    private readonly IReadOnlyDictionary<string, int> _rows;
    private readonly EmbeddingMatrix _matrix;

    private ItemIndexSnapshot(long version, DateTimeOffset updatedAt, IReadOnlyList<string> ids,
        IReadOnlyDictionary<string, int> rows, EmbeddingMatrix matrix)
    {
        Version = version;
        UpdatedAt = updatedAt;
        _ids = ids;
        _rows = rows;
        _matrix = matrix;
    }

    public static ItemIndexSnapshot Empty(int dimension) =>
        new(0, DateTimeOffset.MinValue, [], new Dictionary<string, int>(), new EmbeddingMatrix(0, dimension, []));

    /// <summary>Sum of the shard revisions taken in: grows with every item change.</summary>
    public long Version { get; }
    /// <summary>When this silo last pulled the shards successfully.</summary>
    public DateTimeOffset UpdatedAt { get; }
    public int Count => _ids.Count;

    /// <summary>A snapshot with <paramref name="changed"/> items added or replaced; the receiver is left as it is.</summary>
    public ItemIndexSnapshot With(IReadOnlyCollection<IndexedItem> changed, long version, DateTimeOffset updatedAt)
    {
        if (changed.Count == 0)
        {
            return new ItemIndexSnapshot(version, updatedAt, _ids, _rows, _matrix);
        }
        int dim = _matrix.Dim;
        var ids = new List<string>(_ids);
        var rows = new Dictionary<string, int>(_rows, StringComparer.Ordinal);
        foreach (IndexedItem item in changed)
        {
            if (rows.TryAdd(item.ItemId, ids.Count))
            {
                ids.Add(item.ItemId);
            }
        }
        var data = new float[ids.Count * dim];
        _matrix.Values.CopyTo(data);
        foreach (IndexedItem item in changed.Where(item => item.Embedding.Length == dim))
        {
            item.Embedding.CopyTo(data.AsSpan(rows[item.ItemId] * dim, dim));
        }
        return new ItemIndexSnapshot(version, updatedAt, ids, rows, new EmbeddingMatrix(ids.Count, dim, data));
    }

    /// <summary>The best <paramref name="count"/> items for <paramref name="user"/> by dot product, best first.</summary>
    /// <param name="excluded">Item ids never returned (e.g. those the user has seen).</param>
    /// <param name="candidates">When given, only these items are ranked.</param>
    public IReadOnlyList<ScoredItem> Rank(float[] user, int count, IEnumerable<string> excluded, IReadOnlyList<string>? candidates)
    {
        var excludedRows = new HashSet<int>(excluded.Select(RowOf).Where(row => row >= 0));
        if (candidates is not null)
        {
            return candidates.Select(RowOf).Where(row => row >= 0 && !excludedRows.Contains(row)).Distinct()
                .Select(row => new ScoredItem(_ids[row], TensorPrimitives.Dot(user, _matrix.Row(row))))
                .OrderByDescending(item => item.Score)
                .Take(count)
                .ToList();
        }
        int[] excludedSorted = [.. excludedRows.Order()];
        int k = Math.Min(count, Count);
        var topItems = new int[k];
        var topScores = new float[k];
        int found = Scorer().Score(user, excludedSorted, topItems, topScores);
        return Enumerable.Range(0, found).Select(r => new ScoredItem(_ids[topItems[r]], topScores[r])).ToList();
    }

    private TopKScorer Scorer()
    {
        TopKScorer? scorer = t_scorer;
        if (scorer is null || !ReferenceEquals(scorer.Items, _matrix))
        {
            t_scorer = scorer = new TopKScorer(_matrix);
        }
        return scorer;
    }

    private int RowOf(string itemId) => _rows.TryGetValue(itemId, out int row) ? row : -1;
}

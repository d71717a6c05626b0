using System.Buffers;

namespace LiveGraphRec.Core.Retrieval;

/// <summary>
/// Top-K retrieval for one user vector at a time against a fixed item matrix, scored on its tile-packed copy
/// (<see cref="PackedItemTiles"/>). Safe to share between threads: the catalog is only read, and each call rents
/// its score buffer from the shared pool, so after warm-up a call allocates nothing.
/// </summary>
public sealed class TopKScorer
{
    private readonly PackedItemTiles _tiles;

    public TopKScorer(EmbeddingMatrix items) : this(items, new PackedItemTiles(items))
    {
    }

    /// <param name="tiles">The packing of <paramref name="items"/>, for callers that keep it current themselves.</param>
    public TopKScorer(EmbeddingMatrix items, PackedItemTiles tiles)
    {
        if (tiles.ItemCount != items.Rows || tiles.Dim != items.Dim)
        {
            throw new ArgumentException($"The tiles hold {tiles.ItemCount} × {tiles.Dim}; the items are {items.Rows} × {items.Dim}.", nameof(tiles));
        }
        Items = items;
        _tiles = tiles;
    }

    public EmbeddingMatrix Items { get; }

    /// <summary>
    /// Scores every item, skips <paramref name="excludedSorted"/> (ascending item indices), and writes the top
    /// items (by score descending, ties by smaller index) to <paramref name="topItems"/>/<paramref name="topScores"/>,
    /// whose length is K. Returns how many were written (fewer than K when exclusions leave fewer items).
    /// </summary>
    public int Score(ReadOnlySpan<float> user, ReadOnlySpan<int> excludedSorted, Span<int> topItems, Span<float> topScores)
    {
        if (user.Length != Items.Dim)
        {
            throw new ArgumentException($"The user vector has {user.Length} dimensions; the items have {Items.Dim}.", nameof(user));
        }
        float[] scores = ArrayPool<float>.Shared.Rent(_tiles.PaddedItemCount);
        try
        {
            _tiles.Score(user, scores);
            return TopKSelection.Select(scores.AsSpan(0, Items.Rows), excludedSorted, topItems, topScores);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
        }
    }
}

namespace LiveGraphRec.Core.Retrieval;

/// <summary>
/// Top-K for many users at once: scores blocks of users against all items with a register-blocked
/// SGEMM kernel, then selects per user. Workers each own a score block and take user blocks dynamically.
/// </summary>
public sealed class BatchRanker
{
    /// <summary>Users scored together; a block of scores is BlockUsers × items floats (≈10 MB for 40k items).</summary>
    public const int BlockUsers = 64;

    private readonly PackedItemTiles _items;
    private readonly int _workerCount;

    /// <param name="maxDegreeOfParallelism">Worker threads; defaults to the processor count.</param>
    public BatchRanker(EmbeddingMatrix items, int maxDegreeOfParallelism = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDegreeOfParallelism);
        _items = new PackedItemTiles(items);
        _workerCount = maxDegreeOfParallelism == 0 ? Environment.ProcessorCount : maxDegreeOfParallelism;
    }

    public int ItemCount => _items.ItemCount;

    /// <summary>
    /// The best <paramref name="k"/> items of every user, best first, user u at [u*k, (u+1)*k); a user with
    /// fewer than k rankable items is padded with -1. <paramref name="excludedItemsOf"/> gives each user's
    /// ascending excluded items (e.g. <c>graph.ItemsOf</c> of the training graph).
    /// </summary>
    public int[] Rank(EmbeddingMatrix users, Func<int, ReadOnlySpan<int>>? excludedItemsOf, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var topItems = new int[(long)users.Rows * k];
        Rank(users, excludedItemsOf, k, topItems);
        return topItems;
    }

    /// <inheritdoc cref="Rank(EmbeddingMatrix, Func{int, ReadOnlySpan{int}}?, int)"/>
    public void Rank(EmbeddingMatrix users, Func<int, ReadOnlySpan<int>>? excludedItemsOf, int k, int[] topItems)
    {
        if (users.Dim != _items.Dim)
        {
            throw new ArgumentException($"Users have {users.Dim} dimensions; items have {_items.Dim}.", nameof(users));
        }
        if (topItems.Length != (long)users.Rows * k)
        {
            throw new ArgumentException($"Expected {users.Rows} × {k} output slots, got {topItems.Length}.", nameof(topItems));
        }
        int blockCount = (users.Rows + BlockUsers - 1) / BlockUsers;
        int workers = Math.Min(_workerCount, blockCount);
        int nextBlock = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            var scratch = new WorkerScratch(_items, k);
            for (int block = Interlocked.Increment(ref nextBlock); block < blockCount; block = Interlocked.Increment(ref nextBlock))
            {
                RankBlock(users, block * BlockUsers, excludedItemsOf, k, topItems, scratch);
            }
        });
    }

    private void RankBlock(EmbeddingMatrix users, int firstUser, Func<int, ReadOnlySpan<int>>? excludedItemsOf, int k,
        int[] topItems, WorkerScratch scratch)
    {
        int count = Math.Min(BlockUsers, users.Rows - firstUser);
        int padded = (count + PackedItemTiles.UserTile - 1) / PackedItemTiles.UserTile * PackedItemTiles.UserTile;
        Span<float> block = scratch.Users.AsSpan(0, padded * users.Dim);
        users.RowBlock(firstUser, count).CopyTo(block);
        block[(count * users.Dim)..].Clear();
        _items.Score(block, padded, scratch.Scores);

        int stride = _items.PaddedItemCount;
        for (int i = 0; i < count; i++)
        {
            int user = firstUser + i;
            ReadOnlySpan<float> scores = scratch.Scores.AsSpan(i * stride, _items.ItemCount);
            Span<int> top = topItems.AsSpan(user * k, k);
            int found = TopKSelection.Select(scores, excludedItemsOf is null ? default : excludedItemsOf(user), top, scratch.TopScores);
            top[found..].Fill(-1);
        }
    }

    /// <summary>What one worker reuses across its user blocks.</summary>
    private sealed class WorkerScratch(PackedItemTiles items, int k)
    {
        public float[] Users { get; } = new float[BlockUsers * items.Dim];
        public float[] Scores { get; } = new float[BlockUsers * items.PaddedItemCount];
        public float[] TopScores { get; } = new float[k];
    }
}

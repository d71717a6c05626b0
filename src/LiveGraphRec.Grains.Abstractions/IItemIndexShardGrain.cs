namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// One shard of the item retrieval index (key: shard number, items assigned by a stable hash of their id).
/// Item grains push their final embeddings here; every silo keeps a full local replica by pulling
/// changes. For a catalog too large for one silo, the same shards answer top-K queries themselves and
/// the caller merges their lists (scatter-gather) instead of replicating.
/// </summary>
[Alias("lgr.IItemIndexShardGrain")]
public interface IItemIndexShardGrain : IGrainWithIntegerKey
{
    /// <summary>Records an item's new final embedding and degree (fire and forget; latest wins).</summary>
    [OneWay, Alias("Upsert")]
    Task UpsertAsync(string itemId, float[] embedding, int degree);

    /// <summary>The items changed after <paramref name="afterRevision"/> (all of them for a different incarnation).</summary>
    [Alias("GetChanges")]
    Task<ItemIndexChanges> GetChangesAsync(Guid incarnation, long afterRevision);
}

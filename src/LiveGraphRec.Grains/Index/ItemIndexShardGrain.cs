using LiveGraphRec.Grains.Telemetry;

namespace LiveGraphRec.Grains.Index;

/// <summary>
/// One shard of the item index: the latest final embedding and degree of each of its items, each stamped with the
/// shard revision of its last change so that replicas pull only what changed. Derived state, persisted
/// write-behind every <see cref="GraphOptions.IndexPersistInterval"/>: a shard holds a few hundred KB and
/// changes with almost every event, so writing it as often as the nodes would dominate the Redis traffic.
/// Each activation starts a new incarnation, so replicas reload the shard rather than trust revisions that a
/// crash may have lost; items changed after the last write stay stale in the index until they change again
/// or the next publish.
/// </summary>
public sealed class ItemIndexShardGrain(
    [PersistentState("index", StorageNames.Graph)] IPersistentState<ItemIndexShardState> state,
    IOptions<GraphOptions> options,
    GraphMetrics metrics) : Grain, IItemIndexShardGrain
{
    private readonly WriteBehind<ItemIndexShardState> _writeBehind = new(state);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State.Incarnation = Guid.NewGuid();
        _writeBehind.MarkDirty();
        this.RegisterGrainTimer(_ => _writeBehind.FlushAsync(), WriteBehind<ItemIndexShardState>.TimerOptions(options.Value.IndexPersistInterval));
        metrics.Activated(GraphMetrics.GrainKind.IndexShard);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated(GraphMetrics.GrainKind.IndexShard);
        return _writeBehind.FlushAsync();
    }

    public Task UpsertAsync(string itemId, float[] embedding, int degree)
    {
        long revision = ++state.State.Revision;
        state.State.Items[itemId] = new IndexedItem(itemId, embedding, revision, degree);
        _writeBehind.MarkDirty();
        return Task.CompletedTask;
    }

    public Task<ItemIndexChanges> GetChangesAsync(Guid incarnation, long afterRevision)
    {
        long after = incarnation == state.State.Incarnation ? afterRevision : 0;
        var changed = state.State.Items.Values.Where(item => item.Revision > after).ToList();
        return Task.FromResult(new ItemIndexChanges(state.State.Incarnation, state.State.Revision, changed));
    }
}

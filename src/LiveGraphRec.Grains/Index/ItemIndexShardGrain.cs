using LiveGraphRec.Grains.Telemetry;

namespace LiveGraphRec.Grains.Index;

/// <summary>
/// One shard of the item index: the latest final embedding of each of its items, each stamped with the
/// shard revision of its last change so that replicas pull only what changed. Persisted write-behind;
/// the incarnation stays with the persisted state, so a reactivated shard continues its revisions.
/// </summary>
public sealed class ItemIndexShardGrain(
    [PersistentState("index", StorageNames.Graph)] IPersistentState<ItemIndexShardState> state,
    IOptions<GraphOptions> options,
    GraphMetrics metrics) : Grain, IItemIndexShardGrain
{
    private readonly WriteBehind<ItemIndexShardState> _writeBehind = new(state);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Incarnation == Guid.Empty)
        {
            state.State.Incarnation = Guid.NewGuid();
            _writeBehind.MarkDirty();
        }
        this.RegisterGrainTimer(_ => _writeBehind.FlushAsync(), WriteBehind<ItemIndexShardState>.TimerOptions(options.Value.FlushInterval));
        metrics.Activated(GraphMetrics.GrainKind.IndexShard);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.Deactivated(GraphMetrics.GrainKind.IndexShard);
        return _writeBehind.FlushAsync();
    }

    public Task UpsertAsync(string itemId, float[] embedding)
    {
        long revision = ++state.State.Revision;
        state.State.Items[itemId] = new IndexedItem(itemId, embedding, revision);
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

using System.Diagnostics;
using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Telemetry;

namespace LiveGraphRec.Grains.Nodes;

/// <summary>An item: its users and LightGCN state. Pushes its final embedding and degree to its index shard when they changed.</summary>
public sealed class ItemGrain(
    [PersistentState("node", StorageNames.Nodes)] IPersistentState<GraphNodeState> state,
    IOptions<GraphOptions> options,
    GraphMetrics metrics,
    ILogger<ItemGrain> logger) : GraphNodeGrain(state, options, metrics, logger), IItemGrain
{
    private bool _indexStale;
    // The trace of the first change since the last index update, which that update continues.
    private ActivityContext _indexChangeTrace;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await base.OnActivateAsync(cancellationToken);
        // A published or linked item is in the index; a fresh cold one appears once it changes.
        _indexStale = State.EmbeddingVersion > 0 || Embedding.Degree > 0;
        if (_indexStale)
        {
            ScheduleTick();
        }
    }

    public Task<LinkReply> LinkUserAsync(NeighbourLink link)
    {
        if (link.IsRelink)
        {
            bool linked = Relink(link.UserId, link.Timestamp, link.UserVersion, link.Contribution);
            float[] current = Embedding.Contribution();
            if (linked)
            {
                RecordHanded(link.UserId, current);
            }
            return Task.FromResult(new LinkReply(linked, State.EmbeddingVersion, current));
        }
        if (IsApplied(link.EventId) || (link.IsRepair && State.Neighbours.ContainsKey(link.UserId)))
        {
            return Task.FromResult(new LinkReply(false, State.EmbeddingVersion, Embedding.Contribution()));
        }
        bool isNew = RecordInteraction(link.UserId, link.Timestamp, link.Weight, link.UserVersion, link.Contribution, link.Sequence);
        float[] contribution = Embedding.Contribution();
        if (isNew)
        {
            RecordHanded(link.UserId, contribution);
        }
        RecordEvent(link.EventId, link.Timestamp);
        return Task.FromResult(new LinkReply(isNew, State.EmbeddingVersion, contribution));
    }

    protected override GraphMetrics.GrainKind Kind => GraphMetrics.GrainKind.Item;

    protected override IGraphNodeGrain Neighbour(string id) => GrainFactory.GetGrainFast<IUserGrain>(id);

    /// <summary>Coalesced: the index hears of an item at most once per write-behind tick.</summary>
    protected override void OnEmbeddingChanged()
    {
        if (!_indexStale && Activity.Current is { } current)
        {
            _indexChangeTrace = current.Context;
        }
        _indexStale = true;
        ScheduleTick();
    }

    /// <summary>
    /// A published version goes to the index at once rather than on the next tick, so a silo is ready (its index
    /// replica holds the model) one refresh after publishing ends, whatever the write-behind period.
    /// </summary>
    protected override Task OnPublishedAsync() => OnTickAsync();

    protected override bool HasTickWork => _indexStale;

    protected override async Task OnTickAsync()
    {
        if (!_indexStale)
        {
            return;
        }
        _indexStale = false;
        // Part of the traced event that changed the item; a change outside any trace (a publish) starts none.
        using Activity? activity = _indexChangeTrace == default ? null
            : LiveGraphRecTelemetry.Source.StartActivity("lgr index update", ActivityKind.Internal, _indexChangeTrace);
        activity?.SetTag("lgr.item", Id);
        _indexChangeTrace = default;
        var shard = GrainFactory.GetGrainFast<IItemIndexShardGrain>(ItemIndexShards.ShardOf(Id, Options.IndexShards));
        try
        {
            await shard.UpsertAsync(Id, FinalEmbedding(), Embedding.FullDegree);
        }
        catch
        {
            // Still stale, so the tick is retried rather than the index left behind until the item changes again.
            _indexStale = true;
            throw;
        }
    }
}

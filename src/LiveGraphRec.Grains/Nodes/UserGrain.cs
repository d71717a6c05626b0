using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Ingestion;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// A user: consumes its interaction stream (implicit subscription, key = user id), links items, and
/// ranks this silo's item index replica with its live final embedding.
/// </summary>
[ImplicitStreamSubscription(InteractionStreams.Namespace)]
public sealed partial class UserGrain(
    [PersistentState("node", StorageNames.Graph)] IPersistentState<GraphNodeState> state,
    IOptions<GraphOptions> options,
    LocalItemIndex itemIndex,
    ApplyProgress progress,
    ILogger<UserGrain> logger) : GraphNodeGrain(state, options, logger), IUserGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<InteractionEvent>().ResumeAsync(ApplyDeliveredAsync);

    public async Task<bool> ApplyInteractionAsync(InteractionEvent interaction)
    {
        if (interaction.UserId != Id)
        {
            throw new ArgumentException($"Event {interaction.EventId} is for user '{interaction.UserId}', not '{Id}'.", nameof(interaction));
        }
        var link = new NeighbourLink(Id, interaction.EventId, interaction.Timestamp, interaction.Weight,
            State.EmbeddingVersion, ContributionFor(interaction.ItemId));
        IItemGrain item = GrainFactory.GetGrain<IItemGrain>(interaction.ItemId);
        if (IsApplied(interaction.EventId))
        {
            // The item may have lost its side (a crash between the two write-behind flushes) while this
            // user kept its own: a repair link restores a missing edge and is a no-op otherwise.
            LogDuplicate(Logger, Id, interaction.EventId);
            progress.Duplicate();
            await item.LinkUserAsync(link with { IsRepair = true });
            return false;
        }
        LinkReply reply = await item.LinkUserAsync(link);
        if (reply.IsNewEdge)
        {
            RecordHanded(interaction.ItemId, link.Contribution);
        }
        RecordInteraction(interaction.ItemId, interaction.Timestamp, interaction.Weight, reply.ItemVersion, reply.Contribution);
        RecordEvent(interaction.EventId, interaction.Timestamp);
        progress.Applied(interaction);
        return true;
    }

    /// <summary>
    /// Applies a delivered batch, then waits until this user and every item it linked have it in grain storage.
    /// The stream provider acknowledges a batch only once this completes (Redis: XACK after the pulling agent
    /// reports it delivered), so write-behind never loses an acknowledged event with a crashed silo's unwritten
    /// state: an unacknowledged batch is delivered again and re-applies just what storage lacks (de-duplicated
    /// by event id; an item that lost its side gets a repair link). The price is one write per node per batch
    /// instead of one per flush interval while events arrive.
    /// </summary>
    private async Task ApplyDeliveredAsync(IList<SequentialItem<InteractionEvent>> batch)
    {
        foreach (SequentialItem<InteractionEvent> delivered in batch)
        {
            await ApplyInteractionAsync(delivered.Item);
        }
        await Task.WhenAll(batch.Select(delivered => delivered.Item.ItemId).Distinct(StringComparer.Ordinal)
            .Select(item => GrainFactory.GetGrain<IItemGrain>(item).PersistAsync())
            .Append(PersistAsync()));
    }

    public Task<RecommendationResult> GetRecommendationsAsync(RecommendationRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Count);
        ItemIndexSnapshot index = itemIndex.Current;
        IEnumerable<string> seen = request.ExcludeSeen ? State.Neighbours.Keys : [];
        IReadOnlyList<ScoredItem> items = index.Rank(FinalEmbedding(), request.Count, seen, request.Candidates);
        return Task.FromResult(new RecommendationResult(Id, items, State.EmbeddingVersion, index.Version, State.LastEventAt, index.UpdatedAt));
    }

    protected override IGraphNodeGrain Neighbour(string id) => GrainFactory.GetGrain<IItemGrain>(id);

    [LoggerMessage(Level = LogLevel.Debug, Message = "User {Id} skipped event {EventId}: already applied")]
    private static partial void LogDuplicate(ILogger logger, string id, string eventId);
}

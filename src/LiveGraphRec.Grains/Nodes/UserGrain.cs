using System.Diagnostics;
using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Telemetry;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Grains.Ingestion;

namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// A user (key = user id): applies its interactions (delivered by its partition's
/// <see cref="Ingestion.InteractionPartitionGrain"/>, or called directly), links items, and ranks this silo's item
/// index replica with its live final embedding.
/// </summary>
public sealed partial class UserGrain(
    [PersistentState("node", StorageNames.Nodes)] IPersistentState<GraphNodeState> state,
    IOptions<GraphOptions> options,
    LocalItemIndex itemIndex,
    GraphMetrics metrics,
    IInteractionLog interactionLog,
    ApplyProgress progress,
    ILogger<UserGrain> logger) : GraphNodeGrain(state, options, metrics, logger), IUserGrain
{
    public async Task<bool> ApplyInteractionAsync(InteractionEvent interaction)
    {
        CheckOwner(interaction);
        long sequence = IsApplied(interaction.EventId) ? 0 : await interactionLog.AppendAsync([LoggedInteraction.Of(interaction)]);
        return await ApplyAsync(interaction, sequence);
    }

    /// <param name="sequence">The event's interaction log sequence (0 for a duplicate).</param>
    private async Task<bool> ApplyAsync(InteractionEvent interaction, long sequence)
    {
        CheckOwner(interaction);
        var link = new NeighbourLink(Id, interaction.EventId, interaction.Timestamp, interaction.Weight,
            State.EmbeddingVersion, ContributionFor(interaction.ItemId), Sequence: sequence);
        IItemGrain item = GrainFactory.GetGrainFast<IItemGrain>(interaction.ItemId);
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
        RecordInteraction(interaction.ItemId, interaction.Timestamp, interaction.Weight, reply.ItemVersion, reply.Contribution, sequence);
        RecordEvent(interaction.EventId, interaction.Timestamp);
        progress.Applied(interaction);
        return true;
    }

    /// <summary>
    /// Applies this user's events of a delivered partition batch, then waits until this user and every item it linked
    /// have them in grain storage. The stream provider acknowledges a batch only once every user of it has completed
    /// (Redis: XACK after the pulling agent reports it delivered), so write-behind never loses an acknowledged event
    /// with a crashed silo's unwritten state: an unacknowledged batch is delivered again and re-applies just what
    /// storage lacks (de-duplicated by event id; an item that lost its side gets a repair link). The partition
    /// appended the events to the interaction log before this call (<see cref="DeliveredInteraction.Sequence"/>).
    /// </summary>
    public async Task<int> ApplyDeliveredAsync(IReadOnlyList<DeliveredInteraction> events)
    {
        int applied = 0;
        foreach (DeliveredInteraction delivered in events)
        {
            long started = Stopwatch.GetTimestamp();
            bool isNew = await ApplyAsync(delivered.Event, delivered.Sequence);
            Metrics.EventApplied(isNew, started, delivered.Event.AcceptedAt);
            applied += isNew ? 1 : 0;
        }
        await Task.WhenAll(events.Select(delivered => delivered.Event.ItemId).Distinct(StringComparer.Ordinal)
            .Select(item => GrainFactory.GetGrainFast<IItemGrain>(item).PersistAsync())
            .Append(PersistAsync()));
        return applied;
    }

    /// <summary>
    /// Re-links, on top of the new version, the edges whose first event came after the model's cut, in the online
    /// protocol's order (this user's prospective contribution to the item, the item's contribution back). Users
    /// drive it because the publisher pushes items first: the items have already cleared their aggregates.
    /// </summary>
    protected override async Task RelinkAfterCutAsync(long cut)
    {
        foreach (var (itemId, edge) in State.Neighbours.Where(pair => pair.Value.FirstSequence > cut).ToList())
        {
            var link = new NeighbourLink(Id, string.Empty, edge.LastAt, 0f, State.EmbeddingVersion, ContributionFor(itemId), IsRelink: true);
            LinkReply reply = await GrainFactory.GetGrainFast<IItemGrain>(itemId).LinkUserAsync(link);
            if (reply.IsNewEdge)
            {
                RecordHanded(itemId, link.Contribution);
            }
            Relink(itemId, edge.LastAt, reply.ItemVersion, reply.Contribution);
        }
    }

    public Task<RecommendationResult> GetRecommendationsAsync(RecommendationRequest request)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(request.Count);
        long started = Stopwatch.GetTimestamp();
        using Activity? activity = LiveGraphRecTelemetry.Source.StartActivity("lgr rank");
        ItemIndexSnapshot index = itemIndex.Current;
        IEnumerable<string> seen = request.ExcludeSeen ? State.Neighbours.Keys : [];
        float[] user = FinalEmbedding();
        // A zero embedding scores every item alike, which would make the list arbitrary.
        RecommendationSource source = ItemIndexSnapshot.CannotRank(user) ? RecommendationSource.Popularity : RecommendationSource.Model;
        IReadOnlyList<ScoredItem> items = source == RecommendationSource.Popularity
            ? index.RankByPopularity(request.Count, seen, request.Candidates)
            : index.Rank(user, request.Count, seen, request.Candidates);
        activity?.SetTag("lgr.user", Id);
        activity?.SetTag("lgr.items", items.Count);
        activity?.SetTag("lgr.source", GraphMetrics.SourceTag(source));
        Metrics.Recommended(started, empty: items.Count == 0, candidates: request.Candidates is not null, source);
        return Task.FromResult(new RecommendationResult(Id, items, State.EmbeddingVersion, index.Version, State.LastEventAt, index.UpdatedAt, source));
    }

    protected override GraphMetrics.GrainKind Kind => GraphMetrics.GrainKind.User;

    protected override IGraphNodeGrain Neighbour(string id) => GrainFactory.GetGrainFast<IItemGrain>(id);

    private void CheckOwner(InteractionEvent interaction)
    {
        if (interaction.UserId != Id)
        {
            throw new ArgumentException($"Event {interaction.EventId} is for user '{interaction.UserId}', not '{Id}'.", nameof(interaction));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "User {Id} skipped event {EventId}: already applied")]
    private static partial void LogDuplicate(ILogger logger, string id, string eventId);
}

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>A user (key: external user id): its interactions, LightGCN state and recommendations.</summary>
[Alias("lgr.IUserGrain")]
public interface IUserGrain : IGraphNodeGrain
{
    /// <summary>
    /// Applies one interaction: links the item, re-propagates both endpoints and corrects their
    /// neighbours. Idempotent by event id (and by source offset when the event has one).
    /// </summary>
    /// <returns>True when applied, false when the event had already been applied.</returns>
    [Alias("ApplyInteraction")]
    Task<bool> ApplyInteractionAsync(InteractionEvent interaction);

    /// <summary>
    /// Applies this user's events of one stream delivery, in order, each under the interaction log sequence its
    /// partition appended it with, and completes only once this user and every item it linked have them in grain
    /// storage (the delivery is acknowledged after that). Events already applied are no-ops (by event id).
    /// </summary>
    /// <returns>How many of the events were newly applied.</returns>
    [Alias("ApplyDelivered")]
    Task<int> ApplyDeliveredAsync(IReadOnlyList<DeliveredInteraction> events);

    /// <summary>Scores the user's final embedding against this silo's item index.</summary>
    /// <remarks>
    /// Interleaves: it reads the state without awaiting, so it sees every event applied so far and need not
    /// queue behind a delivered batch that waits for its commit.
    /// </remarks>
    [AlwaysInterleave, Alias("GetRecommendations")]
    Task<RecommendationResult> GetRecommendationsAsync(RecommendationRequest request);
}

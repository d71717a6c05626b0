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

    /// <summary>Scores the user's final embedding against this silo's item index.</summary>
    /// <remarks>
    /// Interleaves: it reads the state without awaiting, so it sees every event applied so far and need not
    /// queue behind a delivered batch that waits for its commit.
    /// </remarks>
    [AlwaysInterleave, Alias("GetRecommendations")]
    Task<RecommendationResult> GetRecommendationsAsync(RecommendationRequest request);
}

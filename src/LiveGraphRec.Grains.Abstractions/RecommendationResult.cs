namespace LiveGraphRec.Grains.Abstractions;

/// <param name="Items">Best first.</param>
/// <param name="ModelVersion">Embedding version the user's layer-0 embedding was published with; 0 for a cold user.</param>
/// <param name="IndexVersion">Version of the item index that was scored against (grows with every item change).</param>
/// <param name="LastEventAt">Timestamp of the last event applied to the user, if any.</param>
/// <param name="IndexUpdatedAt">When the item index last took in changes: the freshness of the item side.</param>
/// <param name="Source">What ranked <paramref name="Items"/>; with <see cref="RecommendationSource.Popularity"/> their scores are item degrees.</param>
[GenerateSerializer, Immutable, Alias("lgr.RecommendationResult")]
public sealed record RecommendationResult(
    [property: Id(0)] string UserId,
    [property: Id(1)] IReadOnlyList<ScoredItem> Items,
    [property: Id(2)] long ModelVersion,
    [property: Id(3)] long IndexVersion,
    [property: Id(4)] DateTimeOffset? LastEventAt,
    [property: Id(5)] DateTimeOffset IndexUpdatedAt,
    [property: Id(6)] RecommendationSource Source = RecommendationSource.Model);

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// A published layer-0 embedding for one user or item; nodes ignore versions not newer than theirs.
/// A new version starts a new online graph on top of the published base: the node clears its aggregates,
/// and a user re-links the edges the model did not see — those whose first event came after
/// <paramref name="Cut"/> in the interaction log — so no interaction is forgotten by the switch.
/// </summary>
/// <param name="Vector">The new e^(0); null keeps the node's own (a node the model does not know, rebased onto the new version).</param>
/// <param name="Cut">The interaction log sequence the model was trained up to; the default means "every edge so far".</param>
[GenerateSerializer, Immutable, Alias("lgr.EmbeddingUpdate")]
public sealed record EmbeddingUpdate(
    [property: Id(0)] long Version,
    [property: Id(1)] float[]? Vector,
    [property: Id(2)] long Cut = EmbeddingUpdate.EveryEdge)
{
    /// <summary>The cut of a model that covers every edge the nodes hold (an offline file published by hand).</summary>
    public const long EveryEdge = long.MaxValue;
}

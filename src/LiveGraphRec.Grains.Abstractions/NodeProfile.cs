namespace LiveGraphRec.Grains.Abstractions;

/// <summary>A user's or item's state as the API shows it.</summary>
/// <param name="Degree">Neighbours counted by the online propagation since the last publish.</param>
/// <param name="TrainedDegree">Neighbours the published embedding was trained with.</param>
/// <param name="Neighbours">The retained adjacency, most recent first (bounded; see the grain options).</param>
/// <param name="Embedding">The final embedding: the published one plus the online LightGCN layers.</param>
/// <param name="AppliedEvents">Events applied to this node, duplicates not counted.</param>
[GenerateSerializer, Immutable, Alias("lgr.NodeProfile")]
public sealed record NodeProfile(
    [property: Id(0)] string Id,
    [property: Id(1)] int Degree,
    [property: Id(2)] long EmbeddingVersion,
    [property: Id(3)] IReadOnlyList<NeighbourSummary> Neighbours,
    [property: Id(4)] float[] Embedding,
    [property: Id(5)] long AppliedEvents,
    [property: Id(6)] DateTimeOffset? LastEventAt,
    [property: Id(7)] int TrainedDegree = 0);

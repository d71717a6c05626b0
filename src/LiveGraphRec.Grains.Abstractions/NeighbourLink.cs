namespace LiveGraphRec.Grains.Abstractions;

/// <summary>A user linking an item for one event: what the item needs to update itself.</summary>
/// <param name="Contribution">The user's LightGCN contributions c^(0..K-1) at its degree including this edge.</param>
/// <param name="UserVersion">The user's embedding version, stored with the edge to match later corrections.</param>
/// <param name="IsRepair">Sent for an event the user had already applied: the item adds the edge only if it lacks it
/// (it lost its side in a crash), and never counts the interaction twice.</param>
/// <param name="IsRelink">Sent after a new embedding version to put an edge the model did not see back into the
/// aggregates: the item links it if it is not linked under its current version and counts nothing.</param>
/// <param name="Sequence">The event's interaction log sequence (0: none), which the item keeps on a new edge to tell
/// the edges a published model was trained on from later ones.</param>
[GenerateSerializer, Immutable, Alias("lgr.NeighbourLink")]
public sealed record NeighbourLink(
    [property: Id(0)] string UserId,
    [property: Id(1)] string EventId,
    [property: Id(2)] DateTimeOffset Timestamp,
    [property: Id(3)] float Weight,
    [property: Id(4)] long UserVersion,
    [property: Id(5)] float[] Contribution,
    [property: Id(6)] bool IsRepair = false,
    [property: Id(7)] bool IsRelink = false,
    [property: Id(8)] long Sequence = 0);

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>One adjacency entry: an item of a user, or a user of an item.</summary>
/// <param name="Interactions">Applied events on this edge; repeats add weight but not a second edge.</param>
[GenerateSerializer, Immutable, Alias("lgr.NeighbourSummary")]
public sealed record NeighbourSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] DateTimeOffset LastAt,
    [property: Id(2)] float Weight,
    [property: Id(3)] int Interactions);

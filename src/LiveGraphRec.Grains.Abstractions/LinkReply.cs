namespace LiveGraphRec.Grains.Abstractions;

/// <summary>The item's side of a link.</summary>
/// <param name="IsNewEdge">True when the item linked the user's contribution; false for a repeat on an existing edge or a duplicate event.</param>
/// <param name="Contribution">The item's current contributions c^(0..K-1), which the user links when the edge is new to it.</param>
[GenerateSerializer, Immutable, Alias("lgr.LinkReply")]
public sealed record LinkReply(
    [property: Id(0)] bool IsNewEdge,
    [property: Id(1)] long ItemVersion,
    [property: Id(2)] float[] Contribution);

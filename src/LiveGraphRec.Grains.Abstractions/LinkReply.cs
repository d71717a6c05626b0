namespace LiveGraphRec.Grains.Abstractions;

/// <summary>The item's side of a link.</summary>
/// <param name="IsNewEdge">False for a repeated interaction on an existing edge or a duplicate event: the user adds nothing to its aggregates.</param>
/// <param name="Contribution">The item's contributions after the link (empty when <paramref name="IsNewEdge"/> is false).</param>
[GenerateSerializer, Immutable, Alias("lgr.LinkReply")]
public sealed record LinkReply(
    [property: Id(0)] bool IsNewEdge,
    [property: Id(1)] long ItemVersion,
    [property: Id(2)] float[] Contribution);

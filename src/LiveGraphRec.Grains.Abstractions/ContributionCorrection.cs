namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// A neighbour's change of contribution after it gained an edge, added to the receiver's aggregates.
/// Applied only when the receiver's edge to the sender was made in the same embedding versions of
/// both, so that the correction refers to the contribution the receiver actually holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("lgr.ContributionCorrection")]
public sealed record ContributionCorrection(
    [property: Id(0)] string NeighbourId,
    [property: Id(1)] long NeighbourVersion,
    [property: Id(2)] float[] Delta);

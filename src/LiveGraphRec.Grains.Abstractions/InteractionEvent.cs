namespace LiveGraphRec.Grains.Abstractions;

/// <summary>One user–item interaction as it flows from ingestion through the event stream into the grains.</summary>
/// <param name="EventId">Unique per event; re-delivering an event with the same id changes nothing (the grains de-duplicate by it).</param>
/// <param name="Weight">Interaction strength, kept in the adjacency; LightGCN propagation itself is unweighted.</param>
/// <param name="AcceptedAt">When ingestion appended the event to the stream (the start of its apply lag); null for events applied directly.</param>
[GenerateSerializer, Immutable, Alias("lgr.InteractionEvent")]
public sealed record InteractionEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string ItemId,
    [property: Id(3)] InteractionKind Kind,
    [property: Id(4)] float Weight,
    [property: Id(5)] DateTimeOffset Timestamp,
    [property: Id(6)] DateTimeOffset? AcceptedAt = null);

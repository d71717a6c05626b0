namespace LiveGraphRec.Grains.Abstractions;

/// <summary>The items of one index shard that changed after a given revision.</summary>
/// <param name="Incarnation">Identifies the shard's revision sequence; a reader seeing a new one reloads the shard.</param>
/// <param name="Revision">The shard's revision now; pass it back to get only later changes.</param>
[GenerateSerializer, Immutable, Alias("lgr.ItemIndexChanges")]
public sealed record ItemIndexChanges(
    [property: Id(0)] Guid Incarnation,
    [property: Id(1)] long Revision,
    [property: Id(2)] IReadOnlyList<IndexedItem> Items);

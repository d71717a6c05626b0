namespace LiveGraphRec.Grains.Abstractions;

/// <summary>An item's final embedding as the retrieval index holds it.</summary>
/// <param name="Revision">The index shard's revision at which the embedding last changed.</param>
/// <param name="Degree">The item's users (trained and online): its popularity, for users the model cannot rank.</param>
[GenerateSerializer, Immutable, Alias("lgr.IndexedItem")]
public sealed record IndexedItem(
    [property: Id(0)] string ItemId,
    [property: Id(1)] float[] Embedding,
    [property: Id(2)] long Revision,
    [property: Id(3)] int Degree = 0);

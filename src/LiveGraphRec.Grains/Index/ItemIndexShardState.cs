namespace LiveGraphRec.Grains.Index;

[GenerateSerializer, Alias("lgr.ItemIndexShardState")]
public sealed class ItemIndexShardState
{
    [Id(0)] public Guid Incarnation { get; set; }
    [Id(1)] public long Revision { get; set; }
    [Id(2)] public Dictionary<string, IndexedItem> Items { get; set; } = new(StringComparer.Ordinal);
}

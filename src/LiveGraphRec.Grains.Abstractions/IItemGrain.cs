namespace LiveGraphRec.Grains.Abstractions;

/// <summary>An item (key: external item id): its users and LightGCN state; it keeps the item index current.</summary>
[Alias("lgr.IItemGrain")]
public interface IItemGrain : IGraphNodeGrain
{
    /// <summary>
    /// Links a user for one event: adds the edge (or repeats it), re-propagates the item, corrects the
    /// item's other users and returns the item's contribution. Idempotent by event id.
    /// </summary>
    [Alias("LinkUser")]
    Task<LinkReply> LinkUserAsync(NeighbourLink link);
}

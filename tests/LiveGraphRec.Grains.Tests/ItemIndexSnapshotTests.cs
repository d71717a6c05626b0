using LiveGraphRec.Grains.Index;

namespace LiveGraphRec.Grains.Tests;

public sealed class ItemIndexSnapshotTests
{
    private static readonly ItemIndexSnapshot Index = ItemIndexSnapshot.Empty(dimension: 2)
        .With([Item("a", 1, 0), Item("b", 0, 1), Item("c", 1, 1)], version: 3, DateTimeOffset.UnixEpoch);

    [Fact]
    public void RanksByDotProductSkippingExcludedItems()
    {
        var ranked = Index.Rank([1f, 0.5f], count: 2, excluded: ["c", "unknown"], candidates: null);
        Assert.Equal([("a", 1f), ("b", 0.5f)], ranked.Select(item => (item.ItemId, item.Score)));
    }

    [Fact]
    public void RanksOnlyTheKnownCandidates()
    {
        var ranked = Index.Rank([1f, 0.5f], count: 5, excluded: ["a"], candidates: ["b", "c", "c", "missing", "a"]);
        Assert.Equal(["c", "b"], ranked.Select(item => item.ItemId));
    }

    [Fact]
    public void ChangesReplaceRowsAndAppendNewItemsWithoutTouchingTheOldSnapshot()
    {
        ItemIndexSnapshot next = Index.With([Item("a", -1, 0), Item("d", 5, 5)], version: 5, DateTimeOffset.UnixEpoch);

        Assert.Equal((4, 5L), (next.Count, next.Version));
        Assert.Equal(["d", "c", "b"], next.Rank([1f, 1f], 3, [], null).Select(item => item.ItemId));
        Assert.Equal(1f, Index.Rank([1f, 0f], 1, [], ["a"]).Single().Score);
    }

    private static IndexedItem Item(string id, float x, float y) => new(id, [x, y], Revision: 1);
}

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

    [Fact]
    public void SuccessiveChangesOfKnownItemsCarryEveryEarlierChangeAndLeaveThePreviousSnapshotAsItWas()
    {
        ItemIndexSnapshot start = ItemIndexSnapshot.Empty(dimension: 2)
            .With([Item("a", 1, 0), Item("b", 0, 1), Item("c", 1, 1)], version: 3, DateTimeOffset.UnixEpoch);
        ItemIndexSnapshot first = start.With([Item("a", 2, 0)], version: 4, DateTimeOffset.UnixEpoch);
        ItemIndexSnapshot second = first.With([Item("b", 0, 3)], version: 5, DateTimeOffset.UnixEpoch);
        Assert.Equal([("a", 2f), ("b", 0f), ("c", 1f)], Scores(first));
        // The third reuses the matrix the first one was built on: it must hold the second change as well.
        ItemIndexSnapshot third = second.With([Item("c", -1, -1)], version: 6, DateTimeOffset.UnixEpoch);
        ItemIndexSnapshot fourth = third.With([Item("a", 4, 0)], version: 7, DateTimeOffset.UnixEpoch);

        Assert.Equal([("a", 2f), ("b", 0f), ("c", -1f)], Scores(third));
        Assert.Equal([("a", 4f), ("b", 0f), ("c", -1f)], Scores(fourth));
        Assert.Equal([3f], third.Rank([0f, 1f], 1, [], ["b"]).Select(item => item.Score));
        // The full scan reads the tile-packed copy of the rows, which every change must have reached too.
        foreach (ItemIndexSnapshot snapshot in new[] { start, first, second, third, fourth })
        {
            Assert.Equal(Scores(snapshot), snapshot.Rank([1f, 0f], count: 3, excluded: [], candidates: null)
                .Select(item => (item.ItemId, item.Score)).OrderBy(pair => pair.ItemId));
        }
    }

    [Fact]
    public void RanksByDegreeWithTiesInArrivalOrderSkippingExcludedItems()
    {
        ItemIndexSnapshot index = ItemIndexSnapshot.Empty(dimension: 2)
            .With([Item("a", 1, 0, degree: 2), Item("b", 0, 1, degree: 7), Item("c", 1, 1, degree: 2), Item("d", 0, 0, degree: 5)], 4, DateTimeOffset.UnixEpoch);

        Assert.Equal([("b", 7f), ("d", 5f), ("a", 2f), ("c", 2f)], index.RankByPopularity(10, [], null).Select(item => (item.ItemId, item.Score)));
        Assert.Equal(["d", "c"], index.RankByPopularity(2, excluded: ["b", "a", "unknown"], candidates: null).Select(item => item.ItemId));
        Assert.Equal(["d", "c"], index.RankByPopularity(5, excluded: ["b"], candidates: ["c", "missing", "b", "d", "c"]).Select(item => item.ItemId));
    }

    [Fact]
    public void DegreeChangesReachEverySnapshotOfThePairAndLeaveThePreviousOrderAsItWas()
    {
        ItemIndexSnapshot start = ItemIndexSnapshot.Empty(dimension: 2)
            .With([Item("a", 1, 0, degree: 3), Item("b", 0, 1, degree: 2), Item("c", 1, 1, degree: 1)], 3, DateTimeOffset.UnixEpoch);
        ItemIndexSnapshot first = start.With([Item("c", 1, 1, degree: 9)], 4, DateTimeOffset.UnixEpoch);
        Assert.Equal(["a", "b", "c"], Popular(start));
        ItemIndexSnapshot second = first.With([Item("b", 0, 1, degree: 5)], 5, DateTimeOffset.UnixEpoch);
        Assert.Equal(["c", "a", "b"], Popular(first));
        // Reuses the first one's buffers: it must carry the second change (b: 5) as well as its own.
        ItemIndexSnapshot third = second.With([Item("a", 1, 0, degree: 0)], 6, DateTimeOffset.UnixEpoch);

        Assert.Equal(["c", "b", "a"], Popular(third));
        Assert.Equal(["c", "b", "a"], Popular(third.With([], 6, DateTimeOffset.UnixEpoch)));
        Assert.Equal([9f, 5f, 0f], third.RankByPopularity(3, [], null).Select(item => item.Score));
    }

    [Theory]
    [InlineData(new[] { 0f, 0f, 0f }, true)]
    [InlineData(new[] { -0f, 0f }, true)]
    [InlineData(new[] { 0f, 0f, 1e-30f }, false)]
    [InlineData(new[] { -2f, 0f, 0f }, false)]
    public void OnlyAnAllZeroUserCannotBeRanked(float[] user, bool cannotRank) =>
        Assert.Equal(cannotRank, ItemIndexSnapshot.CannotRank(user));

    private static IEnumerable<string> Popular(ItemIndexSnapshot snapshot) =>
        snapshot.RankByPopularity(snapshot.Count, [], null).Select(item => item.ItemId);

    private static IEnumerable<(string, float)> Scores(ItemIndexSnapshot snapshot) =>
        snapshot.Rank([1f, 0f], count: 3, excluded: [], candidates: ["a", "b", "c"]).Select(item => (item.ItemId, item.Score)).OrderBy(pair => pair.ItemId);

    private static IndexedItem Item(string id, float x, float y, int degree = 0) => new(id, [x, y], Revision: 1, degree);
}

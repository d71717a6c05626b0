using LiveGraphRec.Prequential.Baselines;

namespace LiveGraphRec.Prequential.Tests;

public sealed class BaselineTests
{
    private static EventStream Empty(int users, int items) =>
        new(new Dataset("toy", IdMap.Sequential(users), IdMap.Sequential(items), [], [], HasTimestamps: true, []), [], []);

    [Fact]
    public void PopularityCountsOnlyTheWindowAndLeavesOutSeenItems()
    {
        var popularity = new RecentPopularity(window: 3);
        popularity.Start(Empty(users: 2, items: 4));
        var history = new StreamHistory(2);
        // Item 0 leaves the window; 1 is the most frequent in it, then 2.
        foreach (var interaction in new Interaction[] { new(0, 0, 0), new(0, 1, 1), new(1, 1, 2), new(1, 2, 3) })
        {
            popularity.Learn(interaction);
            history.Add(interaction);
        }

        Assert.Equal((0, 2, 1), (popularity.CountOf(0), popularity.CountOf(1), popularity.CountOf(2)));
        Assert.Equal([1, 2, 0], popularity.Recommend(user: 0, count: 3, new StreamHistory(2))); // ties: lower index first
        Assert.Equal([2, 3], popularity.Recommend(user: 0, count: 3, history)); // user 0 has seen 0 and 1: only two are left
    }

    [Fact]
    public void CoOccurrencePairsEventsOfOneUserWhileBothAreInTheWindow()
    {
        var cooccurrence = new RecentCoOccurrence(window: 4);
        cooccurrence.Start(Empty(users: 3, items: 5));
        foreach (var interaction in new Interaction[] { new(0, 0, 0), new(0, 1, 1), new(1, 0, 2), new(1, 2, 3) })
        {
            cooccurrence.Learn(interaction);
        }
        Assert.Equal((1, 1, 1, 0), (cooccurrence.CountOf(0, 1), cooccurrence.CountOf(1, 0), cooccurrence.CountOf(2, 0), cooccurrence.CountOf(1, 2)));

        cooccurrence.Learn(new Interaction(2, 3, 4)); // (u0, i0) leaves: its pair with i1 ends

        Assert.Equal((0, 1), (cooccurrence.CountOf(0, 1), cooccurrence.CountOf(0, 2)));
        var history = new StreamHistory(3);
        history.Add(new Interaction(2, 0, 0));
        // Item 2 co-occurs with the user's item 0; the rest is filled by recent popularity (1, 2, 3 once each, 0 seen).
        Assert.Equal([2, 1, 3], cooccurrence.Recommend(user: 2, count: 3, history));
    }

    [Fact]
    public void CoOccurrencePairsAnEventWithAtMostTheUsersLatestEvents()
    {
        var cooccurrence = new RecentCoOccurrence(window: 10, pairsPerEvent: 1);
        cooccurrence.Start(Empty(users: 1, items: 3));
        foreach (int item in new[] { 0, 1, 2 })
        {
            cooccurrence.Learn(new Interaction(0, item, item));
        }

        Assert.Equal((1, 1, 0), (cooccurrence.CountOf(0, 1), cooccurrence.CountOf(1, 2), cooccurrence.CountOf(0, 2)));
    }
}

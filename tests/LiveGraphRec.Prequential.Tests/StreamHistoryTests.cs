namespace LiveGraphRec.Prequential.Tests;

public sealed class StreamHistoryTests
{
    [Fact]
    public void KeepsSeenItemsMostRecentFirstAndCountsRepeats()
    {
        var history = new StreamHistory(userCount: 2);
        foreach (int item in new[] { 4, 5, 6, 4 })
        {
            history.Add(new Interaction(0, item, 0));
        }

        Assert.Equal(4, history.EventsOf(0));
        Assert.Equal(0, history.EventsOf(1));
        Assert.Equal([4, 6, 5], history.RecentItems(0, 10));
        Assert.Equal([4, 6], history.RecentItems(0, 2));
        Assert.True(history.HasSeen(0, 5));
        Assert.False(history.HasSeen(1, 5));
        Assert.Empty(history.SeenBy(1));
    }

    [Fact]
    public void TheStreamIsTheLatestShareOfTheEventsInTimeOrder()
    {
        Interaction[] events = [new(0, 0, 50), new(1, 1, 10), new(0, 1, 40), new(1, 0, 20), new(0, 2, 30)];
        var dataset = new Dataset("toy", IdMap.Sequential(2), IdMap.Sequential(3), events, [], HasTimestamps: true, []);

        var stream = EventStream.Split(dataset, trainFraction: 0.6);

        Assert.Equal([10L, 20, 30], stream.Prefix.Select(e => e.Timestamp));
        Assert.Equal([40L, 50], stream.Events.Select(e => e.Timestamp));
        Assert.Throws<ArgumentOutOfRangeException>(() => EventStream.Split(dataset, 1.0));
        Assert.Throws<ArgumentException>(() => EventStream.Split(dataset with { HasTimestamps = false }, 0.6));
    }
}

using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

public sealed class EventCsvLoaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dataset Load(string content, bool skipInvalid = false) =>
        DatasetLoader.Load(_dir.Write("events.csv", content), new DatasetLoadOptions { SkipInvalid = skipInvalid });

    [Fact]
    public void ReadsColumnsInHeaderOrderWithDefaultWeight()
    {
        Dataset data = Load("item,timestamp,user\nbook,1700000000,alice\nlamp,1700000100,bob\n");

        Assert.Equal(["alice", "bob"], data.Users.Ids);
        Assert.Equal(["book", "lamp"], data.Items.Ids);
        Assert.Equal([new Interaction(0, 0, 1700000000), new Interaction(1, 1, 1700000100)], data.Train);
        Assert.True(data.HasTimestamps);
        Assert.Equal("events", data.Name);
    }

    [Fact]
    public void ConvertsIsoTimestampsToUnixSeconds()
    {
        Dataset data = Load("""
            user,item,timestamp,weight
            u,a,2023-11-14T22:13:20Z,2
            u,b,2023-11-14T23:13:20+01:00,
            u,c,2023-11-14,0.5

            """);

        Assert.Equal([1700000000L, 1700000000L, 1699920000L], data.Train.Select(x => x.Timestamp));
        Assert.Equal([2f, 1f, 0.5f], data.Train.Select(x => x.Weight));
    }

    [Fact]
    public void RepeatedEventIdIsCountedAndOnlyTheFirstKept()
    {
        Dataset data = Load("user,item,timestamp,eventId\nu,a,1,e1\nu,b,2,e1\nu,c,3,e2\nu,d,4,\n");

        Assert.Equal(3, data.Train.Length);
        Assert.Equal(1, data.Reports[0].DuplicateEvents);
        Assert.Equal(["a", "c", "d"], data.Items.Ids);
    }

    [Fact]
    public void BadTimestampNamesFileLineAndField()
    {
        var error = DataErrorAssert.Throws(() => Load("user,item,timestamp\nu,a,1\nu,b,11/14/2023\n"), "events.csv", 3, "timestamp");
        Assert.Equal("11/14/2023", error.Value);
    }

    [Fact]
    public void BadWeightNamesTheField() =>
        DataErrorAssert.Throws(() => Load("user,item,timestamp,weight\nu,a,1,heavy\n"), "events.csv", 2, "weight");

    [Fact]
    public void InfiniteWeightIsRejected() =>
        DataErrorAssert.Throws(() => Load("user,item,timestamp,weight\nu,a,1,1e99\n"), "events.csv", 2, "weight");

    [Fact]
    public void EmptyUserIsRejected() =>
        DataErrorAssert.Throws(() => Load("user,item,timestamp\n,a,1\n"), "events.csv", 2, "user");

    [Fact]
    public void MissingFieldNamesTheColumn() =>
        DataErrorAssert.Throws(() => Load("user,item,timestamp\nu,a\n"), "events.csv", 2, "timestamp");

    [Fact]
    public void EmptyFileIsAnErrorNamingTheFile()
    {
        var error = DataErrorAssert.Throws(() => Load(""), "events.csv", 0);
        Assert.Contains("user,item,timestamp[,weight][,eventId]", error.Message);
    }

    [Fact]
    public void UnknownHeaderColumnIsNamed() =>
        DataErrorAssert.Throws(() => Load("user,item,timestamp,wieght\nu,a,1,2\n"), "events.csv", 1, "wieght");

    [Fact]
    public void RepeatedHeaderColumnIsAnError() =>
        DataErrorAssert.Throws(() => Load("user,item,user,timestamp\nu,a,v,1\n"), "events.csv", 1, "user");

    [Fact]
    public void SkipInvalidCountsBadRowsAndKeepsGoodOnes()
    {
        Dataset data = Load("user,item,timestamp\nu,a,1\nu,b,yesterday\nu,c,2,extra\nv,d,3\n", skipInvalid: true);

        Assert.Equal(2, data.Train.Length);
        Assert.Equal(2, data.Reports[0].SkippedInvalid);
        Assert.Equal(["a", "d"], data.Items.Ids);
    }
}

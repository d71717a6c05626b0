using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

public sealed class LightGcnLoaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dataset Load(bool skipInvalid = false) =>
        DatasetLoader.Load(_dir.Path, new DatasetLoadOptions { SkipInvalid = skipInvalid });

    [Fact]
    public void MapsIdsInFirstSeenOrderAcrossTrainAndTest()
    {
        _dir.Write("train.txt", "10 5 7\n20 7\n");
        _dir.Write("test.txt", "10 9\n30 5\n");

        Dataset data = Load();

        Assert.Equal(["10", "20", "30"], data.Users.Ids);
        Assert.Equal(["5", "7", "9"], data.Items.Ids);
        Assert.Equal([new Interaction(0, 0, 0), new Interaction(0, 1, 0), new Interaction(1, 1, 0)], data.Train);
        Assert.Equal([new Interaction(0, 2, 0), new Interaction(2, 0, 0)], data.Test);
        Assert.False(data.HasTimestamps);
        Assert.Equal([3L, 2L], data.Reports.Select(r => r.Records));
        Assert.Equal(Path.GetFileName(_dir.Path), data.Name);
    }

    [Fact]
    public void UserWithoutItemsGetsAnIdAndNoInteractions()
    {
        _dir.Write("train.txt", "1 2\n3\n");

        Dataset data = Load();

        Assert.Equal(2, data.UserCount);
        Assert.Single(data.Train);
    }

    [Fact]
    public void ToleratesCrLfTabsRepeatedSpacesBlankLinesAndNoFinalNewline()
    {
        _dir.Write("train.txt", "1  2\t3 \r\n\r\n4 2");

        Dataset data = Load();

        Assert.Equal(3, data.Train.Length);
        Assert.Equal(["1", "4"], data.Users.Ids);
        Assert.Equal(3, data.Reports[0].LinesRead);
    }

    [Fact]
    public void ReadsLinesLongerThanTheReadBuffer()
    {
        string items = string.Join(' ', Enumerable.Range(0, 50_000));
        _dir.Write("train.txt", $"1 {items}\n2 {items}\n");

        Dataset data = Load();

        Assert.Equal(100_000, data.Train.Length);
        Assert.Equal(50_000, data.ItemCount);
    }

    [Fact]
    public void MissingTestFileGivesEmptyTest()
    {
        _dir.Write("train.txt", "1 2\n");

        Assert.Empty(Load().Test);
    }

    [Fact]
    public void BadNumberNamesFileLineAndField()
    {
        _dir.Write("train.txt", "1 2\n3 4 x5\n");

        var error = DataErrorAssert.Throws(() => Load(), "train.txt", 2, "item");
        Assert.Equal("x5", error.Value);
    }

    [Fact]
    public void BadUserIdInTestFileNamesTheTestFile()
    {
        _dir.Write("train.txt", "1 2\n");
        _dir.Write("test.txt", "-1 2\n");

        DataErrorAssert.Throws(() => Load(), "test.txt", 1, "user");
    }

    [Fact]
    public void EmptyFileIsAnErrorNamingTheFile()
    {
        _dir.Write("train.txt", "\n  \n");

        var error = DataErrorAssert.Throws(() => Load(), "train.txt", 0);
        Assert.Contains("no records", error.Message);
    }

    [Fact]
    public void SkipInvalidCountsBadLinesAndLeavesNoTraceOfThem()
    {
        _dir.Write("train.txt", "1 2\n9 3 oops\n4 5\n");

        Dataset data = Load(skipInvalid: true);

        Assert.Equal(["1", "4"], data.Users.Ids);
        Assert.Equal(["2", "5"], data.Items.Ids);
        Assert.Equal(2, data.Train.Length);
        LoadReport report = data.Reports[0];
        Assert.Equal(1, report.SkippedInvalid);
        Assert.StartsWith("train.txt:2: field 'item': 'oops'", Assert.Single(report.SampleErrors));
    }
}

using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

public sealed class EventJsonLinesLoaderTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private Dataset Load(string content, bool skipInvalid = false, string fileName = "events.jsonl") =>
        DatasetLoader.Load(_dir.Write(fileName, content), new DatasetLoadOptions { SkipInvalid = skipInvalid });

    [Fact]
    public void StringAndNumberIdsMapToTheSameIndex()
    {
        Dataset data = Load("""
            {"user":"u1","item":"i9","timestamp":1700000000,"weight":2.5,"eventId":"e1"}
            {"user":7,"item":9,"timestamp":"2023-11-14T22:13:20Z"}
            {"item":"9","user":"7","timestamp":1700000001,"weight":null}
            """);

        Assert.Equal(["u1", "7"], data.Users.Ids);
        Assert.Equal(["i9", "9"], data.Items.Ids);
        Assert.Equal([
            new Interaction(0, 0, 1700000000, 2.5f),
            new Interaction(1, 1, 1700000000),
            new Interaction(1, 1, 1700000001)], data.Train);
    }

    [Fact]
    public void UnescapesJsonStrings()
    {
        Dataset data = Load("""{"user":"caf\u00e9 \"q\"","item":"x","timestamp":1}""");

        Assert.Equal("café \"q\"", data.Users[0]);
    }

    [Fact]
    public void NdjsonExtensionAndFormatOverrideAreJsonLines()
    {
        Assert.Single(Load("""{"user":"u","item":"i","timestamp":1}""", fileName: "events.ndjson").Train);

        string path = _dir.Write("events.log", """{"user":"u","item":"i","timestamp":1}""");
        var options = new DatasetLoadOptions { Format = DatasetFormat.EventJsonLines };
        Assert.Single(DatasetLoader.Load(path, options).Train);
    }

    [Fact]
    public void RepeatedEventIdIsCounted()
    {
        Dataset data = Load("""
            {"user":"u","item":"a","timestamp":1,"eventId":"e1"}
            {"user":"u","item":"b","timestamp":2,"eventId":"e1"}
            """);

        Assert.Single(data.Train);
        Assert.Equal(1, data.Reports[0].DuplicateEvents);
    }

    [Fact]
    public void BadNumberNamesFileLineAndField() =>
        DataErrorAssert.Throws(() => Load("""
            {"user":"u","item":"a","timestamp":1}
            {"user":"u","item":"a","timestamp":1.5}
            """), "events.jsonl", 2, "timestamp");

    [Fact]
    public void NaNWeightIsRejected() =>
        DataErrorAssert.Throws(() => Load("""{"user":"u","item":"a","timestamp":1,"weight":"NaN"}"""), "events.jsonl", 1, "weight");

    [Fact]
    public void MissingFieldIsNamed()
    {
        var error = DataErrorAssert.Throws(() => Load("""{"user":"u","timestamp":1}"""), "events.jsonl", 1, "item");
        Assert.Contains("is missing", error.Message);
    }

    [Fact]
    public void UnknownPropertyIsNamed() =>
        DataErrorAssert.Throws(() => Load("""{"user":"u","item":"a","timestamp":1,"userId":"u"}"""), "events.jsonl", 1, "userId");

    [Fact]
    public void RepeatedPropertyIsAnError() =>
        DataErrorAssert.Throws(() => Load("""{"user":"u","item":"a","user":"v","timestamp":1}"""), "events.jsonl", 1, "user");

    [Fact]
    public void NestedValueIsAnError() =>
        DataErrorAssert.Throws(() => Load("""{"user":{"id":1},"item":"a","timestamp":1}"""), "events.jsonl", 1, "user");

    [Fact]
    public void InvalidJsonAndTrailingTextAreErrors()
    {
        Assert.Contains("not valid JSON",
            DataErrorAssert.Throws(() => Load("""{"user":"u","item":"""), "events.jsonl", 1).Message);
        DataErrorAssert.Throws(() => Load("""{"user":"u","item":"a","timestamp":1} {}"""), "events.jsonl", 1);
        DataErrorAssert.Throws(() => Load("""["u","a",1]"""), "events.jsonl", 1);
    }

    [Fact]
    public void EmptyFileIsAnErrorNamingTheFile() =>
        DataErrorAssert.Throws(() => Load("\n\n"), "events.jsonl", 0);

    [Fact]
    public void SkipInvalidCountsBadLinesAndKeepsGoodOnes()
    {
        Dataset data = Load("""
            {"user":"u","item":"a","timestamp":1}
            not json
            {"user":"bad","item":"b","timestamp":"soon"}
            {"user":"v","item":"c","timestamp":2}
            """, skipInvalid: true);

        Assert.Equal(["u", "v"], data.Users.Ids);
        Assert.Equal(2, data.Train.Length);
        Assert.Equal(2, data.Reports[0].SkippedInvalid);
        Assert.Equal(2, data.Reports[0].SampleErrors.Count);
    }
}

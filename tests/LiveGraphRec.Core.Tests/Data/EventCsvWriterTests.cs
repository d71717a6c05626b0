using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Tests.Data;

public class EventCsvWriterTests
{
    [Fact]
    public void Writes_header_then_train_and_test_events_in_external_ids()
    {
        using var folder = new TempFolder();
        string path = folder.File("events.csv");
        var users = new IdMap();
        users.GetOrAdd("alice");
        users.GetOrAdd("bob, \"the builder\"");
        var dataset = new Dataset("d", users, IdMap.Sequential(2),
            Train: [new(0, 1, 1_700_000_000), new(1, 0, 1_700_000_100, 2.5f)],
            Test: [new(0, 0, 1_700_000_200)],
            HasTimestamps: true, Reports: []);

        EventCsvWriter.Write(path, dataset);

        Assert.Equal(
            "user,item,timestamp,weight\n" +
            "alice,1,1700000000,1\n" +
            "\"bob, \"\"the builder\"\"\",0,1700000100,2.5\n" +
            "alice,0,1700000200,1\n",
            File.ReadAllText(path));
        Assert.Equal(["events.csv"], folder.Files());
    }
}

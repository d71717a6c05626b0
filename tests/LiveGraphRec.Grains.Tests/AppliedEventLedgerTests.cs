using LiveGraphRec.Grains.Nodes;

namespace LiveGraphRec.Grains.Tests;

public sealed class AppliedEventLedgerTests
{
    [Fact]
    public void RemembersTheMostRecentIdsUpToItsCapacity()
    {
        var ledger = new AppliedEventLedger();
        foreach (string id in new[] { "a", "b", "c", "b" })
        {
            ledger.Record(id, capacity: 2);
        }
        Assert.Equal(["b", "c"], ledger.RecentIds);
        Assert.False(ledger.Contains("a"));
        Assert.True(ledger.Contains("b") && ledger.Contains("c"));
    }

    [Fact]
    public void OffsetsAtOrBelowASourcesWatermarkAreDuplicates()
    {
        var ledger = new AppliedEventLedger();
        ledger.Record("e7", capacity: 1, source: "partition-1", offset: 7);
        ledger.Record("e8", capacity: 1, source: "partition-1", offset: 5);

        Assert.True(ledger.Contains("forgotten-id", "partition-1", 7));
        Assert.False(ledger.Contains("new-id", "partition-1", 8));
        Assert.False(ledger.Contains("new-id", "partition-2", 3));
        Assert.False(ledger.Contains("new-id", source: null, offset: 3));
        Assert.Equal(7, ledger.Watermarks["partition-1"]);
    }

    [Fact]
    public void TheLookupIsRebuiltFromPersistedIds()
    {
        // As after reading state back: only RecentIds was stored.
        var restored = new AppliedEventLedger { RecentIds = ["x", "y"] };
        Assert.True(restored.Contains("y"));
        restored.Record("z", capacity: 2);
        Assert.False(restored.Contains("x"));
    }
}

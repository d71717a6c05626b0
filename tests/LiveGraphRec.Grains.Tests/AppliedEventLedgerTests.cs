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
    public void TheLookupIsRebuiltFromPersistedIds()
    {
        // As after reading state back: only RecentIds was stored.
        var restored = new AppliedEventLedger { RecentIds = ["x", "y"] };
        Assert.True(restored.Contains("y"));
        restored.Record("z", capacity: 2);
        Assert.False(restored.Contains("x"));
    }
}

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
        Assert.Equal([AppliedEventLedger.HashOf("b"), AppliedEventLedger.HashOf("c")], ledger.RecentHashes);
        Assert.False(ledger.Contains("a"));
        Assert.True(ledger.Contains("b") && ledger.Contains("c"));
    }

    [Fact]
    public void TheLookupIsRebuiltFromPersistedHashes()
    {
        // As after reading state back: only RecentHashes was stored.
        var restored = new AppliedEventLedger { RecentHashes = [AppliedEventLedger.HashOf("x"), AppliedEventLedger.HashOf("y")] };
        Assert.True(restored.Contains("y"));
        restored.Record("z", capacity: 2);
        Assert.False(restored.Contains("x"));
    }

    [Fact]
    public void ALedgerStoredWithIdsIsConvertedAndKeepsItsOrder()
    {
        var stored = new AppliedEventLedger { RecentIds = ["old-1", "old-2"] };
        stored.Record("new", capacity: 2);
        Assert.Null(stored.RecentIds);
        Assert.False(stored.Contains("old-1"));
        Assert.True(stored.Contains("old-2") && stored.Contains("new"));
    }

    [Fact]
    public void TheHashOfAnIdNeverChanges()
    {
        // Stored ledgers hold these values: a different hash function would make every stored event look new.
        Assert.Equal(AppliedEventLedger.HashOf("event-1"), AppliedEventLedger.HashOf(new string("event-1".ToCharArray())));
        Assert.Equal(2693494028458641153UL, AppliedEventLedger.HashOf("event-1"));
    }
}

using System.IO.Hashing;
using System.Text;

namespace LiveGraphRec.Grains.Index;

public static class ItemIndexShards
{
    /// <summary>The shard of an item: a hash of its id that is stable across processes and versions.</summary>
    public static int ShardOf(string itemId, int shardCount) =>
        (int)(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(itemId)) % (ulong)shardCount);
}

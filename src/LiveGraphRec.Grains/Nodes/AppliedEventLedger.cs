using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// Which events a node has applied, to make re-delivery a no-op: the most recent event ids (bounded,
/// oldest forgotten first). Ids, not log offsets: after a crash the Redis provider re-delivers pending
/// entries after newer ones of the same partition, so an offset watermark would drop events it never applied.
/// A re-delivery comes within two pending-idle timeouts, well inside the last <see cref="GraphOptions.RecentEventIds"/> events.
/// </summary>
/// <remarks>
/// Kept as 64-bit hashes of the ids (<see cref="HashOf"/>), not the id strings: every id used to stay reachable from
/// two ledgers — the longest-lived per-event objects on the heap, and most of a busy node's stored state. Two
/// different ids share a hash with probability 2^-64, so a ledger of 1,024 shadows a new event with probability ~6·10^-14.
/// Ledgers stored with ids (before hashes) are converted on first use.
/// </remarks>
[GenerateSerializer, Alias("lgr.AppliedEventLedger")]
public sealed class AppliedEventLedger
{
    [NonSerialized] private HashSet<ulong>? _lookup;

    /// <summary>Ids as ledgers stored them before hashes; read to convert, then dropped.</summary>
    [Id(0)] public List<string>? RecentIds { get; set; }

    /// <summary>Hashes of the most recent ids, oldest first; stored as <see cref="PackedHashes"/>.</summary>
    [field: NonSerialized] public List<ulong> RecentHashes { get; set; } = [];

    /// <summary>
    /// The hashes as stored: one byte copy (native order, little-endian on every target) instead of a field per element — an item's ledger holds
    /// 1,024 of them and is written with every commit of the item.
    /// </summary>
    [Id(2)] public byte[] PackedHashes
    {
        get => MemoryMarshal.AsBytes(CollectionsMarshal.AsSpan(RecentHashes)).ToArray();
        set => RecentHashes = [.. MemoryMarshal.Cast<byte, ulong>(value)];
    }

    /// <summary>Hashes as ledgers stored them before they were packed: read, never written.</summary>
    [Id(1)] public List<ulong>? UnpackedHashes
    {
        get => null;
        set
        {
            if (value is not null)
            {
                RecentHashes = value;
            }
        }
    }

    private HashSet<ulong> Lookup => _lookup ??= Load();

    public bool Contains(string eventId) => Lookup.Contains(HashOf(eventId));

    public void Record(string eventId, int capacity)
    {
        ulong hash = HashOf(eventId);
        if (Lookup.Add(hash))
        {
            RecentHashes.Add(hash);
        }
        if (RecentHashes.Count > capacity)
        {
            int excess = RecentHashes.Count - capacity;
            Lookup.ExceptWith(RecentHashes.Take(excess));
            RecentHashes.RemoveRange(0, excess);
        }
    }

    /// <summary>XxHash3 (seed 0) of the id's UTF-16 code units: stable across processes and versions, as stored state needs.</summary>
    public static ulong HashOf(string eventId) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));

    private HashSet<ulong> Load()
    {
        RecentHashes ??= [];
        if (RecentIds is { } ids)
        {
            RecentHashes.InsertRange(0, ids.Select(HashOf));
            RecentIds = null;
        }
        return [.. RecentHashes];
    }
}

namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// Which events a node has applied, to make re-delivery a no-op: the most recent event ids (bounded,
/// oldest forgotten first). Ids, not log offsets: after a crash the Redis provider re-delivers pending
/// entries after newer ones of the same partition, so an offset watermark would drop events it never applied.
/// A re-delivery comes within two pending-idle timeouts, well inside the last <see cref="GraphOptions.RecentEventIds"/> events.
/// </summary>
[GenerateSerializer, Alias("lgr.AppliedEventLedger")]
public sealed class AppliedEventLedger
{
    [NonSerialized] private HashSet<string>? _lookup;

    /// <summary>Oldest first.</summary>
    [Id(0)] public List<string> RecentIds { get; set; } = [];

    private HashSet<string> Lookup => _lookup ??= new HashSet<string>(RecentIds, StringComparer.Ordinal);

    public bool Contains(string eventId) => Lookup.Contains(eventId);

    public void Record(string eventId, int capacity)
    {
        if (Lookup.Add(eventId))
        {
            RecentIds.Add(eventId);
        }
        if (RecentIds.Count > capacity)
        {
            int excess = RecentIds.Count - capacity;
            Lookup.ExceptWith(RecentIds.Take(excess));
            RecentIds.RemoveRange(0, excess);
        }
    }
}

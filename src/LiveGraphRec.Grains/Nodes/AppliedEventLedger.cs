namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// Which events a node has applied, to make re-delivery a no-op: the most recent event ids (bounded,
/// oldest forgotten first) and, per log partition, the highest offset applied. The offset check relies
/// on a partition delivering in order, which persistent stream pulling agents do.
/// </summary>
[GenerateSerializer, Alias("lgr.AppliedEventLedger")]
public sealed class AppliedEventLedger
{
    [NonSerialized] private HashSet<string>? _lookup;

    /// <summary>Oldest first.</summary>
    [Id(0)] public List<string> RecentIds { get; set; } = [];
    [Id(1)] public Dictionary<string, long> Watermarks { get; set; } = [];

    private HashSet<string> Lookup => _lookup ??= new HashSet<string>(RecentIds, StringComparer.Ordinal);

    public bool Contains(string eventId, string? source = null, long offset = 0) =>
        Lookup.Contains(eventId)
        || (source is not null && offset > 0 && Watermarks.TryGetValue(source, out long applied) && offset <= applied);

    public void Record(string eventId, int capacity, string? source = null, long offset = 0)
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
        if (source is not null && offset > 0)
        {
            Watermarks[source] = Math.Max(offset, Watermarks.GetValueOrDefault(source));
        }
    }
}

namespace LiveGraphRec.Grains.Nodes;

/// <summary>A retained adjacency entry.</summary>
/// <remarks>
/// Stored compactly, because a node's whole adjacency is re-written with every commit (a popular item's 1,000 edges):
/// times as UTC ticks rather than <see cref="DateTimeOffset"/>s (20 bytes each on the wire, written even when default),
/// and members equal to their default omitted. Edges stored before keep their times in the old members, read from there
/// until the next interaction on the edge sets them.
/// </remarks>
[GenerateSerializer, Alias("lgr.Edge"), OmitDefaultMemberValues]
public sealed class Edge
{
    [Id(0)] private DateTimeOffset _storedFirstAt;
    [Id(1)] private DateTimeOffset _storedLastAt;
    [Id(7)] private long _firstAtTicks;
    [Id(8)] private long _lastAtTicks;

    /// <summary>When the first interaction on the edge happened (UTC).</summary>
    public DateTimeOffset FirstAt
    {
        get => _firstAtTicks != 0 ? new DateTimeOffset(_firstAtTicks, TimeSpan.Zero) : _storedFirstAt;
        set => (_firstAtTicks, _storedFirstAt) = (value.UtcTicks, default);
    }

    /// <summary>When the latest interaction on the edge happened (UTC).</summary>
    public DateTimeOffset LastAt
    {
        get => _lastAtTicks != 0 ? new DateTimeOffset(_lastAtTicks, TimeSpan.Zero) : _storedLastAt;
        set => (_lastAtTicks, _storedLastAt) = (value.UtcTicks, default);
    }

    [Id(2)] public float Weight { get; set; }
    [Id(3)] public int Interactions { get; set; }
    /// <summary>This node's embedding version when the edge entered its aggregates.</summary>
    [Id(4)] public long OwnVersion { get; set; }
    /// <summary>The neighbour's embedding version in the contribution this node aggregated.</summary>
    [Id(5)] public long NeighbourVersion { get; set; }
    /// <summary>
    /// Interaction log sequence of the edge's first event (the user hands it to the item): a model trained up to a cut
    /// below it has not seen the edge. 0 when unknown (no log, or an edge older than the field), which counts as seen.
    /// </summary>
    [Id(6)] public long FirstSequence { get; set; }
}

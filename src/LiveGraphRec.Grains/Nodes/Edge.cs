namespace LiveGraphRec.Grains.Nodes;

/// <summary>A retained adjacency entry.</summary>
[GenerateSerializer, Alias("lgr.Edge")]
public sealed class Edge
{
    [Id(0)] public DateTimeOffset FirstAt { get; set; }
    [Id(1)] public DateTimeOffset LastAt { get; set; }
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

namespace LiveGraphRec.Grains.Nodes;

/// <summary>The persisted state of a user or item (see <see cref="LiveGraphRec.Core.Propagation.NodeEmbeddingState"/>).</summary>
[GenerateSerializer, Alias("lgr.GraphNodeState")]
public sealed class GraphNodeState
{
    /// <summary>e^(0); empty until the node is first activated with the configured dimension.</summary>
    [Id(0)] public float[] Ego { get; set; } = [];
    /// <summary>S^(0..K-1), K·d values.</summary>
    [Id(1)] public float[] Aggregates { get; set; } = [];
    [Id(2)] public int Degree { get; set; }
    /// <summary>Version of the last published embedding taken; 0 for a cold node.</summary>
    [Id(3)] public long EmbeddingVersion { get; set; }
    /// <summary>Retained adjacency by neighbour id, capped (<see cref="GraphOptions.MaxNeighbours"/>); stored packed.</summary>
    [field: NonSerialized] public Dictionary<string, Edge> Neighbours { get; set; } = new(StringComparer.Ordinal);
    [NonSerialized] private readonly NeighbourJournal _changedNeighbours = new();

    /// <summary>
    /// Neighbours whose edge changed since a storage that stores edges apart last wrote them. A method, not a property:
    /// the memory storage's JSON serializer writes every public property.
    /// </summary>
    public NeighbourJournal ChangedNeighbours() => _changedNeighbours;
    /// <summary>The adjacency as stored (<see cref="NeighbourPacking"/>): packed when written, unpacked when read.</summary>
    [Id(9)] public byte[] PackedNeighbours
    {
        get => NeighbourPacking.Pack(Neighbours);
        set => Neighbours = NeighbourPacking.Unpack(value);
    }
    /// <summary>The adjacency of states stored before it was packed: read into <see cref="Neighbours"/>, never written.</summary>
    [Id(4)] public Dictionary<string, Edge>? UnpackedNeighbours
    {
        get => null;
        set
        {
            if (value is not null)
            {
                Neighbours = new Dictionary<string, Edge>(value, StringComparer.Ordinal);
            }
        }
    }
    [Id(5)] public AppliedEventLedger Events { get; set; } = new();
    [Id(6)] public long AppliedEvents { get; set; }
    [Id(7)] public DateTimeOffset? LastEventAt { get; set; }
    /// <summary>Neighbours the published embedding was trained with (see <see cref="LiveGraphRec.Core.Propagation.NodeEmbeddingState.TrainedDegree"/>).</summary>
    [Id(8)] public int TrainedDegree { get; set; }
}

using LiveGraphRec.Grains.Nodes;

namespace LiveGraphRec.Grains.Tests;

public sealed class NeighbourPackingTests
{
    [Fact]
    public void EveryFieldOfEveryEdgeRoundTrips()
    {
        var neighbours = new Dictionary<string, Edge>(StringComparer.Ordinal)
        {
            ["item-1"] = new()
            {
                FirstAt = new DateTimeOffset(2026, 11, 26, 8, 30, 0, TimeSpan.FromHours(5.5)).AddTicks(7),
                LastAt = DateTimeOffset.UnixEpoch.AddSeconds(1_700_000_000), Weight = 2.5f, Interactions = 3,
                OwnVersion = 4, NeighbourVersion = -1, FirstSequence = long.MaxValue,
            },
            ["café-ñ-項目"] = new() { Weight = -0.25f, Interactions = 1 },
            [""] = new() { FirstSequence = 9 },
        };

        Dictionary<string, Edge> read = NeighbourPacking.Unpack(NeighbourPacking.Pack(neighbours));

        Assert.Equal(neighbours.Keys.Order(StringComparer.Ordinal), read.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, edge) in neighbours)
        {
            AssertSameEdge(edge, read[id]);
            AssertSameEdge(edge, NeighbourPacking.UnpackEdge(NeighbourPacking.PackEdge(edge)));
        }
    }

    /// <summary>Every field, times with their offsets.</summary>
    internal static void AssertSameEdge(Edge expected, Edge actual)
    {
        Assert.Equal((expected.FirstAt.Ticks, expected.FirstAt.Offset), (actual.FirstAt.Ticks, actual.FirstAt.Offset));
        Assert.Equal((expected.LastAt.Ticks, expected.LastAt.Offset), (actual.LastAt.Ticks, actual.LastAt.Offset));
        Assert.Equal((expected.Weight, expected.Interactions, expected.OwnVersion, expected.NeighbourVersion, expected.FirstSequence),
            (actual.Weight, actual.Interactions, actual.OwnVersion, actual.NeighbourVersion, actual.FirstSequence));
    }

    [Fact]
    public void AnEdgeOfAnotherFormatOrLengthIsRefused()
    {
        byte[] packed = NeighbourPacking.PackEdge(new Edge { Weight = 1 });
        byte[] otherFormat = [99, .. packed[1..]];

        Assert.Contains("format 99", Assert.Throws<InvalidDataException>(() => NeighbourPacking.UnpackEdge(otherFormat)).Message);
        Assert.Throws<InvalidDataException>(() => NeighbourPacking.UnpackEdge(packed[..^1]));
        Assert.Throws<InvalidDataException>(() => NeighbourPacking.UnpackEdge([]));
    }

    [Fact]
    public void NoEdgesAndNoBytesBothReadAsAnEmptyAdjacency()
    {
        Assert.Empty(NeighbourPacking.Unpack(NeighbourPacking.Pack(new Dictionary<string, Edge>())));
        Assert.Empty(NeighbourPacking.Unpack([]));
    }

    [Fact]
    public void AnUnknownFormatIsRefusedRatherThanMisread()
    {
        byte[] packed = NeighbourPacking.Pack(new Dictionary<string, Edge> { ["a"] = new() });
        packed[0] = 99;

        var error = Assert.Throws<InvalidDataException>(() => NeighbourPacking.Unpack(packed));
        Assert.Contains("format 99", error.Message);
    }

    [Fact]
    public void StatesStoredBeforePackingReadTheirAdjacencyAndHashes()
    {
        // What the serializer does with the fields of an older state: it sets the unpacked forms.
        var state = new GraphNodeState
        {
            UnpackedNeighbours = new Dictionary<string, Edge> { ["item-7"] = new() { Interactions = 2 } },
            Events = new AppliedEventLedger { UnpackedHashes = [11UL, 12UL] },
        };

        Assert.Equal(2, state.Neighbours["item-7"].Interactions);
        Assert.Null(state.UnpackedNeighbours);
        Assert.Equal([11UL, 12UL], state.Events.RecentHashes);
        Assert.Null(state.Events.UnpackedHashes);
    }
}

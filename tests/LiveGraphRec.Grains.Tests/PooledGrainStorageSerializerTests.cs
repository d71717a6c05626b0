using LiveGraphRec.Grains.Nodes;
using LiveGraphRec.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveGraphRec.Grains.Tests;

public sealed class PooledGrainStorageSerializerTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(GraphNodeState).Assembly))
        .BuildServiceProvider().GetRequiredService<Serializer>();

    [Fact]
    public void WritesTheSameBytesAsOrleansSerializerAndReadsThemBack()
    {
        Serializer serializer = Serializer;
        var state = new GraphNodeState { Ego = [1f, -2f], Aggregates = [0.5f, 0.25f, 3f, 4f], Degree = 2, EmbeddingVersion = 7 };
        // Larger than the 256 bytes Orleans' writer starts with, so both grow their buffers.
        for (int n = 0; n < 40; n++)
        {
            state.Neighbours[$"item-{n}"] = new Edge { Weight = n, Interactions = 1, FirstSequence = n, LastAt = DateTimeOffset.UnixEpoch.AddDays(n) };
            state.Events.Record($"event-{n}", capacity: 64);
        }

        BinaryData pooled = new PooledGrainStorageSerializer(serializer).Serialize(state);
        BinaryData orleans = new OrleansGrainStorageSerializer(serializer).Serialize(state);

        Assert.True(pooled.ToMemory().Length > 256);
        Assert.Equal(orleans.ToArray(), pooled.ToArray());
        GraphNodeState read = new PooledGrainStorageSerializer(serializer).Deserialize<GraphNodeState>(orleans)!;
        Assert.Equal(state.Aggregates, read.Aggregates);
        Assert.Equal(state.Neighbours.Keys, read.Neighbours.Keys);
        Assert.All(state.Neighbours, pair => Assert.Equal(
            (pair.Value.Weight, pair.Value.FirstSequence, pair.Value.LastAt),
            (read.Neighbours[pair.Key].Weight, read.Neighbours[pair.Key].FirstSequence, read.Neighbours[pair.Key].LastAt)));
        Assert.Equal(state.Events.RecentHashes, read.Events.RecentHashes);
    }

    /// <summary>The pooled buffer holds the same bytes, also for a state that outgrows the buffer it starts with (16 KB).</summary>
    [Theory]
    [InlineData(10, false)]
    [InlineData(3_000, true)]
    public void SerializesIntoAPooledBufferTheSameBytes(int events, bool outgrowsTheFirstBuffer)
    {
        var state = new GraphNodeState { Ego = [1f, -2f], Aggregates = [0.5f, 0.25f, 3f, 4f], Degree = 2 };
        for (int n = 0; n < events; n++)
        {
            state.Events.Record($"event-{n}", capacity: events);
        }
        var serializer = new PooledGrainStorageSerializer(Serializer);

        PooledByteWriter pooled = serializer.SerializePooled(state);

        byte[] expected = serializer.Serialize(state).ToArray();
        Assert.Equal(outgrowsTheFirstBuffer, expected.Length > 16 * 1024);
        Assert.Equal(expected, pooled.Written.ToArray());
        pooled.Return();
        Assert.Equal(0, pooled.Written.Length);
    }
}

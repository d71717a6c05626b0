using LiveGraphRec.Grains.Nodes;
using LiveGraphRec.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace LiveGraphRec.Grains.Tests;

public sealed class PooledGrainStorageSerializerTests
{
    [Fact]
    public void WritesTheSameBytesAsOrleansSerializerAndReadsThemBack()
    {
        Serializer serializer = new ServiceCollection().AddSerializer(builder => builder.AddAssembly(typeof(GraphNodeState).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
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
}

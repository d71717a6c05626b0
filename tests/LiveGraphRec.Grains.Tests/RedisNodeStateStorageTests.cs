using LiveGraphRec.Grains.Nodes;
using LiveGraphRec.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace LiveGraphRec.Grains.Tests;

public sealed class RedisNodeStateStorageTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string StateName = "node";
    private static readonly GrainId Item = GrainId.Create("item", "i-1");
    private static readonly IGrainStorageSerializer Serializer = new PooledGrainStorageSerializer(
        new ServiceCollection().AddSerializer(builder => builder.AddAssembly(typeof(GraphNodeState).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>());

    [SkippableFact]
    public async Task TheStateAndEveryEdgeRoundTripAndEachEdgeIsAFieldOfItsOwn()
    {
        RedisServer.SkipIfMissing();
        await using var storage = await Storage.StartAsync(redis);
        var written = await storage.ReadAsync();
        GraphNodeState state = written.State;
        state.Ego = [1f, -2f];
        state.Aggregates = [0.5f, 0.25f, 3f, 4f];
        state.Degree = 3;
        state.EmbeddingVersion = 7;
        state.AppliedEvents = 3;
        for (int n = 0; n < 3; n++)
        {
            Touch(state, $"user-{n}").Weight = n + 0.5f;
            state.Events.Record($"event-{n}", capacity: 64);
        }

        await storage.Inner.WriteStateAsync(StateName, Item, written);
        var read = await storage.ReadAsync();

        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(state.Ego, read.State.Ego);
        Assert.Equal(state.Aggregates, read.State.Aggregates);
        Assert.Equal((state.Degree, state.EmbeddingVersion, state.AppliedEvents),
            (read.State.Degree, read.State.EmbeddingVersion, read.State.AppliedEvents));
        Assert.Equal(state.Events.RecentHashes, read.State.Events.RecentHashes);
        Assert.Equal(state.Neighbours.Keys.Order(), read.State.Neighbours.Keys.Order());
        Assert.All(state.Neighbours, pair => NeighbourPackingTests.AssertSameEdge(pair.Value, read.State.Neighbours[pair.Key]));
        HashEntry[] stored = await redis.Database.HashGetAllAsync(storage.Key);
        Assert.Equal(["data", "etag", "n:user-0", "n:user-1", "n:user-2"], stored.Select(entry => entry.Name.ToString()).Order());
        // The data field does not carry the edges as well.
        Assert.Empty(Serializer.Deserialize<GraphNodeState>(new BinaryData((byte[])stored.Single(e => e.Name == "data").Value!))!.Neighbours);
    }

    [SkippableFact]
    public async Task AWriteStoresTheChangedAndRemovedEdgesAndLeavesTheOthersAlone()
    {
        RedisServer.SkipIfMissing();
        await using var storage = await Storage.StartAsync(redis);
        var node = await storage.ReadAsync();
        foreach (string id in new[] { "kept", "changed", "removed" })
        {
            Touch(node.State, id).Weight = 1;
        }
        await storage.Inner.WriteStateAsync(StateName, Item, node);
        // A marker only a full rewrite would overwrite.
        await redis.Database.HashSetAsync(storage.Key, "n:kept", NeighbourPacking.PackEdge(new Edge { Weight = 42 }));

        Touch(node.State, "changed").Weight = 2;
        Touch(node.State, "added").Weight = 3;
        node.State.Neighbours.Remove("removed");
        node.State.ChangedNeighbours().Changed("removed");
        await storage.Inner.WriteStateAsync(StateName, Item, node);

        var read = await storage.ReadAsync();
        Assert.Equal(["added", "changed", "kept"], read.State.Neighbours.Keys.Order());
        Assert.Equal((3f, 2f, 42f), (read.State.Neighbours["added"].Weight, read.State.Neighbours["changed"].Weight, read.State.Neighbours["kept"].Weight));
    }

    [SkippableFact]
    public async Task AStateStoredWholeIsReadAndItsEdgesMoveToFieldsOnTheNextWrite()
    {
        RedisServer.SkipIfMissing();
        await using var storage = await Storage.StartAsync(redis);
        // Orleans' Redis storage layout: one hash with the e-tag and the whole state.
        var whole = new GraphNodeState { Ego = [3f], Degree = 2 };
        whole.Neighbours["u-a"] = new Edge { Weight = 1.5f, Interactions = 2 };
        whole.Neighbours["u-b"] = new Edge { FirstSequence = 9 };
        await redis.Database.HashSetAsync(storage.Key, [new("etag", "legacy"), new("data", Serializer.Serialize(whole).ToArray())]);

        var node = await storage.ReadAsync();
        Assert.Equal("legacy", node.ETag);
        Assert.Equal(["u-a", "u-b"], node.State.Neighbours.Keys.Order());
        Assert.Equal((1.5f, 2), (node.State.Neighbours["u-a"].Weight, node.State.Neighbours["u-a"].Interactions));

        await storage.Inner.WriteStateAsync(StateName, Item, node);
        HashEntry[] stored = await redis.Database.HashGetAllAsync(storage.Key);
        Assert.Equal(["data", "etag", "n:u-a", "n:u-b"], stored.Select(entry => entry.Name.ToString()).Order());
        var read = await storage.ReadAsync();
        Assert.Equal(9, read.State.Neighbours["u-b"].FirstSequence);
        Assert.Equal([3f], read.State.Ego);
    }

    [SkippableFact]
    public async Task AStaleETagIsAConflictAndTheChangesWaitForTheNextWrite()
    {
        RedisServer.SkipIfMissing();
        await using var storage = await Storage.StartAsync(redis);
        var first = await storage.ReadAsync();
        var second = await storage.ReadAsync();
        Touch(first.State, "from-first");
        await storage.Inner.WriteStateAsync(StateName, Item, first);

        Touch(second.State, "from-second");
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.Inner.WriteStateAsync(StateName, Item, second));

        Assert.Equal(["from-first"], (await storage.ReadAsync()).State.Neighbours.Keys);
        Assert.Equal(["from-second"], second.State.ChangedNeighbours().Take().Ids);
    }

    [Fact]
    public void TheJournalRecordsOnceTrackedAndPastItsBoundAsksForEveryEdge()
    {
        var journal = new NeighbourJournal();
        journal.Changed("before-tracking");
        Assert.Empty(journal.Take().Ids);

        journal.Track();
        foreach (string id in new[] { "a", "b", "a" })
        {
            journal.Changed(id);
        }
        Assert.Equal(["a", "b"], journal.Take().Ids.Order());
        Assert.Empty(journal.Take().Ids);

        for (int n = 0; n <= NeighbourJournal.MaxTracked; n++)
        {
            journal.Changed($"n{n}");
        }
        NeighbourChanges taken = journal.Take();
        Assert.True(taken.All);
        Assert.Empty(taken.Ids);
        Assert.False(journal.Take().All);
    }

    private static Edge Touch(GraphNodeState state, string id)
    {
        state.ChangedNeighbours().Changed(id);
        if (!state.Neighbours.TryGetValue(id, out Edge? edge))
        {
            state.Neighbours[id] = edge = new Edge();
        }
        return edge;
    }

    /// <summary>What Orleans hands a storage, with the state never null.</summary>
    private sealed class NodeGrainState : IGrainState<GraphNodeState>
    {
        private GraphNodeState _state = new();

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public GraphNodeState State
        {
            get => _state;
            set => _state = value ?? throw new ArgumentNullException(nameof(value), "The storage set no state.");
        }

        public string? ETag { get; set; }
        public bool RecordExists { get; set; }
    }

    /// <summary>The storage started as a silo starts it, under a service id of its own.</summary>
    private sealed class Storage : IAsyncDisposable
    {
        private readonly SiloLifecycleSubject _lifecycle = new(NullLogger<SiloLifecycleSubject>.Instance);

        private Storage(RedisNodeStateStorage inner, string serviceId)
        {
            Inner = inner;
            Key = $"{serviceId}/state/item/i-1/{StateName}";
        }

        public RedisNodeStateStorage Inner { get; }

        /// <summary>Where Orleans' Redis storage keeps the item's state too.</summary>
        public RedisKey Key { get; }

        public static async Task<Storage> StartAsync(RedisServer redis)
        {
            string serviceId = RedisServer.NewServiceId();
            var options = new RedisStorageOptions { ConfigurationOptions = ConfigurationOptions.Parse(redis.ConnectionString) };
            var inner = new RedisNodeStateStorage("nodes", options, Serializer, Microsoft.Extensions.Options.Options.Create(new ClusterOptions { ServiceId = serviceId }),
                NullLogger<RedisNodeStateStorage>.Instance);
            var storage = new Storage(inner, serviceId);
            inner.Participate(storage._lifecycle);
            await storage._lifecycle.OnStart();
            return storage;
        }

        public async Task<NodeGrainState> ReadAsync()
        {
            var state = new NodeGrainState();
            await Inner.ReadStateAsync(StateName, Item, state);
            return state;
        }

        public async ValueTask DisposeAsync() => await _lifecycle.OnStop();
    }
}

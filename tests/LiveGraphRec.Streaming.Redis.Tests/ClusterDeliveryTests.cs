using LiveGraphRec.Streaming.Redis.Tests.Grains;
using LiveGraphRec.Streaming.Redis.Tests.Infrastructure;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Streams;
using Orleans.TestingHost;

namespace LiveGraphRec.Streaming.Redis.Tests;

/// <summary>Two in-process silos and a client with the provider, against real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class ClusterDeliveryTests(RedisServer redis) : IAsyncLifetime
{
    private const string ProviderName = StandaloneProvider.Name;
    private const int QueueCount = 4;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMilliseconds(500);

    private readonly string _serviceId = RedisServer.NewServiceId();
    private InProcessTestCluster? _cluster;

    [SkippableFact]
    public async Task Every_event_published_by_the_client_arrives_once_and_in_order_per_stream()
    {
        RedisServer.SkipIfMissing();
        var cluster = await StartClusterAsync();
        var provider = cluster.Client.GetStreamProvider(ProviderName);
        string[] keys = ["u1", "u2", "u3", "u4", "u5", "u6"];
        const int perStream = 40;

        for (var sequence = 0; sequence < perStream; sequence++)
        {
            await Task.WhenAll(keys.Select(key => provider
                .GetStream<TestEvent>(StreamId.Create(RecordingConsumerGrain.StreamNamespace, key))
                .OnNextAsync(new TestEvent(key, sequence))));
        }

        foreach (var key in keys)
        {
            Assert.Equal(Enumerable.Range(0, perStream), await ReceivedWhenAsync(cluster, key, perStream));
        }
        await AssertEverythingAcknowledgedAsync();
    }

    [SkippableFact]
    public async Task Entries_a_crashed_consumer_read_but_never_acknowledged_are_delivered_when_the_cluster_starts()
    {
        RedisServer.SkipIfMissing();
        var stream = StreamId.Create(RecordingConsumerGrain.StreamNamespace, "crash");
        await using (var before = new StandaloneProvider(_serviceId, ConfigureProvider))
        {
            var adapter = await before.CreateAdapterAsync();
            var queue = before.QueueOf(stream, redis.Database);
            await queue.EnsureConsumerGroupAsync();
            for (var sequence = 0; sequence < 5; sequence++)
            {
                await adapter.QueueMessageBatchAsync(stream, [new TestEvent("crash", sequence)], token: null, requestContext: null);
            }
            Assert.Equal(5, (await queue.ReadNewAsync("silo-that-crashed", count: 100)).Length);
            Assert.Equal(5, await queue.CountPendingAsync());
        }

        var cluster = await StartClusterAsync();
        await cluster.Client.GetStreamProvider(ProviderName).GetStream<TestEvent>(stream).OnNextAsync(new TestEvent("crash", 5));

        // At least once, not exactly once: while the two silos form the cluster, the partition can move from the silo
        // that claimed and delivered the crashed consumer's entries to the other before the first acknowledged them,
        // and the new owner claims them again (consumers de-duplicate by event id). None may be missing.
        Assert.Equal(Enumerable.Range(0, 6), (await ReceivedWhenAsync(cluster, "crash", 6)).Distinct().Order());
        await AssertEverythingAcknowledgedAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
        if (RedisServer.IsInstalled)
        {
            await redis.DeleteKeysAsync(_serviceId);
        }
    }

    private void ConfigureProvider(RedisStreamsOptions options)
    {
        options.ConnectionString = redis.ConnectionString;
        options.QueueCount = QueueCount;
        options.PendingIdleTimeout = IdleTimeout;
    }

    private async Task<InProcessTestCluster> StartClusterAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.Options.ServiceId = _serviceId;
        builder.ConfigureSilo((_, silo) => silo.AddRedisStreams(ProviderName, streams =>
        {
            streams.ConfigureRedis(options => options.Configure(ConfigureProvider));
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(options =>
                options.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(20)));
        }));
        builder.ConfigureClient(client => client.AddRedisStreams(ProviderName, streams =>
        {
            streams.ConfigureRedis(options => options.Configure(ConfigureProvider));
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        }));
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        return _cluster;
    }

    /// <summary>What the stream's consumer received, once it holds <paramref name="expectedCount"/> different events (or after 15 s).</summary>
    private static async Task<IReadOnlyList<int>> ReceivedWhenAsync(InProcessTestCluster cluster, string key, int expectedCount)
    {
        var grain = cluster.Client.GetGrain<IRecordingConsumerGrain>(key);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var received = await grain.GetReceivedAsync();
            if (received.Distinct().Count() >= expectedCount || DateTime.UtcNow > deadline)
            {
                return received;
            }
            await Task.Delay(50);
        }
    }

    private async Task AssertEverythingAcknowledgedAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        int pending;
        do
        {
            await Task.Delay(100);
            pending = 0;
            for (var queue = 0; queue < QueueCount; queue++)
            {
                var key = $"{_serviceId}/streaming/{ProviderName}/{queue}";
                if (await redis.Database.KeyExistsAsync(key))
                {
                    pending += (int)(await redis.Database.StreamPendingAsync(key, "orleans")).PendingMessageCount;
                }
            }
        }
        while (pending > 0 && DateTime.UtcNow < deadline);
        Assert.Equal(0, pending);
    }
}

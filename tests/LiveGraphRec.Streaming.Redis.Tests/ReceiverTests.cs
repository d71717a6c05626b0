using LiveGraphRec.Streaming.Redis.Tests.Grains;
using LiveGraphRec.Streaming.Redis.Tests.Infrastructure;
using Orleans.Streams;

namespace LiveGraphRec.Streaming.Redis.Tests;

/// <summary>The adapter and its receivers driven directly, as a pulling agent would, against real Redis.</summary>
[Collection(RedisCollection.Name)]
public sealed class ReceiverTests(RedisServer redis) : IAsyncLifetime
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly StreamId Stream = StreamId.Create(RecordingConsumerGrain.StreamNamespace, "user-1");

    private StandaloneProvider _provider = null!;

    public Task InitializeAsync()
    {
        _provider = new StandaloneProvider(RedisServer.NewServiceId(), options =>
        {
            options.ConnectionString = redis.ConnectionString;
            options.QueueCount = 2;
            options.PendingIdleTimeout = IdleTimeout;
        });
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Delivered_batches_are_acknowledged_and_read_in_order()
    {
        RedisServer.SkipIfMissing();
        var adapter = await _provider.CreateAdapterAsync();
        var receiver = await StartReceiverAsync(adapter);
        await PublishAsync(adapter, 1, 2, 3);

        var batches = await receiver.GetQueueMessagesAsync(QueueAdapterConstants.UNLIMITED_GET_QUEUE_MSG, CancellationToken.None);
        Assert.Equal([1, 2, 3], Sequences(batches));
        Assert.Equal(3, await QueueOfStream.CountPendingAsync());

        await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);

        Assert.Equal(0, await QueueOfStream.CountPendingAsync());
        Assert.Empty(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
    }

    [SkippableFact]
    public async Task Entries_a_crashed_consumer_left_unacknowledged_are_delivered_again_before_new_ones()
    {
        RedisServer.SkipIfMissing();
        var adapter = await _provider.CreateAdapterAsync();
        await QueueOfStream.EnsureConsumerGroupAsync();
        await PublishAsync(adapter, 1, 2, 3);
        Assert.Equal(3, (await QueueOfStream.ReadNewAsync("crashed-silo", count: 10)).Length); // read, never acknowledged
        await PublishAsync(adapter, 4);
        await Task.Delay(IdleTimeout + TimeSpan.FromMilliseconds(100));

        var successor = await StartReceiverAsync(adapter);
        var redelivered = await successor.GetQueueMessagesAsync(10, CancellationToken.None);
        var fresh = await successor.GetQueueMessagesAsync(10, CancellationToken.None);

        Assert.Equal([1, 2, 3], Sequences(redelivered));
        Assert.Equal([4], Sequences(fresh));
        await successor.MessagesDeliveredAsync([.. redelivered, .. fresh], CancellationToken.None);
        Assert.Equal(0, await QueueOfStream.CountPendingAsync());
    }

    [SkippableFact]
    public async Task A_receiver_does_not_take_back_its_own_entries_still_awaiting_delivery()
    {
        RedisServer.SkipIfMissing();
        var adapter = await _provider.CreateAdapterAsync();
        var receiver = await StartReceiverAsync(adapter);
        await PublishAsync(adapter, 1, 2);
        var inCache = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        await Task.Delay(IdleTimeout + TimeSpan.FromMilliseconds(100));

        Assert.Empty(await receiver.GetQueueMessagesAsync(10, CancellationToken.None)); // a claim pass ran and skipped them

        await receiver.MessagesDeliveredAsync(inCache, CancellationToken.None);
        Assert.Equal(0, await QueueOfStream.CountPendingAsync());
    }

    [SkippableFact]
    public async Task Shut_down_receiver_reads_nothing_and_its_entries_go_to_the_next_owner()
    {
        RedisServer.SkipIfMissing();
        var adapter = await _provider.CreateAdapterAsync();
        var first = await StartReceiverAsync(adapter);
        await PublishAsync(adapter, 1);
        Assert.Single(await first.GetQueueMessagesAsync(10, CancellationToken.None));

        await first.Shutdown(TimeSpan.FromSeconds(1), CancellationToken.None);
        await PublishAsync(adapter, 2);
        Assert.Empty(await first.GetQueueMessagesAsync(10, CancellationToken.None));

        await Task.Delay(IdleTimeout + TimeSpan.FromMilliseconds(100));
        var next = await StartReceiverAsync(adapter);
        var leftByFirst = await next.GetQueueMessagesAsync(10, CancellationToken.None);
        var publishedAfter = await next.GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal([1], Sequences(leftByFirst));
        Assert.Equal([2], Sequences(publishedAfter));
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        if (RedisServer.IsInstalled)
        {
            await redis.DeleteKeysAsync(_provider.ServiceId);
        }
    }

    private RedisStreamQueue QueueOfStream => _provider.QueueOf(Stream, redis.Database);

    private async Task<IQueueAdapterReceiver> StartReceiverAsync(IQueueAdapter adapter)
    {
        var receiver = adapter.CreateReceiver(_provider.QueueMapper.GetQueueForStream(Stream));
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        return receiver;
    }

    private static async Task PublishAsync(IQueueAdapter adapter, params int[] sequences)
    {
        foreach (var sequence in sequences)
        {
            await adapter.QueueMessageBatchAsync(Stream, [new TestEvent("user-1", sequence)], token: null, requestContext: null);
        }
    }

    private static int[] Sequences(IEnumerable<IBatchContainer> batches) =>
        [.. batches.SelectMany(batch => batch.GetEvents<TestEvent>()).Select(e => e.Item1.Sequence)];
}

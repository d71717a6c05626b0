using LiveGraphRec.Streaming.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis.Tests;

/// <summary>The storage layer against a real redis-server.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisStreamQueueTests(RedisServer redis) : IAsyncLifetime
{
    private readonly string _serviceId = RedisServer.NewServiceId();

    private RedisStreamQueue NewQueue(long? maxLength = null) =>
        new(redis.Database, $"{_serviceId}/streaming/test/0", "orleans", maxLength);

    [SkippableFact]
    public async Task Acknowledged_entries_leave_the_pending_list()
    {
        RedisServer.SkipIfMissing();
        var queue = NewQueue();
        await queue.EnsureConsumerGroupAsync();
        RedisValue[] added = [await queue.AddAsync("a"), await queue.AddAsync("b"), await queue.AddAsync("c")];

        var read = await queue.ReadNewAsync("consumer-1", count: 10);

        Assert.Equal(added, read.Select(entry => entry.Id));
        Assert.Equal(["a", "b", "c"], read.Select(entry => (string?)entry[RedisStreamQueue.PayloadField]));
        Assert.Equal(3, await queue.CountPendingAsync());
        Assert.Empty(await queue.ReadNewAsync("consumer-2", count: 10));

        Assert.Equal(3, await queue.AcknowledgeAsync(added));
        Assert.Equal(0, await queue.CountPendingAsync());
    }

    [SkippableFact]
    public async Task Entries_added_before_the_group_exists_are_delivered_and_creating_it_twice_is_harmless()
    {
        RedisServer.SkipIfMissing();
        var queue = NewQueue();
        var early = await queue.AddAsync("before any silo started");

        await queue.EnsureConsumerGroupAsync();
        await queue.EnsureConsumerGroupAsync();

        Assert.Equal([early], (await queue.ReadNewAsync("consumer-1", count: 10)).Select(entry => entry.Id));
    }

    [SkippableFact]
    public async Task Claim_moves_idle_entries_of_another_consumer_and_leaves_fresh_ones()
    {
        RedisServer.SkipIfMissing();
        var queue = NewQueue();
        await queue.EnsureConsumerGroupAsync();
        var stale = await queue.AddAsync("stale");
        await queue.ReadNewAsync("crashed", count: 10);
        await Task.Delay(150);
        await queue.AddAsync("fresh");
        await queue.ReadNewAsync("crashed", count: 10);

        var page = await queue.ClaimIdleAsync("successor", TimeSpan.FromMilliseconds(100), "0-0", count: 10);

        Assert.Equal([stale], page.ClaimedEntries.Select(entry => entry.Id));
        Assert.Equal("0-0", page.NextStartId.ToString());
        var owners = await redis.Database.StreamPendingMessagesAsync(queue.Key, "orleans", 10, RedisValue.Null);
        Assert.Equal(["successor", "crashed"], owners.Select(message => message.ConsumerName.ToString()));
    }

    [SkippableFact]
    public async Task Idle_consumers_are_deleted_only_when_they_hold_nothing_pending()
    {
        RedisServer.SkipIfMissing();
        var queue = NewQueue();
        await queue.EnsureConsumerGroupAsync();
        await queue.AddAsync("x");
        await queue.ReadNewAsync("holds-an-entry", count: 1);
        var acknowledged = await queue.AddAsync("y");
        await queue.ReadNewAsync("holds-nothing", count: 1);
        await queue.AcknowledgeAsync([acknowledged]);
        await Task.Delay(150);

        Assert.Equal(1, await queue.DeleteIdleConsumersAsync(TimeSpan.FromMilliseconds(100)));

        var consumers = await redis.Database.StreamConsumerInfoAsync(queue.Key, "orleans");
        Assert.Equal(["holds-an-entry"], consumers.Select(consumer => consumer.Name.ToString()));
    }

    [SkippableFact]
    public async Task Max_length_trims_approximately_and_none_keeps_everything()
    {
        RedisServer.SkipIfMissing();
        var capped = NewQueue(maxLength: 10);
        var uncapped = new RedisStreamQueue(redis.Database, $"{_serviceId}/streaming/test/1", "orleans", maxLength: null);

        for (var i = 0; i < 1000; i++)
        {
            await capped.AddAsync(i);
            await uncapped.AddAsync(i);
        }

        var cappedLength = await redis.Database.StreamLengthAsync(capped.Key);
        Assert.InRange(cappedLength, 10, 200); // "~" trims whole radix-tree nodes (100 entries by default)
        Assert.Equal(1000, await redis.Database.StreamLengthAsync(uncapped.Key));
    }

    [SkippableFact]
    public async Task Redis_errors_surface_as_the_provider_exception_naming_key_and_command()
    {
        RedisServer.SkipIfMissing();
        var queue = NewQueue();
        await redis.Database.StringSetAsync(queue.Key, "not a stream");

        var error = await Assert.ThrowsAsync<RedisStreamsException>(() => queue.AddAsync("x"));

        Assert.Contains("XADD", error.Message);
        Assert.Contains(queue.Key.ToString(), error.Message);
        Assert.IsType<RedisServerException>(error.InnerException);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => RedisServer.IsInstalled ? redis.DeleteKeysAsync(_serviceId) : Task.CompletedTask;
}

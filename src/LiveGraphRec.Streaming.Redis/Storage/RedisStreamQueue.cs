using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// One partition: a Redis stream key read through one consumer group. Every Redis error surfaces as a
/// <see cref="RedisStreamsException"/> naming the key and the operation.
/// </summary>
internal sealed class RedisStreamQueue(IDatabase database, RedisKey key, RedisValue consumerGroup, long? maxLength)
{
    /// <summary>The entry field that holds the serialized batch.</summary>
    public static readonly RedisValue PayloadField = "payload";

    private static readonly RedisValue BeginningOfStream = "0-0";

    public RedisKey Key => key;

    /// <summary>Creates the stream and the group if missing; the group starts at the beginning so
    /// entries produced before any silo started are delivered too.</summary>
    public Task EnsureConsumerGroupAsync() => GuardAsync("XGROUP CREATE", async Task<bool> () =>
    {
        try
        {
            await database.StreamCreateConsumerGroupAsync(key, consumerGroup, BeginningOfStream, createStream: true);
        }
        catch (RedisServerException exception) when (exception.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another receiver or an earlier run created it.
        }
        return true;
    });

    /// <summary>Appends one entry and returns its id; trims approximately to the cap when one is set.</summary>
    public Task<RedisValue> AddAsync(RedisValue payload) => GuardAsync("XADD", () =>
        database.StreamAddAsync(key, PayloadField, payload, maxLength: maxLength, useApproximateMaxLength: true));

    /// <summary>Reads entries never delivered to the group before (<c>XREADGROUP ... &gt;</c>).</summary>
    public Task<StreamEntry[]> ReadNewAsync(RedisValue consumer, int count) => GuardAsync("XREADGROUP", () =>
        database.StreamReadGroupAsync(key, consumerGroup, consumer, StreamPosition.NewMessages, count));

    /// <summary>
    /// One page of <c>XAUTOCLAIM</c>: moves entries pending longer than <paramref name="minIdle"/>
    /// (to any consumer of the group) to <paramref name="consumer"/> and returns them.
    /// </summary>
    public Task<StreamAutoClaimResult> ClaimIdleAsync(RedisValue consumer, TimeSpan minIdle, RedisValue cursor, int count) =>
        GuardAsync("XAUTOCLAIM", () =>
            database.StreamAutoClaimAsync(key, consumerGroup, consumer, (long)minIdle.TotalMilliseconds, cursor, count));

    public Task<long> AcknowledgeAsync(RedisValue[] entryIds) => GuardAsync("XACK", () =>
        database.StreamAcknowledgeAsync(key, consumerGroup, entryIds));

    /// <summary>How many entries the group has read but not acknowledged.</summary>
    public Task<int> CountPendingAsync() => GuardAsync("XPENDING", async () =>
        (await database.StreamPendingAsync(key, consumerGroup)).PendingMessageCount);

    /// <summary>
    /// Removes consumers of earlier receivers that hold no pending entry and were idle longer than
    /// <paramref name="minIdle"/>, so the group does not keep one consumer per receiver ever started.
    /// A script, so no consumer can read an entry between the check and the delete (deleting a
    /// consumer drops its pending entries).
    /// </summary>
    public Task<int> DeleteIdleConsumersAsync(TimeSpan minIdle) => GuardAsync("XGROUP DELCONSUMER", async () =>
        (int)await database.ScriptEvaluateAsync(DeleteIdleConsumersScript, [key], [consumerGroup, (long)minIdle.TotalMilliseconds]));

    private const string DeleteIdleConsumersScript = """
        local deleted = 0
        for _, fields in ipairs(redis.call('XINFO', 'CONSUMERS', KEYS[1], ARGV[1])) do
          local consumer = {}
          for i = 1, #fields, 2 do consumer[fields[i]] = fields[i + 1] end
          if consumer['pending'] == 0 and consumer['idle'] > tonumber(ARGV[2]) then
            redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], consumer['name'])
            deleted = deleted + 1
          end
        end
        return deleted
        """;

    private async Task<T> GuardAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            RedisStreamsTelemetry.Failed(operation);
            throw new RedisStreamsException($"Redis Streams: {operation} on '{key}' failed: {exception.Message}", exception);
        }
    }
}

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// Writes each batch as one entry on the stream key of its partition and creates one receiver per
/// partition. Not rewindable: a consumer group hands every entry to one receiver once.
/// </summary>
internal sealed class RedisStreamsAdapter(
    string providerName,
    RedisStreamsOptions options,
    IReadOnlyDictionary<QueueId, RedisStreamQueue> queues,
    HashRingBasedStreamQueueMapper queueMapper,
    Serializer<RedisStreamBatchContainer> serializer,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    // Receivers of this adapter (one silo) get distinct consumer names: the group's pending list then
    // says which receiver holds an entry, and a receiver restarted here never inherits a predecessor's entries.
    private readonly string _consumerPrefix = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private int _receiversCreated;

    public string Name => providerName;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId)
    {
        var consumer = $"{_consumerPrefix}/{queueId.GetNumericId()}/{Interlocked.Increment(ref _receiversCreated)}";
        return new RedisStreamsReceiver(queues[queueId], consumer, options, serializer, TimeProvider.System,
            loggerFactory.CreateLogger<RedisStreamsReceiver>());
    }

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token,
        Dictionary<string, object>? requestContext)
    {
        if (token is not null)
        {
            throw new ArgumentException("The Redis Streams provider assigns tokens itself; pass no token.", nameof(token));
        }
        var queue = queues[queueMapper.GetQueueForStream(streamId)];
        using var activity = RedisStreamsTelemetry.Source.StartActivity("redis-streams publish", ActivityKind.Producer);
        activity?.SetTag("messaging.destination.name", queue.Key.ToString());
        await queue.AddAsync(RedisStreamBatchContainer.ToPayload(serializer, streamId, events, requestContext));
    }
}

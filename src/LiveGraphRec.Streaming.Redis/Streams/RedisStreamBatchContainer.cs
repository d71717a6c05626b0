using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// The events of one <c>QueueMessageBatchAsync</c> call, stored as one Redis stream entry whose payload
/// field holds this object in the Orleans binary format. The token comes from the entry id on read.
/// </summary>
[GenerateSerializer, Alias("LiveGraphRec.Streaming.Redis.RedisStreamBatchContainer")]
internal sealed class RedisStreamBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public List<object> Events { get; } = events;

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; } = requestContext;

    [NonSerialized]
    private RedisValue _entryId;

    // Null in the Redis payload; serialized when the pulling agent hands the batch to a consumer on another silo.
    [Id(3)]
    private RedisStreamSequenceToken? _token;

    /// <summary>The id of the entry this batch was read from; what the receiver acknowledges.</summary>
    public RedisValue EntryId => _entryId;

    public StreamSequenceToken SequenceToken => Token;

    private RedisStreamSequenceToken Token =>
        _token ?? throw new InvalidOperationException("A batch has a sequence token only once read from its Redis entry.");

    // The index counts every event of the batch, so a token means the same event whatever T filters.
    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.Select((item, index) => (item, index))
            .Where(pair => pair.item is T)
            .Select(pair => Tuple.Create<T, StreamSequenceToken>((T)pair.item, Token.ForEvent(pair.index)));

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }
        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public static RedisValue ToPayload<T>(Serializer<RedisStreamBatchContainer> serializer, StreamId streamId,
        IEnumerable<T> events, Dictionary<string, object>? requestContext) =>
        serializer.SerializeToArray(new RedisStreamBatchContainer(streamId, events.Cast<object>().ToList(), requestContext));

    public static RedisStreamBatchContainer FromEntry(Serializer<RedisStreamBatchContainer> serializer, StreamEntry entry)
    {
        var payload = entry[RedisStreamQueue.PayloadField];
        if (payload.IsNullOrEmpty)
        {
            throw new RedisStreamsException($"Redis Streams: entry '{entry.Id}' has no '{RedisStreamQueue.PayloadField}' field.");
        }
        var batch = serializer.Deserialize((byte[])payload!)
            ?? throw new RedisStreamsException($"Redis Streams: entry '{entry.Id}' holds a null batch.");
        batch._entryId = entry.Id;
        batch._token = RedisStreamSequenceToken.FromEntryId(entry.Id.ToString());
        return batch;
    }
}

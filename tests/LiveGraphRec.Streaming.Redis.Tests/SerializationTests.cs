using LiveGraphRec.Streaming.Redis.Tests.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis.Tests;

/// <summary>The wire formats, with only the Orleans serializer (no cluster, no Redis).</summary>
public sealed class SerializationTests
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    [Fact]
    public void Batch_round_trips_through_an_entry_payload_and_takes_its_token_from_the_entry_id()
    {
        var streamId = StreamId.Create("ns", "user-1");
        var serializer = _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>();
        var payload = RedisStreamBatchContainer.ToPayload(serializer, streamId,
            [new TestEvent("user-1", 1), new TestEvent("user-1", 2)], new Dictionary<string, object> { ["trace"] = "abc" });

        var batch = RedisStreamBatchContainer.FromEntry(serializer,
            new StreamEntry("1700000000123-7", [new NameValueEntry(RedisStreamQueue.PayloadField, payload)]));

        Assert.Equal(streamId, batch.StreamId);
        Assert.Equal("1700000000123-7", batch.EntryId.ToString());
        Assert.Equal("abc", batch.RequestContext!["trace"]);
        var events = batch.GetEvents<TestEvent>().ToList();
        Assert.Equal([new TestEvent("user-1", 1), new TestEvent("user-1", 2)], events.Select(e => e.Item1));
        Assert.Equal([new RedisStreamSequenceToken(1700000000123, 7, 0), new RedisStreamSequenceToken(1700000000123, 7, 1)],
            events.Select(e => e.Item2));
        Assert.Equal(new RedisStreamSequenceToken(1700000000123, 7, 0), batch.SequenceToken);
    }

    [Fact]
    public void Read_batch_keeps_its_token_when_sent_to_a_consumer_on_another_silo()
    {
        var serializer = _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>();
        var payload = RedisStreamBatchContainer.ToPayload(serializer, StreamId.Create("ns", "k"), [new TestEvent("k", 1)], null);
        var read = RedisStreamBatchContainer.FromEntry(serializer,
            new StreamEntry("9-3", [new NameValueEntry(RedisStreamQueue.PayloadField, payload)]));

        var sent = serializer.Deserialize(serializer.SerializeToArray(read))!;

        Assert.Equal(new RedisStreamSequenceToken(9, 3, 0), sent.SequenceToken);
        Assert.Equal(new RedisStreamSequenceToken(9, 3, 0), sent.GetEvents<TestEvent>().Single().Item2);
    }

    [Fact]
    public void Event_index_counts_every_event_of_the_batch_whatever_type_is_asked_for()
    {
        var serializer = _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>();
        var payload = RedisStreamBatchContainer.ToPayload<object>(serializer, StreamId.Create("ns", "k"),
            ["not an event", new TestEvent("k", 5)], requestContext: null);

        var batch = RedisStreamBatchContainer.FromEntry(serializer,
            new StreamEntry("5-0", [new NameValueEntry(RedisStreamQueue.PayloadField, payload)]));

        var (item, token) = Assert.Single(batch.GetEvents<TestEvent>());
        Assert.Equal(5, item.Sequence);
        Assert.Equal(1, token.EventIndex);
        Assert.False(batch.ImportRequestContext());
    }

    [Fact]
    public void Entry_without_payload_is_rejected_with_the_provider_exception()
    {
        var serializer = _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>();

        var error = Assert.Throws<RedisStreamsException>(() =>
            RedisStreamBatchContainer.FromEntry(serializer, new StreamEntry("1-0", [new NameValueEntry("other", "x")])));

        Assert.Contains("1-0", error.Message);
    }

    [Fact]
    public void Sequence_token_round_trips_as_the_StreamSequenceToken_a_grain_receives()
    {
        var serializer = _services.GetRequiredService<Serializer<StreamSequenceToken>>();
        StreamSequenceToken token = new RedisStreamSequenceToken(1700000000123, 42, 3);

        var copy = serializer.Deserialize(serializer.SerializeToArray(token));

        var redisToken = Assert.IsType<RedisStreamSequenceToken>(copy);
        Assert.Equal(token, redisToken);
        Assert.Equal("1700000000123-42", redisToken.EntryId);
        Assert.Equal(3, redisToken.EventIndex);
    }
}

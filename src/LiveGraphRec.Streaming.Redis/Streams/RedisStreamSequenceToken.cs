using System.Globalization;
using Orleans;
using Orleans.Streams;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// Position of one event: the Redis entry id <c>{Milliseconds}-{EntrySequence}</c> of its batch plus
/// the event's index in the batch. Ordered by milliseconds, then entry sequence, then event index.
/// Unique per partition, so consumers can use it to detect re-delivered events.
/// </summary>
[GenerateSerializer, Immutable, Alias("LiveGraphRec.Streaming.Redis.RedisStreamSequenceToken")]
public sealed class RedisStreamSequenceToken : StreamSequenceToken
{
    public RedisStreamSequenceToken(long milliseconds, long entrySequence, int eventIndex)
    {
        SequenceNumber = milliseconds;
        EntrySequence = entrySequence;
        EventIndex = eventIndex;
    }

    /// <summary>The millisecond part of the Redis entry id.</summary>
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <summary>The sequence part of the Redis entry id (entries added within the same millisecond).</summary>
    [Id(1)]
    public long EntrySequence { get; private set; }

    [Id(2)]
    public override int EventIndex { get; protected set; }

    /// <summary>The Redis entry id this event was read from.</summary>
    public string EntryId => string.Create(CultureInfo.InvariantCulture, $"{SequenceNumber}-{EntrySequence}");

    /// <summary>The token of the first event of the entry with the given id (<c>ms-seq</c>).</summary>
    public static RedisStreamSequenceToken FromEntryId(string entryId)
    {
        var separator = entryId.IndexOf('-', StringComparison.Ordinal);
        if (separator <= 0
            || !long.TryParse(entryId.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || !long.TryParse(entryId.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            throw new RedisStreamsException($"Redis Streams: '{entryId}' is not a stream entry id (ms-seq).");
        }
        return new RedisStreamSequenceToken(milliseconds, sequence, eventIndex: 0);
    }

    public RedisStreamSequenceToken ForEvent(int eventIndex) => new(SequenceNumber, EntrySequence, eventIndex);

    public override bool Equals(StreamSequenceToken? other) =>
        other is RedisStreamSequenceToken token
        && token.SequenceNumber == SequenceNumber
        && token.EntrySequence == EntrySequence
        && token.EventIndex == EventIndex;

    public override bool Equals(object? obj) => Equals(obj as StreamSequenceToken);

    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EntrySequence, EventIndex);

    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }
        var byMilliseconds = SequenceNumber.CompareTo(other.SequenceNumber);
        if (byMilliseconds != 0)
        {
            return byMilliseconds;
        }
        // Tokens of other providers carry no entry sequence; compare them by event index alone.
        var byEntry = other is RedisStreamSequenceToken token ? EntrySequence.CompareTo(token.EntrySequence) : 0;
        return byEntry != 0 ? byEntry : EventIndex.CompareTo(other.EventIndex);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{EntryId}#{EventIndex}");
}

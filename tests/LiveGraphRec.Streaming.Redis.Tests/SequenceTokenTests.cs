using Orleans.Providers.Streams.Common;

namespace LiveGraphRec.Streaming.Redis.Tests;

public sealed class SequenceTokenTests
{
    [Theory]
    [InlineData(10, 0, 0, 11, 0, 0)] // later millisecond
    [InlineData(10, 1, 5, 10, 2, 0)] // same millisecond, later entry
    [InlineData(10, 1, 0, 10, 1, 1)] // same entry, later event
    public void Orders_by_milliseconds_then_entry_sequence_then_event_index(long ms1, long seq1, int index1, long ms2, long seq2, int index2)
    {
        var earlier = new RedisStreamSequenceToken(ms1, seq1, index1);
        var later = new RedisStreamSequenceToken(ms2, seq2, index2);

        Assert.True(earlier.CompareTo(later) < 0);
        Assert.True(later.CompareTo(earlier) > 0);
        Assert.Equal(0, later.CompareTo(new RedisStreamSequenceToken(ms2, seq2, index2)));
        Assert.True(later.CompareTo(null) > 0);
    }

    [Fact]
    public void Parses_the_entry_id_and_is_equal_only_to_the_same_position()
    {
        var token = RedisStreamSequenceToken.FromEntryId("1700000000123-42");

        Assert.Equal(1700000000123, token.SequenceNumber);
        Assert.Equal(42, token.EntrySequence);
        Assert.Equal(0, token.EventIndex);
        Assert.Equal(new RedisStreamSequenceToken(1700000000123, 42, 0), token);
        Assert.NotEqual(token.ForEvent(1), token);
        Assert.False(token.Equals(new EventSequenceTokenV2(1700000000123, 0)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("123")]
    [InlineData("-1")]
    [InlineData("12-x")]
    [InlineData("a-1")]
    public void Rejects_what_is_not_an_entry_id(string entryId) =>
        Assert.Throws<RedisStreamsException>(() => RedisStreamSequenceToken.FromEntryId(entryId));
}

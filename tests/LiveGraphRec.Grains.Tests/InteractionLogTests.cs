using LiveGraphRec.Grains.Training;
using LiveGraphRec.Silo.Training;

namespace LiveGraphRec.Grains.Tests;

public sealed class InteractionLogTests
{
    [Theory]
    [InlineData("u1", "i1")]
    [InlineData("12:34", "5:x 1.5 7")]
    [InlineData("user with spaces", "üñí")]
    public void EntriesRoundTripWhateverTheIds(string user, string item)
    {
        var entry = new LoggedInteraction(user, item, 2.5f, new DateTimeOffset(2026, 11, 25, 17, 0, 0, 123, TimeSpan.Zero).AddTicks(4));
        Assert.Equal(entry, LoggedInteractionCodec.Decode(LoggedInteractionCodec.Encode(entry)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2:u1")]
    [InlineData("2:u12:i1")]
    [InlineData("2:u12:i1x 5")]
    [InlineData("9:u12:i11 5")]
    public void MalformedEntriesAreReported(string entry)
    {
        var error = Assert.Throws<InvalidDataException>(() => LoggedInteractionCodec.Decode(entry));
        Assert.Contains($"'{entry}' is malformed", error.Message);
    }

    [Fact]
    public async Task TheMemoryLogNumbersEntriesFromOne()
    {
        var log = new MemoryInteractionLog();
        var a = new LoggedInteraction("u", "a", 1, DateTimeOffset.UnixEpoch);
        var b = a with { ItemId = "b" };
        var c = a with { ItemId = "c" };
        Assert.Equal(1, await log.AppendAsync([a]));
        Assert.Equal(3, await log.AppendAsync([b, c]));
        Assert.Equal(3, await log.CountAsync());
        Assert.Equal([b, c], await log.ReadAsync(2, 3, CancellationToken.None));
    }
}

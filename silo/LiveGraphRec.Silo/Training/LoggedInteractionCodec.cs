using System.Globalization;
using LiveGraphRec.Grains.Training;

namespace LiveGraphRec.Silo.Training;

/// <summary>
/// One interaction log entry as a Redis string: <c>{user length}:{user}{item length}:{item}{weight} {UTC ticks}</c>.
/// The length prefixes make every id safe, whatever characters it holds.
/// </summary>
public static class LoggedInteractionCodec
{
    public static string Encode(LoggedInteraction entry) => string.Create(CultureInfo.InvariantCulture,
        $"{entry.UserId.Length}:{entry.UserId}{entry.ItemId.Length}:{entry.ItemId}{entry.Weight:R} {entry.Timestamp.UtcTicks}");

    /// <exception cref="InvalidDataException">The entry does not follow the layout.</exception>
    public static LoggedInteraction Decode(string entry)
    {
        ReadOnlySpan<char> rest = entry;
        string user = ReadId(ref rest, entry), item = ReadId(ref rest, entry);
        int space = rest.IndexOf(' ');
        if (space < 0
            || !float.TryParse(rest[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out float weight)
            || !long.TryParse(rest[(space + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out long ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Malformed(entry, "weight and timestamp");
        }
        return new LoggedInteraction(user, item, weight, new DateTimeOffset(ticks, TimeSpan.Zero));
    }

    private static string ReadId(ref ReadOnlySpan<char> rest, string entry)
    {
        int colon = rest.IndexOf(':');
        if (colon < 1 || !int.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out int length)
            || length > rest.Length - colon - 1)
        {
            throw Malformed(entry, "id length");
        }
        string id = rest.Slice(colon + 1, length).ToString();
        rest = rest[(colon + 1 + length)..];
        return id;
    }

    private static InvalidDataException Malformed(string entry, string part) =>
        new($"Interaction log entry '{entry}' is malformed: bad {part}.");
}

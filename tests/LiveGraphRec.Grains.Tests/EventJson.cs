using System.Text.Json;

namespace LiveGraphRec.Grains.Tests;

internal static class EventJson
{
    /// <summary>One valid event record as the ingestion endpoint takes it.</summary>
    public static string Record(string eventId, string user, string item) =>
        JsonSerializer.Serialize(new { eventId, user, item, kind = "click", weight = 1, timestamp = 1_700_000_000 });

    /// <summary>NDJSON of one event per item, ids "{user}-{item}".</summary>
    public static string Lines(string user, IEnumerable<string> items) =>
        string.Join('\n', items.Select(item => Record($"{user}-{item}", user, item)));
}

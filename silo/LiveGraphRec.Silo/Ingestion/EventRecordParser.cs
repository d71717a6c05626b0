using System.Globalization;
using System.Text.Json;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Ingestion;

/// <summary>
/// Validates one JSON event record <c>{eventId, user, item, kind, weight?, timestamp?}</c>: weight defaults
/// to 1, timestamp (ISO-8601 or Unix seconds) to the time of receipt. Every problem is reported under
/// the key <c>events[index].field</c>.
/// </summary>
internal sealed class EventRecordParser(IngestionOptions options, DateTimeOffset receivedAt)
{
    public const float MaxWeight = 1_000f;
    private static readonly string KindNames = string.Join(", ", Enum.GetNames<InteractionKind>().Select(name => name.ToLowerInvariant()));

    public InteractionEvent? Parse(JsonElement record, int index, Dictionary<string, string[]> errors)
    {
        string prefix = $"events[{index}]";
        if (record.ValueKind != JsonValueKind.Object)
        {
            errors[prefix] = [$"must be a JSON object, not {record.ValueKind.ToString().ToLowerInvariant()}"];
            return null;
        }
        int before = errors.Count;
        void Fail(string field, string message) => errors[$"{prefix}.{field}"] = [message];

        string? eventId = Id(record, "eventId", Fail), user = Id(record, "user", Fail), item = Id(record, "item", Fail);
        InteractionKind kind = Kind(record, Fail);
        float weight = Weight(record, Fail);
        DateTimeOffset timestamp = Timestamp(record, Fail);
        return errors.Count == before ? new InteractionEvent(eventId!, user!, item!, kind, weight, timestamp) : null;
    }

    private string? Id(JsonElement record, string field, Action<string, string> fail)
    {
        if (!record.TryGetProperty(field, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            fail(field, "is required");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            fail(field, $"must be a string, not {value.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }
        string id = value.GetString()!;
        string? problem = IdRules.Check(id, options.MaxIdLength);
        if (problem is not null)
        {
            fail(field, problem);
            return null;
        }
        return id;
    }

    private static InteractionKind Kind(JsonElement record, Action<string, string> fail)
    {
        if (!record.TryGetProperty("kind", out JsonElement value) || value.ValueKind != JsonValueKind.String)
        {
            fail("kind", $"is required: one of {KindNames}");
            return default;
        }
        string text = value.GetString()!;
        // Names only: Enum.TryParse would also take "3" or "view,click".
        if (!Enum.GetNames<InteractionKind>().Any(name => name.Equals(text, StringComparison.OrdinalIgnoreCase)))
        {
            fail("kind", $"unknown kind '{Truncated(text)}'; expected one of {KindNames}");
            return default;
        }
        return Enum.Parse<InteractionKind>(text, ignoreCase: true);
    }

    private static float Weight(JsonElement record, Action<string, string> fail)
    {
        if (!record.TryGetProperty("weight", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return 1f;
        }
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out float weight) || !float.IsFinite(weight)
            || weight <= 0 || weight > MaxWeight)
        {
            fail("weight", $"must be a number greater than 0 and at most {MaxWeight}");
            return 0;
        }
        return weight;
    }

    private DateTimeOffset Timestamp(JsonElement record, Action<string, string> fail)
    {
        if (!record.TryGetProperty("timestamp", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return receivedAt;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long seconds)
            && seconds >= 0 && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        if (value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            return parsed;
        }
        fail("timestamp", "must be Unix seconds (a non-negative integer) or an ISO-8601 string");
        return default;
    }

    private static string Truncated(string text) => text.Length <= 40 ? text : text[..40] + "…";
}

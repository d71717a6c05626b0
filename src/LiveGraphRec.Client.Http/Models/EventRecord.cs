namespace LiveGraphRec.Client.Http.Models;

/// <summary>One interaction as <c>POST /v1/events</c> takes it.</summary>
/// <param name="EventId">Unique per event: re-sending the same id changes nothing, so a retried batch is safe.</param>
/// <param name="Kind">view, click, like, purchase or rating.</param>
/// <param name="Weight">Interaction strength (default 1 on the silo).</param>
/// <param name="Timestamp">Unix seconds (default: when the silo received it).</param>
public sealed record EventRecord(string EventId, string User, string Item, string Kind = "view", float? Weight = null, long? Timestamp = null);

/// <summary>The silo's 202 answer: events appended to the durable log, and the distinct users and items among them.</summary>
public sealed record IngestionReceipt(int Accepted, int Users, int Items);

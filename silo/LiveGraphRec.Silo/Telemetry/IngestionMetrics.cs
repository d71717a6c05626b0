using System.Diagnostics.Metrics;
using LiveGraphRec.Silo.Ingestion;

namespace LiveGraphRec.Silo.Telemetry;

/// <summary>
/// The HTTP ingestion's instruments on meter <see cref="LiveGraphRecTelemetry.MeterName"/>: events received
/// (records read from request bodies), accepted (appended to the event stream) and rejected (in a batch refused
/// as a whole), and requests by outcome. What the grains then apply is <c>lgr.events.applied</c>.
/// </summary>
public sealed class IngestionMetrics(IMeterFactory meters)
{
    // The factory hands out one meter per name, so each instrument asking for it shares it.
    private readonly Counter<long> _received = Meter(meters).CreateCounter<long>("lgr.events.received",
        description: "Event records read from POST /v1/events bodies.");

    private readonly Counter<long> _accepted = Meter(meters).CreateCounter<long>("lgr.events.accepted",
        description: "Events appended to the event stream (answered 202).");

    private readonly Counter<long> _rejected = Meter(meters).CreateCounter<long>("lgr.events.rejected",
        description: "Event records in batches rejected as a whole; reason=invalid (400) or too_large (413, counted when the records were).");

    private readonly Counter<long> _batches = Meter(meters).CreateCounter<long>("lgr.ingest.batches",
        description: "POST /v1/events requests; outcome=accepted, invalid or too_large.");

    public void Accepted(EventBatch batch)
    {
        _received.Add(batch.Records);
        _accepted.Add(batch.Events.Count);
        _batches.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
    }

    public void Rejected(EventBatch batch)
    {
        string reason = batch.TooLarge is null ? "invalid" : "too_large";
        _received.Add(batch.Records);
        _rejected.Add(batch.Records, new KeyValuePair<string, object?>("reason", reason));
        _batches.Add(1, new KeyValuePair<string, object?>("outcome", reason));
    }

    private static Meter Meter(IMeterFactory meters) => meters.Create(LiveGraphRecTelemetry.MeterName);
}

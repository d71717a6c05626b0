using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// Traces and metrics of the provider's Redis calls; a host subscribes with <c>AddSource(SourceName)</c>
/// and <c>AddMeter(MeterName)</c>. Instruments: <c>lgr.redis_streams.errors</c> (failed Redis calls by
/// operation), <c>lgr.redis_streams.redelivered</c> (entries another receiver left unacknowledged and this
/// one delivers again — the provider's retry), <c>lgr.redis_streams.acknowledged</c> (entries XACKed).
/// </summary>
public static class RedisStreamsTelemetry
{
    public const string SourceName = "LiveGraphRec.Streaming.Redis";

    public const string MeterName = "LiveGraphRec.Streaming.Redis";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>("lgr.redis_streams.errors",
        description: "Redis calls of the Redis Streams provider that failed, by operation (XADD, XREADGROUP, ...).");

    private static readonly Counter<long> Redelivered = Meter.CreateCounter<long>("lgr.redis_streams.redelivered",
        description: "Entries left unacknowledged by another receiver (a crashed silo) and delivered again.");

    private static readonly Counter<long> Acknowledged = Meter.CreateCounter<long>("lgr.redis_streams.acknowledged",
        description: "Entries acknowledged (XACK) once their consumers had processed them.");

    internal static void Failed(string operation) => Errors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    internal static void Redelivering(int entries) => Redelivered.Add(entries);

    internal static void Acknowledging(int entries) => Acknowledged.Add(entries);
}

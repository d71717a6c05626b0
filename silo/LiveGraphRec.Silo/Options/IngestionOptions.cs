namespace LiveGraphRec.Silo.Options;

/// <summary>Section <c>LGR:Ingestion</c>: the event stream and the limits of <c>POST /v1/events</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "LGR:Ingestion";

    /// <summary>Name of the Orleans stream provider events are appended to: Redis Streams when Redis is configured, else in memory.</summary>
    [Required] public string StreamProvider { get; set; } = "interactions";

    /// <summary>
    /// Partitions of the Redis event log (one stream key each). Users are hashed to partitions, so every silo
    /// of a service must use the same value, and changing it needs an empty backlog.
    /// </summary>
    [Range(1, 1_024)] public int QueueCount { get; set; } = 8;

    /// <summary>
    /// How long an event a silo read but never acknowledged (it crashed) stays pending before another silo
    /// delivers it again; recovery after a crash takes one to two of these.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PendingIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    [Range(1, 1_000_000)] public int MaxBatchEvents { get; set; } = 10_000;

    [Range(1, 256 * 1024 * 1024)] public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Longest user, item or event id accepted, in characters.</summary>
    [Range(1, 4_096)] public int MaxIdLength { get; set; } = 128;
}

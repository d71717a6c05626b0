namespace LiveGraphRec.Silo.Options;

/// <summary>Section <c>LGR:Ingestion</c>: the event stream and the limits of <c>POST /v1/events</c>.</summary>
public sealed class IngestionOptions
{
    public const string Section = "LGR:Ingestion";

    /// <summary>Name of the Orleans stream provider events are appended to: Redis Streams when Redis is configured, else in memory.</summary>
    [Required] public string StreamProvider { get; set; } = "interactions";

    /// <summary>
    /// Event streams users are hashed to; each is one partition grain's, which applies many users' events per
    /// delivery. A request makes at most this many stream entries (one per partition its users fall in). A partition's
    /// deliveries are serial, so this bounds the batches in flight cluster-wide: raise it with the number of silos.
    /// Every silo of a service must use the same value, and changing it needs an empty backlog (a user's events must
    /// stay on one stream to keep their order).
    /// </summary>
    [Range(1, 4_096)] public int Partitions { get; set; } = 8;

    /// <summary>
    /// The most stream entries one delivery to a partition grain carries (the pulling agent's batch-container batch):
    /// under load a partition's backlog is applied in large batches — one log append, one call per user, one commit
    /// wait — rather than entry by entry; when it keeps up, each entry goes alone.
    /// </summary>
    [Range(1, 1_024)] public int EntriesPerDelivery { get; set; } = 32;

    /// <summary>
    /// How often a silo's pulling agents look for new entries in their queues (one read per queue each time): the
    /// floor of the apply lag when the silo keeps up. Orleans' default, 100 ms, gave an apply lag p99 of 143 ms at
    /// 1,000 events/s; 20 ms gave 79–97 ms (docs/BENCHMARKS.md), for 50 idle reads per queue per second (about
    /// 3.5 % of a core on an idle silo with 8 queues).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Queues of the Redis event log (one stream key each); the partition streams are hashed to them. Every silo
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

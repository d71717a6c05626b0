using LiveGraphRec.Streaming.Redis;
using StackExchange.Redis;

namespace Orleans.Configuration;

/// <summary>
/// Options of a Redis Streams provider (one set per provider name).
/// </summary>
/// <remarks>
/// Delivery is at least once: an entry is acknowledged (<c>XACK</c>) only after the pulling agent has
/// delivered it, and entries read but never acknowledged (a crashed silo, a queue moved to another silo)
/// are claimed and delivered again by another receiver after <see cref="PendingIdleTimeout"/>.
/// Consumers must therefore be idempotent, e.g. by event id.
/// </remarks>
public sealed class RedisStreamsOptions
{
    /// <summary>The default <see cref="QueueCount"/>.</summary>
    public const int DefaultQueueCount = 8;

    /// <summary>
    /// Redis connection string (StackExchange.Redis syntax). Used when <see cref="ConfigurationOptions"/> is not set.
    /// </summary>
    [Redact]
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Redis client options; take precedence over <see cref="ConnectionString"/>.
    /// </summary>
    [RedactRedisPassword]
    public ConfigurationOptions? ConfigurationOptions { get; set; }

    /// <summary>
    /// Creates the connection and says whether it is shared: a shared multiplexer is left open when the
    /// provider stops, one the provider created is disposed with it.
    /// Replace it to reuse the host's <see cref="IConnectionMultiplexer"/>.
    /// </summary>
    public Func<RedisStreamsOptions, Task<(IConnectionMultiplexer Multiplexer, bool IsShared)>> CreateMultiplexer { get; set; } = ConnectAsync;

    /// <summary>
    /// Number of partitions: each is one Redis stream key <c>{ServiceId}/streaming/{provider}/{queue}</c>
    /// read by exactly one receiver in the cluster. Producers and silos must agree on it.
    /// </summary>
    public int QueueCount { get; set; } = DefaultQueueCount;

    /// <summary>The most entries one <c>XREADGROUP</c> or <c>XAUTOCLAIM</c> call returns.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>The consumer group every silo of the service reads with.</summary>
    public string ConsumerGroup { get; set; } = "orleans";

    /// <summary>
    /// How long an entry must stay unacknowledged before another receiver claims it (<c>XAUTOCLAIM</c>
    /// min-idle time), and how often a receiver looks for such entries. Too short re-delivers entries
    /// that a slow but live consumer is still processing; too long delays recovery after a crash.
    /// </summary>
    public TimeSpan PendingIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Approximate cap on entries per stream key (<c>XADD MAXLEN ~</c>), or <see langword="null"/> (the
    /// default) for no trimming. Redis trims by length regardless of the consumer group, so a cap lower
    /// than the backlog a stopped or slow cluster can accumulate loses entries that were never
    /// delivered. Set it well above the largest backlog you expect.
    /// </summary>
    public long? MaxLength { get; set; }

    private static async Task<(IConnectionMultiplexer, bool)> ConnectAsync(RedisStreamsOptions options)
    {
        var configuration = options.ConfigurationOptions ?? ConfigurationOptions.Parse(options.ConnectionString!);
        return (await ConnectionMultiplexer.ConnectAsync(configuration), false);
    }

    internal bool UsesDefaultConnection => CreateMultiplexer == ConnectAsync;
}

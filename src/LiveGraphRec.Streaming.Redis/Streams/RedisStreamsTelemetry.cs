using System.Diagnostics;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// Traces of the provider's Redis calls; a host subscribes with <c>AddSource(RedisStreamsTelemetry.SourceName)</c>.
/// Metrics will join it here.
/// </summary>
public static class RedisStreamsTelemetry
{
    public const string SourceName = "LiveGraphRec.Streaming.Redis";

    internal static readonly ActivitySource Source = new(SourceName);
}

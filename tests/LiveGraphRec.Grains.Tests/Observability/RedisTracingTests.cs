using LiveGraphRec.Streaming.Redis;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// On Redis the event leaves the process in between (XADD, then a consumer group read, possibly on another silo):
/// the trace context and the accept time travel inside the stream entry, so the trace still runs from the request
/// to the index update, with the Redis commands in it when <c>Telemetry:TraceRedisCommands</c> is on.
/// </summary>
public sealed class RedisTracingTests(RedisServer redis) : IClassFixture<RedisServer>
{
    private const string RedisCommandSource = "OpenTelemetry.Instrumentation.StackExchangeRedis";

    [SkippableFact]
    public async Task AnEventIsOneTraceThroughTheRedisEventLog()
    {
        RedisServer.SkipIfMissing();
        using var recorder = new SpanRecorder([.. TracingTests.Sources, RedisStreamsTelemetry.SourceName, RedisCommandSource]);
        await using var silo = new SiloHost(new Dictionary<string, string?>
        {
            ["LGR:Redis:ConnectionString"] = redis.ConnectionString,
            ["LGR:Silo:ServiceId"] = $"lgr-trace-{Guid.NewGuid():N}",
            ["LGR:Telemetry:TraceRedisCommands"] = "true",
            // Traces are set up only where something receives them; nothing listens on this port, and export failures are dropped.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        });
        using HttpClient client = silo.Client();
        await Eventually.Returns(async () => await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync(), body => body.StartsWith("Healthy", StringComparison.Ordinal), "the silo is ready", 30);

        var spans = await TracingTests.PostAndTraceAsync(recorder, client, "redis-trace-user", $"redis-trace-item-{Guid.NewGuid():N}");
        TracingTests.AssertEventTrace(spans, "redis-trace-user");
        Assert.True(spans.Any(span => span.Source.Name == RedisStreamsTelemetry.SourceName && span.OperationName == "redis-streams publish"),
            $"the XADD of the event is in the trace: {SpanRecorder.Describe(spans)}");
        // The instrumentation makes command spans when it drains its profiling sessions, which may come after the
        // event's last grain span (an item's index update follows its commit within milliseconds).
        await Eventually.Returns(() => Task.FromResult(recorder.Spans),
            found => found.Any(span => span.Source.Name == RedisCommandSource && span.DisplayName.Contains("XADD", StringComparison.OrdinalIgnoreCase)),
            "the Redis command itself is traced", 30);
    }
}

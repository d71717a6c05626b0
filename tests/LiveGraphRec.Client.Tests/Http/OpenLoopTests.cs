using System.Net;
using LiveGraphRec.Client.Http;
using LiveGraphRec.Client.Load;
using Microsoft.Extensions.Http.Resilience;

namespace LiveGraphRec.Client.Tests.Http;

public sealed class OpenLoopTests
{
    private static LiveGraphRecClient ClientOver(StubHandler stub)
    {
        var options = new LiveGraphRecClientOptions { BaseAddress = new Uri("http://silo.test"), MaxRetries = 0 };
        var http = new HttpClient(new ResilienceHandler(LiveGraphRecClient.ResiliencePipelineFor(options)) { InnerHandler = stub });
        LiveGraphRecClient.Configure(http, options);
        return new LiveGraphRecClient(http);
    }

    private static Task RunAsync(LiveGraphRecClient client, double rate, TimeSpan duration, int slots, OperationStats stats)
    {
        var semaphore = new SemaphoreSlim(slots);
        return OpenLoop.RunAsync(rate, duration, semaphore, stats, async (_, token) =>
        {
            await client.GetRecommendationsAsync("u1", cancellationToken: token);
            return 1;
        }, CancellationToken.None);
    }

    private const string Recommendations = """{"userId":"u1","items":[],"modelVersion":1,"indexVersion":1,"lastEventAt":null,"indexUpdatedAt":"2026-11-25T10:00:00+00:00"}""";

    [Fact]
    public async Task OffersRateTimesDurationAndCountsFailuresByStatus()
    {
        var stub = new StubHandler((_, call) => Task.FromResult(call % 4 == 0
            ? StubHandler.Json(HttpStatusCode.TooManyRequests, "{}")
            : StubHandler.Json(HttpStatusCode.OK, Recommendations)));
        var stats = new OperationStats();

        await RunAsync(ClientOver(stub), rate: 200, TimeSpan.FromSeconds(0.5), slots: 16, stats);

        Assert.Equal(100, stub.Calls);
        Assert.Equal(75, stats.Succeeded);
        Assert.Equal(25, stats.Failures["429"]);
        Assert.Equal(75, stats.Latency.Count);
    }

    [Fact]
    public async Task LatencyRunsFromTheScheduledTimeSoQueueingBehindASlowServerCounts()
    {
        // 30 requests due over 0.3 s, one at a time, 50 ms each: the last one is sent ~1.2 s after it was due.
        var stub = new StubHandler(async (_, _) =>
        {
            await Task.Delay(50);
            return StubHandler.Json(HttpStatusCode.OK, Recommendations);
        });
        var stats = new OperationStats();

        await RunAsync(ClientOver(stub), rate: 100, TimeSpan.FromSeconds(0.3), slots: 1, stats);

        Assert.Equal(30, stats.Succeeded);
        Assert.True(stats.Latency.Max > TimeSpan.FromSeconds(1), $"max latency {stats.Latency.Max} should include the queueing");
        // Each request finishes ≥ 50 ms after the one before it but was due only 10 ms later, so latency grows by
        // ≥ 40 ms per place in the queue however slow the machine: ≥ 24 × 40 ms between the 3rd and the 27th.
        TimeSpan spread = stats.Latency.Percentile(0.9) - stats.Latency.Percentile(0.1);
        Assert.True(spread > TimeSpan.FromSeconds(0.7), $"p90 − p10 = {spread}: later requests must carry the queueing");
        // From the actual send each request took its ≥ 50 ms, however long it queued before; half of them queued
        // behind ≥ 15 others (≥ 600 ms), so the service-time median must sit well below the latency median.
        Assert.Equal(30, stats.ServiceTime.Count);
        Assert.True(stats.ServiceTime.Percentile(0.5) >= TimeSpan.FromMilliseconds(45), $"service p50 {stats.ServiceTime.Percentile(0.5)}");
        Assert.True(stats.ServiceTime.Percentile(0.5) < stats.Latency.Percentile(0.5),
            $"service p50 {stats.ServiceTime.Percentile(0.5)} must leave out the queueing in latency p50 {stats.Latency.Percentile(0.5)}");
    }
}

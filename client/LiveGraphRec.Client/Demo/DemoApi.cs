using System.Diagnostics;
using LiveGraphRec.Client.Http;
using LiveGraphRec.Client.Http.Models;

namespace LiveGraphRec.Client.Demo;

/// <summary>The demo's calls to the embedded silo, through the typed client, each timed; plus the readiness wait.</summary>
internal sealed class DemoApi(LiveGraphRecClient client, HttpClient probe) : IDisposable
{
    public static DemoApi For(EmbeddedSilo silo) => new(
        LiveGraphRecClient.Create(new LiveGraphRecClientOptions { BaseAddress = silo.Address, ApiKey = silo.ApiKey }),
        new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(30) });

    /// <summary>Waits for <c>/readyz</c>: the silo answers once the seed embeddings are in its item index.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using HttpResponseMessage response = await probe.GetAsync("/readyz", cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            string reason = await response.Content.ReadAsStringAsync(cancellationToken);
            if (reason.Contains("seeding failed", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The embedded silo could not load the model: {reason}");
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The embedded silo did not become ready within {timeout.TotalSeconds:0} s: {reason}");
            }
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Posts one batch; returns how long the silo took to acknowledge it (it answers once the events are durable).</summary>
    public async Task<TimeSpan> PostEventsAsync(IReadOnlyList<EventRecord> events, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        await client.PostEventsAsync(events, cancellationToken);
        return Stopwatch.GetElapsedTime(start);
    }

    public async Task<(Recommendations Result, TimeSpan Latency)> RecommendAsync(string user, int k, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        Recommendations result = await client.GetRecommendationsAsync(user, k, cancellationToken: cancellationToken);
        return (result, Stopwatch.GetElapsedTime(start));
    }

    public void Dispose()
    {
        client.Dispose();
        probe.Dispose();
    }
}

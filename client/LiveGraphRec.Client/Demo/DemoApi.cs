using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using LiveGraphRec.Grains.Abstractions;

namespace LiveGraphRec.Client.Demo;

/// <summary>The three calls the demo makes to the silo's HTTP API, each timed.</summary>
internal sealed class DemoApi(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public static DemoApi For(EmbeddedSilo silo)
    {
        var http = new HttpClient { BaseAddress = silo.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", silo.ApiKey);
        return new DemoApi(http);
    }

    /// <summary>Waits for <c>/readyz</c>: the silo answers once the seed embeddings are in the grains.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            using HttpResponseMessage response = await http.GetAsync("/readyz", cancellationToken);
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
    public async Task<TimeSpan> PostEventsAsync(IReadOnlyList<DemoEvent> events, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        using HttpResponseMessage response = await http.PostAsJsonAsync("/v1/events", events, Json, cancellationToken);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST /v1/events answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        return elapsed;
    }

    public async Task<(RecommendationResult Result, TimeSpan Latency)> RecommendAsync(string user, int k, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        RecommendationResult? result = await http.GetFromJsonAsync<RecommendationResult>(
            $"/v1/users/{Uri.EscapeDataString(user)}/recommendations?k={k}", Json, cancellationToken);
        return (result ?? throw new InvalidDataException($"Empty recommendation answer for user {user}."), Stopwatch.GetElapsedTime(start));
    }
}

/// <summary>An interaction as <c>POST /v1/events</c> takes it (timestamp in Unix seconds).</summary>
internal sealed record DemoEvent(string EventId, string User, string Item, string Kind, float Weight, long Timestamp);

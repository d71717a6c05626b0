using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Orleans.Diagnostics;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// One event is one trace from the HTTP request through the stream, the user grain and the item grain to the
/// index update; one recommendation call is one trace. The requests carry a W3C traceparent the test chose,
/// so only this test's spans are looked at (the listener sees every host in the process).
/// </summary>
public sealed class TracingTests(SiloApiFixture silo) : IClassFixture<SiloApiFixture>, IDisposable
{
    private static readonly HashSet<string> Sources =
        ["Microsoft.AspNetCore", LiveGraphRecTelemetry.ActivitySourceName, ActivitySources.ApplicationGrainActivitySourceName];

    private readonly HttpClient _client = silo.Host.Client();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => Sources.Contains(source.Name),
        Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task AnEventIsOneTraceFromTheRequestToTheIndexUpdate()
    {
        Listen();
        ActivityTraceId trace = ActivityTraceId.CreateRandom();
        string item = $"trace-item-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent(EventJson.Record("trace-1", "trace-user", item), Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("traceparent", Traceparent(trace));
        Assert.Equal(HttpStatusCode.Accepted, (await _client.SendAsync(request)).StatusCode);

        List<Activity> spans = await Eventually.Returns(() => Task.FromResult(SpansOf(trace)),
            // The apply span ends once the state is written, which may come after the item's index update.
            found => found.Any(span => span.OperationName == "lgr index update" && (string?)span.GetTagItem("lgr.item") == item)
                && found.Any(span => span.OperationName == "lgr apply"),
            "the apply and the item's index update are traced");
        string names = Describe(spans);
        Assert.Contains(spans, span => span.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn");
        Assert.Contains(spans, span => span.OperationName == "lgr apply" && (string?)span.GetTagItem("lgr.user") == "trace-user");
        Assert.True(spans.Any(span => span.Source.Name == ActivitySources.ApplicationGrainActivitySourceName && span.DisplayName.Contains("LinkUser")),
            $"the item grain call is in the trace: {names}");
        Assert.True(spans.Any(span => span.Source.Name == ActivitySources.ApplicationGrainActivitySourceName && span.DisplayName.Contains("Upsert")),
            $"the index shard call is in the trace: {names}");
    }

    [Fact]
    public async Task ARecommendationCallIsOneTrace()
    {
        Listen();
        ActivityTraceId trace = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/u0/recommendations?k=3");
        request.Headers.Add("traceparent", Traceparent(trace));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(request)).StatusCode);

        List<Activity> spans = await Eventually.Returns(() => Task.FromResult(SpansOf(trace)),
            found => found.Any(span => span.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn"), "the request span ends");
        Assert.True(spans.Any(span => span.OperationName == "lgr rank" && (string?)span.GetTagItem("lgr.user") == "u0"), Describe(spans));
        Assert.True(spans.Any(span => span.DisplayName.Contains("GetRecommendations")), $"the user grain call is in the trace: {Describe(spans)}");
    }

    public void Dispose() => _listener.Dispose();

    private void Listen()
    {
        _listener.ActivityStopped = _stopped.Enqueue;
        ActivitySource.AddActivityListener(_listener);
    }

    private List<Activity> SpansOf(ActivityTraceId trace) => _stopped.Where(span => span.TraceId == trace).ToList();

    private static string Traceparent(ActivityTraceId trace) => $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01";

    private static string Describe(IEnumerable<Activity> spans) =>
        string.Join(", ", spans.Select(span => $"{span.Source.Name}:{span.DisplayName}"));
}

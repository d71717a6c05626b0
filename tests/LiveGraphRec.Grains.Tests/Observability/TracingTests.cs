using System.Diagnostics;
using System.Net;
using System.Text;
using Orleans.Diagnostics;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// One event is one trace from the HTTP request through the stream, the user grain and the item grain to the
/// index update; one recommendation call is one trace.
/// </summary>
public sealed class TracingTests(SiloApiFixture silo) : IClassFixture<SiloApiFixture>
{
    public const string HttpSpan = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    public static readonly string[] Sources = ["Microsoft.AspNetCore", LiveGraphRecTelemetry.ActivitySourceName, ActivitySources.ApplicationGrainActivitySourceName];

    private readonly HttpClient _client = silo.Host.Client();

    [Fact]
    public async Task AnEventIsOneTraceFromTheRequestToTheIndexUpdate()
    {
        using var recorder = new SpanRecorder(Sources);
        string item = $"trace-item-{Guid.NewGuid():N}";
        List<Activity> spans = await PostAndTraceAsync(recorder, _client, "trace-user", item);
        AssertEventTrace(spans, "trace-user");
    }

    [Fact]
    public async Task ARecommendationCallIsOneTrace()
    {
        using var recorder = new SpanRecorder(Sources);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/users/u0/recommendations?k=3");
        Assert.Equal(HttpStatusCode.OK, (await recorder.SendAsync(_client, request)).StatusCode);

        List<Activity> spans = await Eventually.Returns(() => Task.FromResult(recorder.Spans),
            found => found.Any(span => span.OperationName == HttpSpan), "the request span ends");
        Assert.True(spans.Any(span => span.OperationName == "lgr rank" && (string?)span.GetTagItem("lgr.user") == "u0"), SpanRecorder.Describe(spans));
        Assert.True(spans.Any(span => span.DisplayName.Contains("GetRecommendations")),
            $"the user grain call is in the trace: {SpanRecorder.Describe(spans)}");
    }

    /// <summary>Posts one event under the recorder's trace; returns the trace once the apply and the item's index update have ended.</summary>
    internal static async Task<List<Activity>> PostAndTraceAsync(SpanRecorder recorder, HttpClient client, string user, string item)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events")
        {
            Content = new StringContent(EventJson.Record($"{item}-event", user, item), Encoding.UTF8, "application/x-ndjson"),
        };
        Assert.Equal(HttpStatusCode.Accepted, (await recorder.SendAsync(client, request)).StatusCode);
        // The apply span ends once the state is written, which may come after the item's index update.
        return await Eventually.Returns(() => Task.FromResult(recorder.Spans),
            found => found.Any(span => span.OperationName == "lgr index update" && (string?)span.GetTagItem("lgr.item") == item)
                && found.Any(span => span.OperationName == "lgr apply"),
            "the apply and the item's index update are traced", 30);
    }

    internal static void AssertEventTrace(List<Activity> spans, string user)
    {
        string names = SpanRecorder.Describe(spans);
        Assert.Contains(spans, span => span.OperationName == HttpSpan);
        Assert.Contains(spans, span => span.OperationName == "lgr apply" && (string?)span.GetTagItem("lgr.user") == user);
        Assert.True(spans.Any(span => span.Source.Name == ActivitySources.ApplicationGrainActivitySourceName && span.DisplayName.Contains("LinkUser")),
            $"the item grain call is in the trace: {names}");
        Assert.True(spans.Any(span => span.Source.Name == ActivitySources.ApplicationGrainActivitySourceName && span.DisplayName.Contains("Upsert")),
            $"the index shard call is in the trace: {names}");
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// Records the spans of chosen sources that end while it lives, and sends requests under a trace id of the test's
/// own, so a test looks only at its spans (the listener sees every host in the process).
/// </summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public SpanRecorder(params string[] sources)
    {
        var names = sources.ToHashSet();
        _listener = new ActivityListener
        {
            ShouldListenTo = source => names.Contains(source.Name),
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public ActivityTraceId Trace { get; } = ActivityTraceId.CreateRandom();

    /// <summary>Spans of <see cref="Trace"/> that have ended.</summary>
    public List<Activity> Spans => _stopped.Where(span => span.TraceId == Trace).ToList();

    /// <summary>Sends <paramref name="request"/> as a child of <see cref="Trace"/> (a W3C traceparent header).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        request.Headers.Add("traceparent", $"00-{Trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        return client.SendAsync(request);
    }

    public static string Describe(IEnumerable<Activity> spans) =>
        string.Join(", ", spans.Select(span => $"{span.Source.Name}:{span.DisplayName}"));

    public void Dispose() => _listener.Dispose();
}

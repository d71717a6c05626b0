using System.Net;

namespace LiveGraphRec.Client.Tests.Http;

/// <summary>Answers requests from a script and records what was sent.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, int, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    private int _calls;

    public List<(HttpMethod Method, string Path, string? Body, string? ApiKey)> Requests { get; } = [];

    public int Calls => Volatile.Read(ref _calls);

    public static StubHandler Always(HttpStatusCode status, string body = "{}") =>
        new((_, _) => Task.FromResult(Json(status, body)));

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int call = Interlocked.Increment(ref _calls);
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!.PathAndQuery, body,
                request.Headers.TryGetValues("X-Api-Key", out var keys) ? keys.Single() : null));
        }
        return await answer(request, call);
    }
}

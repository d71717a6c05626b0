using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Core.Diagnostics;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace LiveGraphRec.Client.Http;

/// <summary>
/// The typed client of a LiveGraphRec silo's HTTP API. Errors surface as <see cref="LiveGraphRecApiException"/>
/// (the silo answered with an error) or <see cref="HttpRequestException"/> (it could not be reached, after the
/// retries); every method takes a cancellation token.
/// </summary>
/// <remarks>
/// Build one with <see cref="Create"/> or register it with
/// <see cref="LiveGraphRecClientServiceCollectionExtensions.AddLiveGraphRecClient"/>; either way requests go
/// through the retry and timeout pipeline of <see cref="ResiliencePipelineFor"/>. Thread-safe; keep one per silo.
/// </remarks>
public sealed class LiveGraphRecClient(HttpClient http) : IDisposable
{
    private bool _ownsHttp;

    /// <summary>A client with its own connection pool and resilience pipeline; dispose it when done.</summary>
    public static LiveGraphRecClient Create(LiveGraphRecClientOptions options)
    {
        options.Validate();
        var sockets = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var http = new HttpClient(new ResilienceHandler(ResiliencePipelineFor(options)) { InnerHandler = sockets });
        Configure(http, options);
        return new LiveGraphRecClient(http) { _ownsHttp = true };
    }

    /// <summary>
    /// Retries on transient failures (<see cref="HttpRetryStrategyOptions"/>: connection errors, attempt
    /// timeouts, 408, 429 honouring Retry-After, 5xx) with exponential back-off and jitter, then a timeout per attempt.
    /// </summary>
    public static ResiliencePipeline<HttpResponseMessage> ResiliencePipelineFor(LiveGraphRecClientOptions options)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        AddStrategies(pipeline, options);
        return pipeline.Build();
    }

    internal static void AddStrategies(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, LiveGraphRecClientOptions options)
    {
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            });
        }
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout });
    }

    internal static void Configure(HttpClient http, LiveGraphRecClientOptions options)
    {
        http.BaseAddress = options.BaseAddress;
        // The pipeline times each attempt; the client-wide limit would cut across the retries.
        http.Timeout = Timeout.InfiniteTimeSpan;
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            http.DefaultRequestHeaders.Add(LiveGraphRecClientOptions.ApiKeyHeader, options.ApiKey);
        }
    }

    /// <summary><c>POST /v1/events</c>: appends the batch to the durable event log (validated whole: a bad record rejects it all).</summary>
    public async Task<IngestionReceipt> PostEventsAsync(IReadOnlyList<EventRecord> events, CancellationToken cancellationToken = default)
    {
        return await SendAsync(HttpMethod.Post, "v1/events", JsonContent.Create(events, ClientJsonContext.Default.IReadOnlyListEventRecord),
            ClientJsonContext.Default.IngestionReceipt, cancellationToken);
    }

    /// <summary><c>GET /v1/users/{id}/recommendations</c>.</summary>
    /// <param name="candidates">Rank only these items (at most 1,000) instead of the whole catalog.</param>
    public async Task<Recommendations> GetRecommendationsAsync(string userId, int count = 20, bool excludeSeen = true,
        IReadOnlyCollection<string>? candidates = null, CancellationToken cancellationToken = default)
    {
        string query = $"v1/users/{Uri.EscapeDataString(userId)}/recommendations?k={count}&excludeSeen={(excludeSeen ? "true" : "false")}";
        if (candidates is { Count: > 0 })
        {
            query += "&candidates=" + Uri.EscapeDataString(string.Join(',', candidates));
        }
        return await SendAsync(HttpMethod.Get, query, null, ClientJsonContext.Default.Recommendations, cancellationToken);
    }

    /// <summary><c>GET /v1/users/{id}</c>; null when the silo knows no such user.</summary>
    public Task<NodeProfile?> GetUserAsync(string userId, CancellationToken cancellationToken = default) =>
        GetProfileAsync($"v1/users/{Uri.EscapeDataString(userId)}", cancellationToken);

    /// <summary><c>GET /v1/items/{id}</c>; null when the silo knows no such item.</summary>
    public Task<NodeProfile?> GetItemAsync(string itemId, CancellationToken cancellationToken = default) =>
        GetProfileAsync($"v1/items/{Uri.EscapeDataString(itemId)}", cancellationToken);

    /// <summary><c>POST /v1/admin/embeddings</c> with one batch of vectors (at most 10,000 users plus items).</summary>
    public async Task<PublishReport> PublishEmbeddingsAsync(EmbeddingBatch batch, CancellationToken cancellationToken = default)
    {
        return await SendAsync(HttpMethod.Post, "v1/admin/embeddings", JsonContent.Create(batch, ClientJsonContext.Default.EmbeddingBatch),
            ClientJsonContext.Default.PublishReport, cancellationToken);
    }

    /// <summary><c>GET /v1/admin/ingestion</c>: the silo's applied events and apply lag since the last reset.</summary>
    public async Task<ApplyProgressReport> GetApplyProgressAsync(CancellationToken cancellationToken = default)
    {
        return await SendAsync(HttpMethod.Get, "v1/admin/ingestion", null, ClientJsonContext.Default.ApplyProgressReport, cancellationToken);
    }

    /// <summary><c>POST /v1/admin/ingestion/reset</c>: starts a new measurement window on the silo.</summary>
    public async Task<ApplyProgressReport> ResetApplyProgressAsync(CancellationToken cancellationToken = default)
    {
        return await SendAsync(HttpMethod.Post, "v1/admin/ingestion/reset", null, ClientJsonContext.Default.ApplyProgressReport, cancellationToken);
    }

    /// <summary>
    /// <c>POST /v1/admin/train</c>: asks the trainer grain for a run now. A run already in progress (409) is not an
    /// error: the answer names it, and a caller follows it just the same.
    /// </summary>
    public async Task<TrainingRequest> RequestTrainingAsync(CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/admin/train");
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        return response.StatusCode == HttpStatusCode.Conflict
            ? await ReadBodyAsync(CallOf(request), response, ClientJsonContext.Default.TrainingRequest, cancellationToken)
            : await ReadAsync(request, response, ClientJsonContext.Default.TrainingRequest, cancellationToken);
    }

    /// <summary><c>GET /v1/admin/training</c>: the trainer's state, the run in progress and the last run.</summary>
    public async Task<TrainingStatus> GetTrainingStatusAsync(CancellationToken cancellationToken = default)
    {
        return await SendAsync(HttpMethod.Get, "v1/admin/training", null, ClientJsonContext.Default.TrainingStatus, cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            http.Dispose();
        }
    }

    private async Task<NodeProfile?> GetProfileAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        return await ReadAsync(request, response, ClientJsonContext.Default.NodeProfile, cancellationToken);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync(request, response, type, cancellationToken);
    }

    private static async Task<T> ReadAsync<T>(HttpRequestMessage request, HttpResponseMessage response, JsonTypeInfo<T> type,
        CancellationToken cancellationToken)
    {
        string call = CallOf(request);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(call, response, cancellationToken);
        }
        return await ReadBodyAsync(call, response, type, cancellationToken);
    }

    // Sending made the request's address absolute (base address + path).
    private static string CallOf(HttpRequestMessage request) =>
        $"{request.Method} {(request.RequestUri is { IsAbsoluteUri: true } uri ? uri.AbsolutePath : request.RequestUri?.OriginalString)}";

    private static async Task<T> ReadBodyAsync<T>(string call, HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync(type, cancellationToken)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException e)
        {
            throw new LiveGraphRecApiException(response.StatusCode,
                $"{call} answered {(int)response.StatusCode} with a body this client cannot read: {e.Message}", Empty);
        }
    }

    private static async Task<LiveGraphRecApiException> ErrorAsync(string call, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        ProblemBody? problem = null;
        try
        {
            problem = JsonSerializer.Deserialize(body, ClientJsonContext.Default.ProblemBody);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page, say): the raw body is the message.
        }
        var errors = problem?.Errors ?? [];
        string detail = problem?.Detail ?? problem?.Title ?? (body.Length > 500 ? body[..500] + "…" : body);
        string fields = string.Concat(errors.Select(error => $"\n  {error.Key}: {string.Join("; ", error.Value)}"));
        return new LiveGraphRecApiException(response.StatusCode,
            $"{call} answered {(int)response.StatusCode} {response.ReasonPhrase}: {detail}{fields}", errors);
    }

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();
}

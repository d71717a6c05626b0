namespace LiveGraphRec.Client.Http;

/// <summary>Where the cluster is, the API key, and how hard to retry.</summary>
public sealed class LiveGraphRecClientOptions
{
    /// <summary>The header the silo reads the key from.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>A silo's HTTP address, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>Sent as <see cref="ApiKeyHeader"/> on every request when set (ingestion and admin need it).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Retries of a request that failed transiently (connection errors, timeouts, 408, 429, 5xx), with
    /// exponential back-off and jitter. Every endpoint is safe to retry: events are de-duplicated by id,
    /// publishes by version. 0 turns retries off (what a load test wants: it counts errors instead).
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first back-off; later ones double.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The limit on one attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Connections to the silo kept open at once (a load test raises it).</summary>
    public int MaxConnections { get; set; } = 64;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (BaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The silo address '{BaseAddress}' must be an absolute http:// or https:// URL.");
        }
        if (MaxRetries is < 0 or > 20)
        {
            throw new ArgumentException($"MaxRetries is {MaxRetries}; it must be from 0 to 20.");
        }
        if (RetryDelay <= TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("RetryDelay and AttemptTimeout must be positive.");
        }
        if (MaxConnections < 1)
        {
            throw new ArgumentException($"MaxConnections is {MaxConnections}; it must be positive.");
        }
    }
}

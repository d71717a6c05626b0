namespace LiveGraphRec.Silo.Options;

/// <summary>
/// Section <c>LGR:Redis</c> (env <c>LGR__Redis__ConnectionString</c>, ...). Without a connection string the
/// silo runs on the embedded default: localhost clustering and in-memory grain storage.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "LGR:Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>host:6379,ssl=true,password=...</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Overrides any password in the connection string (so it can come from a secret store).</summary>
    public string? Password { get; set; }

    /// <summary>Forces TLS on when set.</summary>
    public bool? Ssl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString);
}

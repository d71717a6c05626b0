using System.ComponentModel;
using LiveGraphRec.Client.Http;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>Options of every command that talks to a running cluster over HTTP.</summary>
public class ClusterSettings : CommandSettings
{
    public const string UrlVariable = "LGR_URL", ApiKeyVariable = "LGR_API_KEY";

    [CommandOption("--url <URL>")]
    [Description("A silo's HTTP address (default: $LGR_URL, else http://127.0.0.1:8080).")]
    public string? Url { get; init; }

    [CommandOption("--api-key <KEY>")]
    [Description("Sent as X-Api-Key (default: $LGR_API_KEY); ingestion, publishing and the load test need it.")]
    public string? ApiKey { get; init; }

    [CommandOption("--retries <N>")]
    [Description("Retries of a request that failed transiently (connection error, timeout, 408, 429, 5xx), with back-off.")]
    [DefaultValue(3)]
    public int Retries { get; init; } = 3;

    public string EffectiveUrl => Url ?? Environment.GetEnvironmentVariable(UrlVariable) ?? "http://127.0.0.1:8080";

    public string? EffectiveApiKey => ApiKey ?? Environment.GetEnvironmentVariable(ApiKeyVariable);

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(EffectiveUrl, UriKind.Absolute, out Uri? url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ValidationResult.Error($"--url: '{EffectiveUrl}' is not an http:// or https:// address.");
        }
        return Retries is < 0 or > 20 ? ValidationResult.Error($"--retries: {Retries} must be from 0 to 20.") : ValidationResult.Success();
    }

    /// <summary>Null when <paramref name="data"/> names an existing file or folder, else the problem with <c>--data</c>.</summary>
    public static string? DataProblem(string data) =>
        string.IsNullOrWhiteSpace(data) ? "--data is required."
        : File.Exists(data) || Directory.Exists(data) ? null
        : $"--data: '{data}' does not exist.";

    /// <summary>Fails early with a clear message when a command that writes has no key.</summary>
    public string RequireApiKey() => EffectiveApiKey is { Length: > 0 } key
        ? key
        : throw new ArgumentException($"This command needs the cluster's API key: pass --api-key or set ${ApiKeyVariable}.");

    public LiveGraphRecClient CreateClient(int? retries = null, int maxConnections = 64) => LiveGraphRecClient.Create(new LiveGraphRecClientOptions
    {
        BaseAddress = new Uri(EffectiveUrl),
        ApiKey = EffectiveApiKey,
        MaxRetries = retries ?? Retries,
        MaxConnections = maxConnections,
    });
}

using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using LiveGraphRec.Silo.Extensions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace LiveGraphRec.Client.Demo;

/// <summary>
/// The silo host of <c>silo/</c>, started inside this process on its embedded default (localhost clustering,
/// in-memory storage and streams) with free loopback ports and a throwaway API key, so the demo exercises the
/// same HTTP API, grains and stream path a deployment runs.
/// </summary>
internal sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmbeddedSilo(WebApplication app, Uri address, string apiKey)
    {
        _app = app;
        Address = address;
        ApiKey = apiKey;
    }

    public Uri Address { get; }
    public string ApiKey { get; }

    /// <summary>
    /// Starts the host, which publishes <paramref name="seedEmbeddingsPath"/> (of embedding size
    /// <paramref name="dimension"/>) to the grains in the background.
    /// </summary>
    public static async Task<EmbeddedSilo> StartAsync(string seedEmbeddingsPath, int dimension, CancellationToken cancellationToken)
    {
        string apiKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LGR:Api:ApiKey"] = apiKey,
            ["LGR:Silo:SiloPort"] = FreeLoopbackPort().ToString(),
            ["LGR:Silo:GatewayPort"] = FreeLoopbackPort().ToString(),
            ["LGR:Silo:SeedEmbeddingsPath"] = Path.GetFullPath(seedEmbeddingsPath),
            ["LGR:Graph:Dimension"] = dimension.ToString(),
            // The Orleans dashboard profiles every grain call; the demo measures latencies without it.
            ["LGR:Telemetry:Dashboard"] = "false",
            // The terminal belongs to the demo's output: the host's own log lines would tear it. Failures still
            // reach the user, through the HTTP answers the demo checks.
            ["Logging:LogLevel:Default"] = "None",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddLiveGraphRec();
        WebApplication app = builder.Build();
        app.MapLiveGraphRecApis();
        await app.StartAsync(cancellationToken);
        return new EmbeddedSilo(app, new Uri(app.Urls.First()), apiKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

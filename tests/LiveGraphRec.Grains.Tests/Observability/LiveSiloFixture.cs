using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Grains.Tests.Observability;

/// <summary>
/// A silo process on the embedded default on a free loopback port, seeded with the two-community model, for tools
/// that need a real socket (a browser, Prometheus). Started once a test needs it.
/// </summary>
public sealed class LiveSiloFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-live-").FullName;
    private SiloProcess? _silo;

    public int Port { get; } = FreePort.Next();
    public string Url => $"http://127.0.0.1:{Port}";
    public HttpClient Client { get; private set; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Starts the silo on first use and waits until it is ready.</summary>
    public async Task<HttpClient> StartAsync()
    {
        if (_silo is not null)
        {
            return Client;
        }
        string model = Path.Combine(_folder, "model.lgr");
        EmbeddingFile.Write(model, TwoCommunityModel.Create(version: 1));
        var settings = new Dictionary<string, string?>(TestGraphOptions.Settings)
        {
            ["LGR:Api:ApiKey"] = SiloHost.ApiKey,
            ["LGR:Silo:SiloPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:GatewayPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:SeedEmbeddingsPath"] = model,
        };
        Client = new HttpClient { BaseAddress = new Uri(Url) };
        Client.DefaultRequestHeaders.Add(ApiOptions.KeyHeader, SiloHost.ApiKey);
        _silo = SiloProcess.Start(Url, settings);
        await _silo.WaitUntilReadyAsync(Client, timeoutSeconds: 90);
        return Client;
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
        Client.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

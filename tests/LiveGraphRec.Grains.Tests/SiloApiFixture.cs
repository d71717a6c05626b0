using System.Net.Http.Json;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Silo.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// The silo host itself (Program) on the embedded default, in process, seeded on start from an embedding
/// file of the two-community model (version 1), with small ingestion limits to test them.
/// </summary>
public sealed class SiloApiFixture : IAsyncLifetime
{
    public const string ApiKey = "test-api-key-0123456789";
    public const int MaxBatchEvents = 50, MaxBodyBytes = 64 * 1024;

    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-api-").FullName;
    private WebApplicationFactory<Program>? _factory;

    public string ModelPath => Path.Combine(_folder, "model.lgr");
    private WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    public HttpClient Client() => Factory.CreateClient();

    public HttpClient KeyedClient()
    {
        HttpClient client = Factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiOptions.KeyHeader, ApiKey);
        return client;
    }

    public T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    public async Task InitializeAsync()
    {
        EmbeddingFile.Write(ModelPath, TwoCommunityModel.Create(version: 1));
        var settings = new Dictionary<string, string?>(TestGraphOptions.Settings)
        {
            ["LGR:Api:ApiKey"] = ApiKey,
            ["LGR:Silo:SiloPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:GatewayPort"] = FreePort.Next().ToString(),
            ["LGR:Silo:SeedEmbeddingsPath"] = ModelPath,
            ["LGR:Ingestion:MaxBatchEvents"] = MaxBatchEvents.ToString(),
            ["LGR:Ingestion:MaxBodyBytes"] = MaxBodyBytes.ToString(),
        };
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            foreach (var (key, value) in settings)
            {
                host.UseSetting(key, value);
            }
        });
        using HttpClient client = Client();
        await Eventually.Returns(async () => await (await client.GetAsync("/readyz")).Content.ReadAsStringAsync(),
            body => body == "Healthy", "the silo is ready", 20);
        // Seeding runs once the silo has started; the index then fills within a refresh or two.
        await Eventually.Returns(
            async () => await client.GetFromJsonAsync<RecommendationResult>("/v1/users/u0/recommendations?k=5"),
            result => result!.Items.Count == 5, "the seeded items reach the index", 20);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}

using LiveGraphRec.Core.Embeddings;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// One silo host on the embedded default, seeded on start from an embedding file of the two-community
/// model (version 1), with small ingestion limits to test them.
/// </summary>
public sealed class SiloApiFixture : IAsyncLifetime
{
    public const int MaxBatchEvents = 50, MaxBodyBytes = 64 * 1024;

    private readonly string _folder = Directory.CreateTempSubdirectory("lgr-api-").FullName;
    private SiloHost? _host;

    public string ModelPath => Path.Combine(_folder, "model.lgr");
    internal SiloHost Host => _host ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        EmbeddingFile.Write(ModelPath, TwoCommunityModel.Create(version: 1));
        _host = new SiloHost(new Dictionary<string, string?>
        {
            ["LGR:Silo:SeedEmbeddingsPath"] = ModelPath,
            ["LGR:Ingestion:MaxBatchEvents"] = MaxBatchEvents.ToString(),
            ["LGR:Ingestion:MaxBodyBytes"] = MaxBodyBytes.ToString(),
        });
        await _host.WaitUntilServingAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        Directory.Delete(_folder, recursive: true);
    }
}

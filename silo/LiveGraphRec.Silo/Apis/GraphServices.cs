using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Apis;

/// <summary>What the read endpoints depend on, bound with [AsParameters].</summary>
public sealed class GraphServices(IGrainFactory grains, IOptions<ApiOptions> api, IOptions<IngestionOptions> ingestion)
{
    public IGrainFactory Grains { get; } = grains;
    public IOptions<ApiOptions> Api { get; } = api;
    public IOptions<IngestionOptions> Ingestion { get; } = ingestion;
}

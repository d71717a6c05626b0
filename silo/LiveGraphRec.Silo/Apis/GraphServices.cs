using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Apis;

/// <summary>What the read endpoints depend on, bound with [AsParameters].</summary>
public sealed class GraphServices(IGrainFactory grains, IOptions<ApiOptions> api, IOptions<IngestionOptions> ingestion)
{
    public IGrainFactory Grains { get; } = grains;
    public ApiOptions Api { get; } = api.Value;
    public IngestionOptions Ingestion { get; } = ingestion.Value;
}

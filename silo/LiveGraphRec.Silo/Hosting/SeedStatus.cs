namespace LiveGraphRec.Silo.Hosting;

/// <summary>Where seeding from <c>LGR:Silo:SeedEmbeddingsPath</c> stands, for the readiness check.</summary>
public sealed class SeedStatus
{
    private volatile string? _problem = "seeding has not finished";

    /// <summary>Null once seeded (or when there is nothing to seed), else why the silo is not ready.</summary>
    public string? Problem => _problem;

    public void Succeeded() => _problem = null;

    public void Failed(string reason) => _problem = $"seeding failed: {reason}";
}

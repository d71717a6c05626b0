namespace LiveGraphRec.Silo.Hosting;

/// <summary>Where seeding from <c>LGR:Silo:SeedEmbeddingsPath</c> stands, for the readiness check.</summary>
public sealed class SeedStatus
{
    private volatile string? _problem = "seeding has not finished";
    private long _completedAtTicks = long.MaxValue;

    /// <summary>Null once seeded (or when there is nothing to seed), else why the silo is not ready.</summary>
    public string? Problem => _problem;

    /// <summary>When seeding finished; <see cref="DateTimeOffset.MaxValue"/> until then.</summary>
    public DateTimeOffset CompletedAt => new(Interlocked.Read(ref _completedAtTicks), TimeSpan.Zero);

    public void Succeeded()
    {
        Interlocked.Exchange(ref _completedAtTicks, DateTimeOffset.UtcNow.UtcTicks);
        _problem = null;
    }

    public void Failed(string reason) => _problem = $"seeding failed: {reason}";
}

using LiveGraphRec.Grains.Index;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveGraphRec.Silo.Hosting;

/// <summary>
/// Ready once seeding is done and this silo's item index replica holds the seeded items: item grains hand a
/// published embedding to the index shards as they take it, so the replica must have pulled once after
/// seeding finished — before that, recommendations would rank against an empty or partial catalog.
/// </summary>
internal sealed class ReadinessCheck(LocalItemIndex index, SeedStatus seed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ItemIndexSnapshot current = index.Current;
        return Task.FromResult(
            seed.Problem is { } problem ? HealthCheckResult.Unhealthy(problem)
            : !index.IsReady ? HealthCheckResult.Unhealthy("the item index has not been loaded yet")
            : current.UpdatedAt <= seed.CompletedAt
                ? HealthCheckResult.Unhealthy("the item index has not taken in the seeded items yet")
            : HealthCheckResult.Healthy($"item index version {current.Version}, {current.Count} items"));
    }
}

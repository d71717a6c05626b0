using LiveGraphRec.Grains.Index;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveGraphRec.Silo.Hosting;

/// <summary>Ready once seeding is done and this silo's item index replica has read every shard.</summary>
internal sealed class ReadinessCheck(LocalItemIndex index, SeedStatus seed) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(seed.Problem is { } problem ? HealthCheckResult.Unhealthy(problem)
            : index.IsReady ? HealthCheckResult.Healthy($"item index version {index.Current.Version}, {index.Current.Count} items")
            : HealthCheckResult.Unhealthy("the item index has not been loaded yet"));
}

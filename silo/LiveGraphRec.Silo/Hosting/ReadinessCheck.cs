using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Index;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LiveGraphRec.Silo.Hosting;

/// <summary>
/// Ready once seeding is done and this silo's item index replica holds the seeded items: item grains hand
/// their embeddings to the index shards on their next write-behind tick, so the replica must have pulled
/// at least one flush interval after seeding finished — before that, recommendations would rank against
/// an empty or partial catalog.
/// </summary>
internal sealed class ReadinessCheck(LocalItemIndex index, SeedStatus seed, IOptions<GraphOptions> graph) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ItemIndexSnapshot current = index.Current;
        return Task.FromResult(
            seed.Problem is { } problem ? HealthCheckResult.Unhealthy(problem)
            : !index.IsReady ? HealthCheckResult.Unhealthy("the item index has not been loaded yet")
            : current.UpdatedAt < seed.CompletedAt + graph.Value.FlushInterval
                ? HealthCheckResult.Unhealthy("the item index has not taken in the seeded items yet")
            : HealthCheckResult.Healthy($"item index version {current.Version}, {current.Count} items"));
    }
}

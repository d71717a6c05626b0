using LiveGraphRec.Grains.Telemetry;
using Microsoft.Extensions.Hosting;

namespace LiveGraphRec.Grains.Index;

/// <summary>Pulls every index shard's changes into this silo's <see cref="LocalItemIndex"/> once per refresh interval.</summary>
public sealed partial class ItemIndexRefresher(
    IGrainFactory grains,
    LocalItemIndex index,
    IOptions<GraphOptions> options,
    GraphMetrics metrics,
    ILogger<ItemIndexRefresher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.IndexRefreshInterval);
        try
        {
            do
            {
                await RefreshOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RefreshOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            DateTimeOffset started = DateTimeOffset.UtcNow;
            var pulls = await Task.WhenAll(Enumerable.Range(0, options.Value.IndexShards).Select(async shard =>
            {
                var (incarnation, revision) = index.CursorOf(shard);
                var changes = await grains.GetGrain<IItemIndexShardGrain>(shard).GetChangesAsync(incarnation, revision);
                return (shard, changes);
            }));
            index.Apply(pulls, started);
            metrics.IndexRefreshed(ok: true);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // The silo may still be starting, or a shard moving; the next tick retries.
            metrics.IndexRefreshed(ok: false);
            LogRefreshFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Item index refresh failed; retrying on the next tick")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}

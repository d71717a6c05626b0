using Microsoft.Extensions.Hosting;

namespace LiveGraphRec.Grains.Training;

/// <summary>
/// Registers the trainer's schedule once the silo runs, in the background and retrying: not as a silo start-up
/// task, because the trainer grain may still be registered on a silo that crashed and not yet been declared dead,
/// and a start-up task waiting for that call would keep this silo from starting at all.
/// </summary>
public sealed partial class TrainerScheduleRegistration(IGrainFactory grains, ILogger<TrainerScheduleRegistration> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton).EnsureScheduledAsync();
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRetrying(logger, e, RetryDelay);
            }
            try
            {
                await Task.Delay(RetryDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registering the trainer schedule failed; retrying in {Delay}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, TimeSpan delay);
}

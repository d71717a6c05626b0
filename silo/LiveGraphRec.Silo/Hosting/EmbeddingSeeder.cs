using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Hosting;

/// <summary>
/// Publishes <see cref="SiloHostOptions.SeedEmbeddingsPath"/> once the silo runs, in the background so the
/// host answers (and reports not ready) meanwhile; versions make a repeat by another silo harmless.
/// </summary>
internal sealed partial class EmbeddingSeeder(
    EmbeddingPublisher publisher,
    IOptions<SiloHostOptions> options,
    SeedStatus status,
    ILogger<EmbeddingSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.SeedEmbeddingsPath is not { Length: > 0 } path)
        {
            status.Succeeded();
            return;
        }
        LogSeeding(logger, path);
        try
        {
            await publisher.PublishFileAsync(path, stoppingToken);
            status.Succeeded();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            LogSeedingFailed(logger, path, e);
            status.Failed(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding the cluster from {Path}")]
    private static partial void LogSeeding(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Seeding from {Path} failed; the silo stays not ready")]
    private static partial void LogSeedingFailed(ILogger logger, string path, Exception exception);
}

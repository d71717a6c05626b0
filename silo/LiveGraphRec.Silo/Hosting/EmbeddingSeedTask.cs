using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Silo.Options;

namespace LiveGraphRec.Silo.Hosting;

/// <summary>Publishes <see cref="SiloHostOptions.SeedEmbeddingsPath"/> once the silo has started; versions make a repeat harmless.</summary>
internal sealed partial class EmbeddingSeedTask(
    EmbeddingPublisher publisher,
    IOptions<SiloHostOptions> options,
    ILogger<EmbeddingSeedTask> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        if (options.Value.SeedEmbeddingsPath is not { Length: > 0 } path)
        {
            return;
        }
        LogSeeding(logger, path);
        await publisher.PublishFileAsync(path, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeding the cluster from {Path}")]
    private static partial void LogSeeding(ILogger logger, string path);
}

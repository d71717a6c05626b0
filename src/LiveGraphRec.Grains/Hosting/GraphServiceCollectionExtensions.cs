using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Ingestion;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Grains.Telemetry;
using LiveGraphRec.Grains.Training;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveGraphRec.Grains.Hosting;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// The silo-side services of the online tier: validated <see cref="GraphOptions"/> (bind or configure
    /// them separately), the local item index and its refresher, the embedding publisher, the grains' metrics, the
    /// apply-progress counters and the validation of <see cref="TrainerOptions"/> (the trainer grain's interaction
    /// log and training queue are the host's).
    /// </summary>
    public static IServiceCollection AddGraphServices(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>();
        services.AddSingleton<LocalItemIndex>();
        services.AddMetrics();
        services.AddSingleton<GraphMetrics>();
        services.AddHostedService<ItemIndexRefresher>();
        services.AddSingleton<EmbeddingPublisher>();
        services.AddOptions<TrainerOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<TrainerOptions>, TrainerOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApplyProgress>();
        return services;
    }
}

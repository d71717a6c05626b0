using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace LiveGraphRec.Grains.Hosting;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// The silo-side services of the online tier: validated <see cref="GraphOptions"/> (bind or configure
    /// them separately), the local item index and its refresher, the embedding publisher and the grains' metrics.
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
        return services;
    }
}

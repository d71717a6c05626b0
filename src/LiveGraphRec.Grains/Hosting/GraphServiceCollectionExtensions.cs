using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Ingestion;
using LiveGraphRec.Grains.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LiveGraphRec.Grains.Hosting;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// The silo-side services of the online tier: validated <see cref="GraphOptions"/> (bind or configure
    /// them separately), the local item index and its refresher, the embedding publisher and the apply-progress counters.
    /// </summary>
    public static IServiceCollection AddGraphServices(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>();
        services.AddSingleton<LocalItemIndex>();
        services.AddHostedService<ItemIndexRefresher>();
        services.AddSingleton<EmbeddingPublisher>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ApplyProgress>();
        return services;
    }
}

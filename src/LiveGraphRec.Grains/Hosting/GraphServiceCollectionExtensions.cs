using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Publishing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveGraphRec.Grains.Hosting;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// The silo-side services of the online tier: validated <see cref="GraphOptions"/> (bind or configure
    /// them separately), the local item index and its refresher, and the embedding publisher.
    /// </summary>
    public static IServiceCollection AddGraphServices(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphOptions>, GraphOptionsValidator>();
        services.AddSingleton<LocalItemIndex>();
        services.AddHostedService<ItemIndexRefresher>();
        services.AddSingleton<EmbeddingPublisher>();
        return services;
    }
}

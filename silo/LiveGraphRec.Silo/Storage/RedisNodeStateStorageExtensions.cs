using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace LiveGraphRec.Silo.Storage;

public static class RedisNodeStateStorageExtensions
{
    /// <summary>
    /// Registers <see cref="RedisNodeStateStorage"/> as grain storage <paramref name="name"/>, configured by the named
    /// <see cref="RedisStorageOptions"/> as Orleans' Redis storage is (connection, serializer, start stage, key).
    /// </summary>
    public static IServiceCollection AddRedisNodeStateStorage(this IServiceCollection services, string name,
        Action<OptionsBuilder<RedisStorageOptions>> configure)
    {
        configure(services.AddOptions<RedisStorageOptions>(name));
        return services.AddGrainStorage(name, (provider, key) =>
        {
            RedisStorageOptions options = provider.GetRequiredService<IOptionsMonitor<RedisStorageOptions>>().Get(key);
            return new RedisNodeStateStorage(key, options,
                options.GrainStorageSerializer ?? provider.GetRequiredService<IGrainStorageSerializer>(),
                provider.GetRequiredService<IOptions<ClusterOptions>>(), provider.GetRequiredService<ILogger<RedisNodeStateStorage>>());
        });
    }
}

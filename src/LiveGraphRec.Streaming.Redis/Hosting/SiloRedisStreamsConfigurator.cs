using LiveGraphRec.Streaming.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Configures a Redis Streams provider on a silo (pulling agents, receivers and producers).</summary>
public sealed class SiloRedisStreamsConfigurator : SiloPersistentStreamConfigurator
{
    public SiloRedisStreamsConfigurator(string name, Action<Action<IServiceCollection>> configureServicesDelegate)
        : base(name, configureServicesDelegate, RedisStreamsAdapterFactory.Create)
    {
        ConfigureDelegate(services => services
            .AddRedisStreamsServices(name)
            .ConfigureNamedOptionForLogging<SimpleQueueCacheOptions>(name));
    }

    public SiloRedisStreamsConfigurator ConfigureRedis(Action<OptionsBuilder<RedisStreamsOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }

    /// <summary>Entries each receiver keeps in memory for delivery (Orleans' simple queue cache).</summary>
    public SiloRedisStreamsConfigurator ConfigureCache(int cacheSize = SimpleQueueCacheOptions.DEFAULT_CACHE_SIZE)
    {
        this.Configure<SimpleQueueCacheOptions>(builder => builder.Configure(options => options.CacheSize = cacheSize));
        return this;
    }
}

using LiveGraphRec.Streaming.Redis;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>Configures a Redis Streams provider on a cluster client, which only produces.</summary>
public sealed class ClusterClientRedisStreamsConfigurator : ClusterClientPersistentStreamConfigurator
{
    public ClusterClientRedisStreamsConfigurator(string name, IClientBuilder builder)
        : base(name, builder, RedisStreamsAdapterFactory.Create)
    {
        builder.ConfigureServices(services => services.AddRedisStreamsServices(name));
    }

    public ClusterClientRedisStreamsConfigurator ConfigureRedis(Action<OptionsBuilder<RedisStreamsOptions>> configureOptions)
    {
        this.Configure(configureOptions);
        return this;
    }
}

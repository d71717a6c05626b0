using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>
/// Adds a persistent stream provider over Redis Streams (consumer groups, at-least-once delivery).
/// Silo and client must use the same name and <see cref="RedisStreamsOptions.QueueCount"/>.
/// </summary>
public static class RedisStreamsBuilderExtensions
{
    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<RedisStreamsOptions> configureOptions) =>
        builder.AddRedisStreams(name, streams => streams.ConfigureRedis(options => options.Configure(configureOptions)));

    public static ISiloBuilder AddRedisStreams(this ISiloBuilder builder, string name, Action<SiloRedisStreamsConfigurator>? configure)
    {
        var configurator = new SiloRedisStreamsConfigurator(name, configureServices => builder.ConfigureServices(configureServices));
        configure?.Invoke(configurator);
        return builder;
    }

    public static IClientBuilder AddRedisStreams(this IClientBuilder builder, string name, Action<RedisStreamsOptions> configureOptions) =>
        builder.AddRedisStreams(name, streams => streams.ConfigureRedis(options => options.Configure(configureOptions)));

    public static IClientBuilder AddRedisStreams(this IClientBuilder builder, string name, Action<ClusterClientRedisStreamsConfigurator>? configure)
    {
        var configurator = new ClusterClientRedisStreamsConfigurator(name, builder);
        configure?.Invoke(configurator);
        return builder;
    }
}

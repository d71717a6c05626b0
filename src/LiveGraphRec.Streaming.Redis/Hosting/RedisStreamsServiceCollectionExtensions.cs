using LiveGraphRec.Streaming.Redis;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Orleans.Hosting;

/// <summary>What silos and clients both register for a named Redis Streams provider.</summary>
internal static class RedisStreamsServiceCollectionExtensions
{
    public static IServiceCollection AddRedisStreamsServices(this IServiceCollection services, string name) =>
        services
            .ConfigureNamedOptionForLogging<RedisStreamsOptions>(name)
            .AddTransient<IConfigurationValidator>(provider =>
                new RedisStreamsOptionsValidator(provider.GetOptionsByName<RedisStreamsOptions>(name), name));
}

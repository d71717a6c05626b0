using System.Net;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Hosting;
using LiveGraphRec.Silo.Hosting;
using LiveGraphRec.Silo.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace LiveGraphRec.Silo.Extensions;

public static class SiloBuilderExtensions
{
    /// <summary>Redis clustering when Redis is configured, else localhost clustering (the embedded default).</summary>
    public static ISiloBuilder UseLiveGraphRecClustering(this ISiloBuilder silo, RedisOptions redis, SiloHostOptions options)
    {
        if (!redis.IsConfigured)
        {
            return silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        return silo
            .UseRedisClustering(clustering => clustering.ConfigurationOptions = redis.ToConfigurationOptions())
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            })
            .ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
    }

    /// <summary>
    /// Everything but clustering (so a test cluster can reuse it): grain storage — Redis with the Orleans
    /// binary serializer when configured, else in memory — the event stream provider, and the grain services.
    /// </summary>
    public static ISiloBuilder AddLiveGraphRec(this ISiloBuilder silo, RedisOptions redis, IngestionOptions ingestion)
    {
        if (redis.IsConfigured)
        {
            // The default JSON serializer records CLR type names, so moving a state class would make stored
            // state unreadable; the binary serializer is version tolerant through [Id] and [Alias].
            silo.AddRedisGrainStorage(StorageNames.Graph, storage => storage.Configure<Serializer>((options, serializer) =>
            {
                options.ConfigurationOptions = redis.ToConfigurationOptions();
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.Graph);
        }
        // Consumers subscribe implicitly (the user grain), so no pub-sub store is needed.
        silo.AddMemoryStreams(ingestion.StreamProvider, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
        silo.Services.AddGraphServices();
        silo.Services.AddSingleton<SeedStatus>();
        silo.Services.AddHostedService<EmbeddingSeeder>();
        return silo;
    }
}

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
        SharedRedisConnection connection = SharedRedisConnection.For(silo, redis);
        return silo
            .UseRedisClustering(clustering =>
            {
                clustering.ConfigurationOptions = redis.ToConfigurationOptions();
                clustering.CreateMultiplexer = _ => connection.GetAsync();
            })
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            })
            .ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
    }

    /// <summary>
    /// Everything but clustering (so a test cluster can reuse it): grain storage and the event stream provider —
    /// on Redis when configured, else in memory — and the grain services.
    /// </summary>
    public static ISiloBuilder AddLiveGraphRec(this ISiloBuilder silo, RedisOptions redis, IngestionOptions ingestion)
    {
        if (redis.IsConfigured)
        {
            // Grain storage keeps a connection of its own (its default CreateMultiplexer): its writes are large and come
            // in bursts (a publish writes every node), and on a shared connection they delayed the event log's XADDs and
            // XACKs behind them until those timed out (docs/BENCHMARKS.md, online tier).
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
        silo.AddEventStreams(redis, ingestion);
        silo.Services.AddGraphServices();
        silo.Services.AddSingleton<SeedStatus>();
        silo.Services.AddHostedService<EmbeddingSeeder>();
        return silo;
    }

    /// <summary>
    /// The durable event log on Redis Streams when Redis is configured, else memory streams (lost with the silo).
    /// Consumers subscribe implicitly (the user grain), so no pub-sub store is needed.
    /// </summary>
    private static void AddEventStreams(this ISiloBuilder silo, RedisOptions redis, IngestionOptions ingestion)
    {
        if (!redis.IsConfigured)
        {
            silo.AddMemoryStreams(ingestion.StreamProvider, streams => streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly));
            return;
        }
        SharedRedisConnection connection = SharedRedisConnection.For(silo, redis);
        silo.AddRedisStreams(ingestion.StreamProvider, streams =>
        {
            streams.ConfigureRedis(options => options.Configure(log =>
            {
                log.ConfigurationOptions = redis.ToConfigurationOptions();
                log.CreateMultiplexer = _ => connection.GetAsync();
                log.QueueCount = ingestion.QueueCount;
                log.PendingIdleTimeout = ingestion.PendingIdleTimeout;
            }));
            streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
        });
    }
}

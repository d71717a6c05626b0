using System.Net;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Hosting;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Silo.Hosting;
using LiveGraphRec.Silo.Options;
using LiveGraphRec.Silo.Storage;
using LiveGraphRec.Silo.Training;
using LiveGraphRec.Training.Hosting;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Serialization;
using Orleans.Streams;

namespace LiveGraphRec.Silo.Extensions;

public static class SiloBuilderExtensions
{
    /// <summary>
    /// Redis clustering when Redis is configured, else localhost clustering (the embedded default); in Kubernetes,
    /// the pod's identity and address (<see cref="SiloHostOptions.Kubernetes"/>).
    /// </summary>
    public static ISiloBuilder UseLiveGraphRecClustering(this ISiloBuilder silo, RedisOptions redis, SiloHostOptions options)
    {
        if (!redis.IsConfigured)
        {
            return options.Kubernetes
                ? throw new InvalidOperationException("LGR:Silo:Kubernetes needs Redis clustering: set LGR:Redis:ConnectionString.")
                : silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        SharedRedisConnection connection = SharedRedisConnection.For(silo, redis);
        silo.UseRedisClustering(clustering =>
            {
                clustering.ConfigurationOptions = redis.ToConfigurationOptions();
                clustering.CreateMultiplexer = _ => connection.GetAsync();
            })
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = options.ClusterId;
                cluster.ServiceId = options.ServiceId;
            });
        if (options.Kubernetes)
        {
            // The pod IP is advertised (POD_IP), listening on every address; only the ports come from here.
            return silo.Configure<EndpointOptions>(endpoints =>
            {
                endpoints.SiloPort = options.SiloPort;
                endpoints.GatewayPort = options.GatewayPort;
            }).UseKubernetesHosting();
        }
        return silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: true);
    }

    /// <summary>
    /// Everything but clustering (so a test cluster can reuse it): grain storage, the event stream provider and the
    /// trainer's reminders and interaction log — on Redis when configured, else in memory — and the grain services.
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
            void Configure(OptionsBuilder<RedisStorageOptions> storage) => storage.Configure<Serializer>((options, serializer) =>
            {
                options.ConfigurationOptions = redis.ToConfigurationOptions();
                options.GrainStorageSerializer = new PooledGrainStorageSerializer(serializer);
            });
            silo.AddRedisGrainStorage(StorageNames.Graph, Configure);
            silo.Services.AddRedisNodeStateStorage(StorageNames.Nodes, Configure);
        }
        else
        {
            silo.AddMemoryGrainStorage(StorageNames.Graph);
            silo.AddMemoryGrainStorage(StorageNames.Nodes);
        }
        silo.AddEventStreams(redis, ingestion);
        silo.Services.AddGraphServices();
        silo.Services.AddSingleton<SeedStatus>();
        silo.Services.AddHostedService<EmbeddingSeeder>();
        silo.AddTrainer(redis);
        return silo;
    }

    /// <summary>
    /// The trainer (section <c>LGR:Trainer</c>): the training worker, and when enabled the reminder service of its
    /// schedule, the interaction log it snapshots and the background registration of the schedule.
    /// </summary>
    private static void AddTrainer(this ISiloBuilder silo, RedisOptions redis)
    {
        silo.Services.AddOptions<TrainerOptions>().BindConfiguration(TrainerOptions.Section)
            .PostConfigure<IOptions<SiloHostOptions>>((trainer, host) => trainer.InitialModelPath ??= host.Value.SeedEmbeddingsPath);
        silo.Services.AddTrainingWorker();
        var trainer = silo.Configuration.GetSection(TrainerOptions.Section).Get<TrainerOptions>() ?? new TrainerOptions();
        if (!trainer.Enabled)
        {
            silo.Services.AddSingleton<IInteractionLog, DisabledInteractionLog>();
            return;
        }
        if (redis.IsConfigured)
        {
            silo.UseRedisReminderService(reminders => reminders.ConfigurationOptions = redis.ToConfigurationOptions());
            silo.Services.AddSingleton<IInteractionLog>(services =>
                new RedisInteractionLog(redis.ToConfigurationOptions(), services.GetRequiredService<IOptions<ClusterOptions>>()));
        }
        else
        {
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<IInteractionLog, MemoryInteractionLog>();
        }
        silo.Services.AddHostedService<TrainerScheduleRegistration>();
    }

    /// <summary>
    /// The durable event log on Redis Streams when Redis is configured, else memory streams (lost with the silo).
    /// Consumers subscribe implicitly (the partition grain), so no pub-sub store is needed; a delivery carries up to
    /// <see cref="IngestionOptions.EntriesPerDelivery"/> entries, read every <see cref="IngestionOptions.PollInterval"/>.
    /// </summary>
    private static void AddEventStreams(this ISiloBuilder silo, RedisOptions redis, IngestionOptions ingestion)
    {
        Action<OptionsBuilder<StreamPullingAgentOptions>> delivery =
            agent => agent.Configure(options =>
            {
                options.BatchContainerBatchSize = ingestion.EntriesPerDelivery;
                options.GetQueueMsgsTimerPeriod = ingestion.PollInterval;
            });
        if (!redis.IsConfigured)
        {
            silo.AddMemoryStreams(ingestion.StreamProvider, streams =>
            {
                streams.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
                streams.ConfigurePullingAgent(delivery);
            });
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
            streams.ConfigurePullingAgent(delivery);
        });
    }
}

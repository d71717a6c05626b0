using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Silo.Extensions;
using LiveGraphRec.Silo.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace LiveGraphRec.Grains.Tests;

/// <summary>Test clusters configured by the silo host's own <see cref="SiloBuilderExtensions.AddLiveGraphRec"/>.</summary>
internal static class TestClusters
{
    /// <param name="settings">Configuration on top of <see cref="TestGraphOptions.Settings"/>, e.g. the Redis connection string.</param>
    /// <param name="serviceId">Fixed to find persisted state again from a new cluster.</param>
    /// <param name="configure">Further builder settings, e.g. another silo configurator applied after the host's.</param>
    public static TestCluster Create(short silos, IReadOnlyDictionary<string, string?>? settings = null, string? serviceId = null,
        Action<TestClusterBuilder>? configure = null)
    {
        var builder = new TestClusterBuilder(silos);
        if (serviceId is not null)
        {
            builder.Options.ServiceId = serviceId;
        }
        builder.ConfigureHostConfiguration(configuration => configuration
            .AddInMemoryCollection(TestGraphOptions.Settings)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>()));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        configure?.Invoke(builder);
        return builder.Build();
    }

    /// <summary>Deploys a cluster of <paramref name="silos"/> with <paramref name="settings"/>, runs <paramref name="test"/> on it, and stops it.</summary>
    public static async Task RunAsync(short silos, IReadOnlyDictionary<string, string?> settings, Func<TestCluster, Task> test)
    {
        var cluster = Create(silos, settings);
        await cluster.DeployAsync();
        try
        {
            await test(cluster);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    public static Task<PublishReport> PublishAsync(IGrainFactory grains, long version) =>
        new EmbeddingPublisher(grains, Options.Create(new GraphOptions { Dimension = TwoCommunityModel.Dimension }),
            NullLogger<EmbeddingPublisher>.Instance).PublishAsync(TwoCommunityModel.Create(version), CancellationToken.None);

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var redis = silo.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
            silo.AddLiveGraphRec(redis, new IngestionOptions());
            silo.Services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section);
        }
    }
}

using LiveGraphRec.Grains.Training;
using System.Net;
using System.Net.Sockets;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Hosting;
using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;

namespace LiveGraphRec.Prequential.Serving;

/// <summary>
/// A one-silo cluster in this process with the silo host's grain services (<see cref="GraphServiceCollectionExtensions.AddGraphServices"/>)
/// on in-memory storage, on free loopback ports: the serving path of the embedded default, minus HTTP.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedCluster(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Index = host.Services.GetRequiredService<LocalItemIndex>();
        Publisher = host.Services.GetRequiredService<EmbeddingPublisher>();
        Options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphOptions>>().Value;
    }

    public IGrainFactory Grains { get; }
    public LocalItemIndex Index { get; }
    public EmbeddingPublisher Publisher { get; }
    public GraphOptions Options { get; }

    public static async Task<EmbeddedCluster> StartAsync(Action<GraphOptions> configure, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Orleans' start-up advice (server GC, watchdog on a busy machine) is noise in a benchmark's output.
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter("Orleans", LogLevel.Error);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: "lgr-bench", clusterId: $"bench-{Guid.NewGuid():N}")
            .AddMemoryGrainStorage(StorageNames.Graph));
        builder.Services.AddGraphServices();
        // The bench retrains through its own retrainer, not the trainer grain, so the grains log nothing for it.
        builder.Services.AddSingleton<IInteractionLog, DisabledInteractionLog>();
        // The benchmark owns the process: Ctrl+C and SIGTERM stop it, not just this host.
        builder.Services.AddSingleton<IHostLifetime, BenchHostLifetime>();
        builder.Services.Configure(configure);
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedCluster(host);
    }

    /// <summary>
    /// Waits until the item index has stopped changing for a whole write-behind period plus two index refreshes:
    /// every node's coalesced corrections and index pushes of the work so far have then landed.
    /// </summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        TimeSpan quiet = Options.FlushInterval + 2 * Options.IndexRefreshInterval;
        long version = -1;
        while (Index.Current.Version != version)
        {
            version = Index.Current.Version;
            await Task.Delay(quiet, cancellationToken);
        }
    }

    /// <summary>Stops the silo without deactivating the grains: their state is thrown away, so there is nothing to write.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(new CancellationToken(canceled: true));
        _host.Dispose();
    }

    /// <summary>A loopback port the system has just handed out (free unless another process takes it first).</summary>
    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private sealed class BenchHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

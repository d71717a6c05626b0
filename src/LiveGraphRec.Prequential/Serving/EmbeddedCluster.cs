using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Hosting;
using LiveGraphRec.Grains.Index;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Training.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace LiveGraphRec.Prequential.Serving;

/// <summary>
/// A one-silo cluster in this process with the silo host's grain services (<see cref="GraphServiceCollectionExtensions.AddGraphServices"/>)
/// on in-memory storage, on free loopback ports, and its trainer as the embedded default hosts it (the user grains
/// append to a <see cref="MemoryInteractionLog"/>, the training worker runs the <see cref="ITrainerGrain"/>'s jobs):
/// the serving path of the embedded default, minus HTTP.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private const string SeedFile = "seed.lgr";
    private readonly IHost _host;
    /// <summary>Set when disposal begins: the grains are thrown away, so their failing deactivations are expected, not news.</summary>
    private readonly StrongBox<bool> _stopping;

    private EmbeddedCluster(IHost host, string modelFolder, StrongBox<bool> stopping)
    {
        _host = host;
        _stopping = stopping;
        ModelFolder = modelFolder;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Index = host.Services.GetRequiredService<LocalItemIndex>();
        Publisher = host.Services.GetRequiredService<EmbeddingPublisher>();
        Options = host.Services.GetRequiredService<IOptions<GraphOptions>>().Value;
    }

    public IGrainFactory Grains { get; }
    public LocalItemIndex Index { get; }
    public EmbeddingPublisher Publisher { get; }
    public GraphOptions Options { get; }
    /// <summary>The trainer's <see cref="TrainerOptions.ModelFolder"/>: a fresh temporary folder, deleted with the cluster.</summary>
    public string ModelFolder { get; }
    /// <summary>The trainer's <see cref="TrainerOptions.InitialModelPath"/>: the caller writes the model it publishes first there.</summary>
    public string SeedPath => Path.Combine(ModelFolder, SeedFile);

    public ITrainerGrain Trainer => Grains.GetGrain<ITrainerGrain>(ITrainerGrain.Singleton);

    /// <param name="configureTrainer">Runs after <see cref="TrainerOptions.ModelFolder"/> and <see cref="TrainerOptions.InitialModelPath"/> are set.</param>
    public static async Task<EmbeddedCluster> StartAsync(Action<GraphOptions> configure, Action<TrainerOptions> configureTrainer,
        CancellationToken cancellationToken)
    {
        string modelFolder = Directory.CreateTempSubdirectory("lgr-bench-models-").FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Orleans' start-up advice (server GC, watchdog on a busy machine) is noise in a benchmark's output, and so are
        // the thousands of failed deactivations of a disposal that throws the grains away.
        var stopping = new StrongBox<bool>();
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning).AddFilter((category, level) =>
            !Volatile.Read(ref stopping.Value) && level >= (category?.StartsWith("Orleans", StringComparison.Ordinal) == true ? LogLevel.Error : LogLevel.Warning));
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort(), serviceId: "lgr-bench", clusterId: $"bench-{Guid.NewGuid():N}")
            .AddMemoryGrainStorage(StorageNames.Graph).AddMemoryGrainStorage(StorageNames.Nodes));
        builder.Services.AddGraphServices();
        // Runs only on request (no schedule, so no reminder service): the retrain arms ask for them.
        builder.Services.AddSingleton<IInteractionLog, MemoryInteractionLog>();
        builder.Services.AddTrainingWorker();
        builder.Services.Configure<TrainerOptions>(trainer =>
        {
            trainer.ModelFolder = modelFolder;
            trainer.InitialModelPath = Path.Combine(modelFolder, SeedFile);
            configureTrainer(trainer);
        });
        // The benchmark owns the process: Ctrl+C and SIGTERM stop it, not just this host.
        builder.Services.AddSingleton<IHostLifetime, BenchHostLifetime>();
        builder.Services.Configure(configure);
        IHost host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedCluster(host, modelFolder, stopping);
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
        Volatile.Write(ref _stopping.Value, true);
        await _host.StopAsync(new CancellationToken(canceled: true));
        _host.Dispose();
        Directory.Delete(ModelFolder, recursive: true);
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

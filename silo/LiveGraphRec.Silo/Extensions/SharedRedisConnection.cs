using Microsoft.Extensions.DependencyInjection.Extensions;
using LiveGraphRec.Silo.Options;
using StackExchange.Redis;

namespace LiveGraphRec.Silo.Extensions;

/// <summary>
/// The silo's Redis connection for small, latency-sensitive commands — membership (clustering) and the event log
/// (appends, reads, acknowledgements) — handed to both through their <c>CreateMultiplexer</c> options (as shared, so
/// no provider disposes it); StackExchange.Redis pipelines both over one multiplexer. Grain storage, whose large and
/// bursty writes would queue those commands behind them, keeps its own. It connects when the silo starts (first
/// lifecycle stage) and is disposed with the host's services.
/// </summary>
internal sealed class SharedRedisConnection(ConfigurationOptions configuration) : ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(configuration));

    /// <summary>The shared multiplexer, in the shape the Orleans Redis providers' <c>CreateMultiplexer</c> delegates return.</summary>
    public async Task<(IConnectionMultiplexer Multiplexer, bool IsShared)> GetAsync() => (await _connection.Value, true);

    /// <summary>The silo's connection, registered on first use (the silo host and each test-cluster silo get one).</summary>
    public static SharedRedisConnection For(ISiloBuilder silo, RedisOptions redis)
    {
        if (silo.Services.FirstOrDefault(service => service.ServiceType == typeof(SharedRedisConnection))?.ImplementationInstance
            is SharedRedisConnection registered)
        {
            return registered;
        }
        var connection = new SharedRedisConnection(redis.ToConfigurationOptions());
        silo.Services.AddSingleton(connection);
        // Orleans resolves every lifecycle participant through this factory, so the container owns (and disposes) the connection.
        silo.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SharedRedisConnection>(_ => connection));
        return connection;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SharedRedisConnection), ServiceLifecycleStage.First, _ => _connection.Value);

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync();
        }
    }
}

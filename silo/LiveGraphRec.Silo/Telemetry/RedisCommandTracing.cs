using OpenTelemetry.Instrumentation.StackExchangeRedis;
using StackExchange.Redis;

namespace LiveGraphRec.Silo.Telemetry;

/// <summary>
/// Hands every Redis connection the silo opens (clustering, grain storage, the event log) to the
/// StackExchange.Redis trace instrumentation. The providers connect themselves, possibly before the tracer
/// provider exists, so connections are kept until the instrumentation attaches.
/// </summary>
internal sealed class RedisCommandTracing
{
    private readonly Lock _lock = new();
    private readonly List<IConnectionMultiplexer> _connections = [];
    private StackExchangeRedisInstrumentation? _instrumentation;

    public void Attach(StackExchangeRedisInstrumentation instrumentation)
    {
        lock (_lock)
        {
            _instrumentation = instrumentation;
            _connections.ForEach(connection => instrumentation.AddConnection(connection));
        }
    }

    /// <summary>Wraps a provider's connect function (they all return the connection and whether it is shared) so that what it opens is traced.</summary>
    public Func<T, Task<(IConnectionMultiplexer Multiplexer, bool IsShared)>> Tracing<T>(
        Func<T, Task<(IConnectionMultiplexer Multiplexer, bool IsShared)>> connect) => async options =>
    {
        var connection = await connect(options);
        lock (_lock)
        {
            _connections.Add(connection.Multiplexer);
            _instrumentation?.AddConnection(connection.Multiplexer);
        }
        return connection;
    };
}

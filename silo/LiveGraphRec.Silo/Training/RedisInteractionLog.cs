using LiveGraphRec.Grains.Training;
using Orleans.Configuration;
using StackExchange.Redis;

namespace LiveGraphRec.Silo.Training;

/// <summary>
/// The interaction log on Redis: one list per service (<c>{ServiceId}/training/log</c>). <c>RPUSH</c> is atomic and
/// returns the new length, which numbers the appended entries across every silo without a second round trip.
/// It is not compacted: it grows by one short string per applied event.
/// </summary>
public sealed class RedisInteractionLog(ConfigurationOptions configuration, IOptions<ClusterOptions> cluster) : IInteractionLog, IAsyncDisposable
{
    /// <summary>Entries per <c>LRANGE</c>, so a large snapshot is read in bounded replies.</summary>
    private const int ReadChunk = 20_000;

    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectionMultiplexer.ConnectAsync(configuration));

    private RedisKey Key => $"{cluster.Value.ServiceId}/training/log";

    public async Task<long> AppendAsync(IReadOnlyList<LoggedInteraction> interactions)
    {
        IDatabase database = await DatabaseAsync();
        return await database.ListRightPushAsync(Key, interactions.Select(entry => (RedisValue)LoggedInteractionCodec.Encode(entry)).ToArray());
    }

    public async Task<long> CountAsync() => await (await DatabaseAsync()).ListLengthAsync(Key);

    public async Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long first, long last, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
        IDatabase database = await DatabaseAsync();
        var entries = new List<LoggedInteraction>((int)Math.Max(0, last - first + 1));
        for (long start = first; start <= last; start += ReadChunk)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long end = Math.Min(last, start + ReadChunk - 1);
            // LRANGE indexes from 0; sequences from 1.
            foreach (RedisValue value in await database.ListRangeAsync(Key, start - 1, end - 1))
            {
                entries.Add(LoggedInteractionCodec.Decode(value.ToString()));
            }
        }
        if (entries.Count != last - first + 1)
        {
            throw new InvalidDataException($"The interaction log {Key} holds {entries.Count} of entries {first}..{last}; was it trimmed?");
        }
        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated)
        {
            await (await _connection.Value).DisposeAsync();
        }
    }

    private async Task<IDatabase> DatabaseAsync() => (await _connection.Value).GetDatabase();
}

using System.Text;
using LiveGraphRec.Grains.Nodes;
using Orleans.Configuration;
using Orleans.Persistence;
using Orleans.Storage;
using StackExchange.Redis;

namespace LiveGraphRec.Silo.Storage;

/// <summary>
/// Grain storage for user and item states that writes only the edges that changed. Orleans' Redis storage writes a
/// state whole: an item at the <see cref="LiveGraphRec.Grains.GraphOptions.MaxNeighbours"/> cap re-packed and sent its
/// 1,000 edges (~60 KB) on every commit, to record one new edge. Here a node is one Redis hash, at the key and with the
/// <c>etag</c> / <c>data</c> fields Orleans' storage uses (so a state it stored is read as it is), plus one field per edge
/// (<c>n:</c> + neighbour id → <see cref="NeighbourPacking.PackEdge"/>); <c>data</c> holds the rest of the state. A write
/// sets the state, the changed edges (<see cref="GraphNodeState.ChangedNeighbours"/>) and drops removed ones in one
/// script, after the same e-tag check: a state and its edges never disagree in Redis, which the replay of
/// unacknowledged events relies on.
/// </summary>
public sealed partial class RedisNodeStateStorage(string name, RedisStorageOptions options, IGrainStorageSerializer serializer,
    IOptions<ClusterOptions> cluster, ILogger<RedisNodeStateStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string EdgePrefix = "n:";

    // ARGV: etag, new etag, data, replace-all flag, edge pairs to set, then edge fields to delete. HSET and HDEL go
    // in slices: Redis' Lua unpacks at most ~8,000 values at once, and MaxNeighbours is configurable.
    private const string WriteScript = """
        local etag = redis.call('HGET', KEYS[1], 'etag')
        if not (((not etag or etag == '') and ARGV[1] == '') or etag == ARGV[1]) then
          return -1
        end
        if ARGV[4] == '1' then
          redis.call('DEL', KEYS[1])
        end
        redis.call('HSET', KEYS[1], 'etag', ARGV[2], 'data', ARGV[3])
        local pairs = tonumber(ARGV[5])
        local last = 5 + 2 * pairs
        for i = 6, last, 2000 do
          redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 1999, last)))
        end
        for i = last + 1, #ARGV, 2000 do
          redis.call('HDEL', KEYS[1], unpack(ARGV, i, math.min(i + 1999, #ARGV)))
        end
        return 0
        """;

    private const string ClearScript = """
        local etag = redis.call('HGET', KEYS[1], 'etag')
        if not (((not etag or etag == '') and ARGV[1] == '') or etag == ARGV[1]) then
          return -1
        end
        redis.call('DEL', KEYS[1])
        return 0
        """;

    private static readonly Dictionary<string, Edge> NoNeighbours = new(StringComparer.Ordinal);
    private readonly byte[] _keyPrefix = Encoding.UTF8.GetBytes(cluster.Value.ServiceId + "/state/");
    private IConnectionMultiplexer? _connection;
    private bool _connectionIsShared;
    private IDatabase? _database;

    private IDatabase Database => _database ?? throw new InvalidOperationException($"Grain storage '{name}' is used before the silo started it.");

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(RedisNodeStateStorage)}-{name}", options.InitStage, ConnectAsync, CloseAsync);

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        (_connection, _connectionIsShared) = await options.CreateMultiplexer(options);
        _database = _connection.GetDatabase();
    }

    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_connection is not null && !_connectionIsShared)
        {
            await _connection.CloseAsync();
            _connection.Dispose();
        }
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        IGrainState<GraphNodeState> node = NodeState(grainState);
        RedisKey key = Key(stateName, grainId);
        HashEntry[] entries = await Database.HashGetAllAsync(key);
        GraphNodeState? state = null;
        RedisValue etag = RedisValue.Null;
        var edges = new List<HashEntry>(entries.Length);
        foreach (HashEntry entry in entries)
        {
            if (entry.Name == "etag")
            {
                etag = entry.Value;
            }
            else if (entry.Name == "data")
            {
                ReadOnlyMemory<byte> data = entry.Value;
                state = data.Length == 0 ? null : serializer.Deserialize<GraphNodeState>(new BinaryData(data));
            }
            else
            {
                edges.Add(entry);
            }
        }
        state ??= new GraphNodeState();
        if (state.Neighbours.Count > 0)
        {
            // Stored whole (by Orleans' storage): the next write moves every edge to a field of its own.
            state.ChangedNeighbours().ChangedAll();
        }
        foreach (HashEntry edge in edges)
        {
            string field = edge.Name.ToString();
            if (!field.StartsWith(EdgePrefix, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"Unexpected field '{field}' in the stored state at '{key}'.");
            }
            state.Neighbours[field[EdgePrefix.Length..]] = NeighbourPacking.UnpackEdge(((ReadOnlyMemory<byte>)edge.Value).Span);
        }
        state.ChangedNeighbours().Track();
        node.State = state;
        node.ETag = etag.IsNull ? null : etag.ToString();
        node.RecordExists = !etag.IsNull;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        IGrainState<GraphNodeState> node = NodeState(grainState);
        GraphNodeState state = node.State ?? throw new InvalidOperationException($"No {stateName} state of {grainId} to write.");
        RedisKey key = Key(stateName, grainId);
        string newEtag = Guid.NewGuid().ToString("N");
        // Everything the write needs is taken before the first await: the grain goes on changing its state meanwhile.
        NeighbourChanges changes = state.ChangedNeighbours().Take();
        RedisResult result;
        try
        {
            result = await Database.ScriptEvaluateAsync(WriteScript, [key], WriteArguments(node.ETag ?? "", newEtag, state, changes));
        }
        catch (Exception exception)
        {
            state.ChangedNeighbours().Restore(changes);
            LogWriteFailed(logger, exception, grainId, key.ToString());
            throw;
        }
        if ((int)result == -1)
        {
            state.ChangedNeighbours().Restore(changes);
            throw new InconsistentStateException($"Version conflict writing {stateName} of {grainId} (storage '{name}', e-tag {node.ETag}).");
        }
        node.ETag = newEtag;
        node.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        IGrainState<GraphNodeState> node = NodeState(grainState);
        RedisResult result = await Database.ScriptEvaluateAsync(ClearScript, [Key(stateName, grainId)], [node.ETag ?? ""]);
        if ((int)result == -1)
        {
            throw new InconsistentStateException($"Version conflict clearing {stateName} of {grainId} (storage '{name}', e-tag {node.ETag}).");
        }
        node.ETag = null;
        node.RecordExists = false;
        node.State = new GraphNodeState();
        node.State.ChangedNeighbours().Track();
    }

    private RedisValue[] WriteArguments(string etag, string newEtag, GraphNodeState state, NeighbourChanges changes)
    {
        Dictionary<string, Edge> neighbours = state.Neighbours;
        BinaryData data;
        // The edges go in fields of their own, so the data is serialized without them.
        state.Neighbours = NoNeighbours;
        try
        {
            data = serializer.Serialize(state);
        }
        finally
        {
            state.Neighbours = neighbours;
        }
        var sets = new List<RedisValue>();
        var removals = new List<RedisValue>();
        foreach (string id in changes.All ? (IEnumerable<string>)neighbours.Keys : changes.Ids)
        {
            if (neighbours.TryGetValue(id, out Edge? edge))
            {
                sets.Add(EdgePrefix + id);
                sets.Add(NeighbourPacking.PackEdge(edge));
            }
            else
            {
                removals.Add(EdgePrefix + id);
            }
        }
        return [etag, newEtag, data.ToMemory(), changes.All ? "1" : "0", sets.Count / 2, .. sets, .. removals];
    }

    /// <summary>Orleans' Redis storage key, <c>{ServiceId}/state/{grain type}/{grain key}/{state name}</c>, so either reads the other's states.</summary>
    private RedisKey Key(string stateName, GrainId grainId)
    {
        if (options.GetStorageKey is { } custom)
        {
            return custom(stateName, grainId);
        }
        ReadOnlySpan<byte> type = grainId.Type.Value.AsSpan(), id = grainId.Key.AsSpan();
        var key = new byte[_keyPrefix.Length + type.Length + 1 + id.Length + 1 + Encoding.UTF8.GetByteCount(stateName)];
        Span<byte> rest = key;
        _keyPrefix.CopyTo(rest);
        rest = rest[_keyPrefix.Length..];
        type.CopyTo(rest);
        rest[type.Length] = (byte)'/';
        rest = rest[(type.Length + 1)..];
        id.CopyTo(rest);
        rest[id.Length] = (byte)'/';
        Encoding.UTF8.GetBytes(stateName, rest[(id.Length + 1)..]);
        return key;
    }

    private IGrainState<GraphNodeState> NodeState<T>(IGrainState<T> grainState) =>
        grainState as IGrainState<GraphNodeState>
        ?? throw new NotSupportedException($"Grain storage '{name}' stores {nameof(GraphNodeState)} only, not {typeof(T).Name}.");

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the state of {GrainId} to {Key} failed.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, GrainId grainId, string key);
}

using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// (<c>n:</c> + neighbour id → <see cref="NeighbourPacking.PackEdge"/>) and one per slice of 64 positions of the
/// applied-event ledger (<c>e:</c> + slice number → its hashes; a busy node's ledger holds 1,024, 8 KB);
/// <c>data</c> holds the rest of the state. A write sets the state, the changed edges
/// (<see cref="GraphNodeState.ChangedNeighbours"/>) and the ledger slices with new hashes, and drops removed edges
/// and slices out of the ledger's window, in one script after the same e-tag check: a state, its edges and its
/// ledger never disagree in Redis, which the replay of unacknowledged events relies on.
/// </summary>
public sealed partial class RedisNodeStateStorage(string name, RedisStorageOptions options, IGrainStorageSerializer serializer,
    IOptions<ClusterOptions> cluster, ILogger<RedisNodeStateStorage> logger) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private const string EdgePrefix = "n:";
    private const string LedgerPrefix = "e:";
    private const int LedgerSlice = 64;

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
    /// <summary>Per ledger in memory, what of it is stored: written by this storage only, so not part of the state.</summary>
    private readonly ConditionalWeakTable<AppliedEventLedger, StoredLedger> _storedLedgers = new();
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
        var slices = new SortedList<long, ulong[]>();
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
            else if (entry.Name.StartsWith(LedgerPrefix))
            {
                slices.Add(long.Parse(entry.Name.ToString().AsSpan(LedgerPrefix.Length), CultureInfo.InvariantCulture),
                    MemoryMarshal.Cast<byte, ulong>(((ReadOnlyMemory<byte>)entry.Value).Span).ToArray());
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
        ReadLedger(state.Events, slices);
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
        StoredLedger storedLedger;
        try
        {
            (RedisValue[] arguments, storedLedger) = WriteArguments(node.ETag ?? "", newEtag, state, changes);
            result = await Database.ScriptEvaluateAsync(WriteScript, [key], arguments);
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
        _storedLedgers.AddOrUpdate(state.Events, storedLedger);
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

    private (RedisValue[] Arguments, StoredLedger Ledger) WriteArguments(string etag, string newEtag, GraphNodeState state, NeighbourChanges changes)
    {
        Dictionary<string, Edge> neighbours = state.Neighbours;
        AppliedEventLedger ledger = state.Events;
        BinaryData data;
        // The edges and the ledger's hashes go in fields of their own, so the data is serialized without them.
        state.Neighbours = NoNeighbours;
        state.Events = new AppliedEventLedger { Recorded = ledger.Recorded };
        try
        {
            data = serializer.Serialize(state);
        }
        finally
        {
            state.Neighbours = neighbours;
            state.Events = ledger;
        }
        var sets = new List<RedisValue>();
        var removals = new List<RedisValue>();
        // The script deletes the whole hash first when every edge is written, so then every slice is written too.
        StoredLedger storedLedger = AddLedgerSlices(ledger, changes.All, sets, removals);
        if (changes.All)
        {
            foreach (var (id, edge) in neighbours)
            {
                sets.Add(EdgePrefix + id);
                sets.Add(NeighbourPacking.PackEdge(edge));
            }
        }
        else
        {
            foreach (string id in changes.Ids)
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
        }
        return ([etag, newEtag, data.ToMemory(), changes.All ? "1" : "0", sets.Count / 2, .. sets, .. removals], storedLedger);
    }

    /// <summary>The ledger's hashes from its slices (oldest first), and what of it is stored.</summary>
    private void ReadLedger(AppliedEventLedger ledger, SortedList<long, ulong[]> slices)
    {
        if (slices.Count > 0)
        {
            ledger.RecentHashes = [.. slices.Values.SelectMany(hashes => hashes)];
        }
        // Hashes that came in the data (a state stored whole) are in no slice yet: the next write stores every one.
        bool inData = slices.Count == 0 && ledger.Hashes().Count > 0;
        _storedLedgers.AddOrUpdate(ledger, inData ? StoredLedger.Nothing
            : new StoredLedger(ledger.Recorded, slices.Count > 0 ? slices.Keys[0] : ledger.Recorded / LedgerSlice));
    }

    /// <summary>
    /// Adds the slices holding hashes appended since the last write (all of them when <paramref name="all"/>, or when this
    /// storage has not written the ledger yet) and removes the slices that fell out of the ledger's window. Returns
    /// what is stored once the write succeeds.
    /// </summary>
    private StoredLedger AddLedgerSlices(AppliedEventLedger ledger, bool all, List<RedisValue> sets, List<RedisValue> removals)
    {
        IReadOnlyList<ulong> hashes = ledger.Hashes();
        long recorded = ledger.Recorded, windowStart = recorded - hashes.Count;
        long firstSlice = windowStart / LedgerSlice;
        StoredLedger stored = _storedLedgers.TryGetValue(ledger, out StoredLedger? known) ? known : StoredLedger.Nothing;
        all |= stored == StoredLedger.Nothing;
        long from = all ? firstSlice : Math.Max(firstSlice, stored.StoredUpTo / LedgerSlice);
        for (long slice = from; slice * LedgerSlice < recorded; slice++)
        {
            long start = Math.Max(slice * LedgerSlice, windowStart), end = Math.Min((slice + 1) * LedgerSlice, recorded);
            var values = new ulong[end - start];
            for (long position = start; position < end; position++)
            {
                values[position - start] = hashes[(int)(position - windowStart)];
            }
            sets.Add(LedgerPrefix + slice.ToString(CultureInfo.InvariantCulture));
            sets.Add(MemoryMarshal.AsBytes(values.AsSpan()).ToArray());
        }
        // With every slice written, none out of the window exists: the hash was deleted first, or had no slices.
        for (long slice = stored.FirstSlice; slice < firstSlice && !all; slice++)
        {
            removals.Add(LedgerPrefix + slice.ToString(CultureInfo.InvariantCulture));
        }
        return new StoredLedger(recorded, firstSlice);
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

    /// <summary>A ledger's hashes below position <paramref name="StoredUpTo"/> are stored, in slices from <paramref name="FirstSlice"/> on.</summary>
    private sealed record StoredLedger(long StoredUpTo, long FirstSlice)
    {
        /// <summary>Nothing known stored: the next write stores every slice.</summary>
        public static readonly StoredLedger Nothing = new(-1, -1);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the state of {GrainId} to {Key} failed.")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, GrainId grainId, string key);
}

using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace LiveGraphRec.Streaming.Redis;

/// <summary>
/// Reads one partition as one consumer of the group. Each claim pass (the first read, then every
/// <see cref="RedisStreamsOptions.PendingIdleTimeout"/>) first takes over entries that other receivers
/// read but never acknowledged (a crashed silo, a queue moved away) and delivers them again; otherwise
/// it reads new entries. Entries are acknowledged once the pulling agent reports them delivered.
/// The pulling agent calls one method at a time, so the state needs no lock.
/// </summary>
internal sealed partial class RedisStreamsReceiver(
    RedisStreamQueue queue,
    string consumer,
    RedisStreamsOptions options,
    Serializer<RedisStreamBatchContainer> serializer,
    TimeProvider time,
    ILogger<RedisStreamsReceiver> logger) : IQueueAdapterReceiver
{
    private static readonly RedisValue ClaimFromStart = "0-0";

    // Entries this receiver read and has not acknowledged: a claim pass skips them, so an entry still
    // in the agent's cache (or one that failed to deserialize and stays pending) is not read twice.
    private readonly HashSet<RedisValue> _unacknowledged = [];
    private RedisValue _claimCursor = ClaimFromStart;
    private long? _lastClaimPassEnded;
    private Task _inFlight = Task.CompletedTask;
    private bool _shutDown;

    public string Consumer => consumer;

    public Task Initialize(TimeSpan timeout, CancellationToken cancellationToken) => queue.EnsureConsumerGroupAsync();

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        if (_shutDown)
        {
            return [];
        }
        var count = maxCount > 0 ? Math.Min(maxCount, options.MaxBatchSize) : options.MaxBatchSize;
        var read = ReadAsync(count);
        _inFlight = read;
        var batches = new List<IBatchContainer>();
        foreach (var entry in await read)
        {
            _unacknowledged.Add(entry.Id);
            if (TryDecode(entry) is { } batch)
            {
                batches.Add(batch);
            }
        }
        return batches;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }
        var entryIds = messages.Select(message => ((RedisStreamBatchContainer)message).EntryId).ToArray();
        var acknowledge = queue.AcknowledgeAsync(entryIds);
        _inFlight = acknowledge;
        await acknowledge;
        RedisStreamsTelemetry.Acknowledging(entryIds.Length);
        _unacknowledged.ExceptWith(entryIds);
    }

    /// <summary>Stops reading and waits for the Redis call in flight. Unacknowledged entries stay
    /// pending to this consumer until the next owner of the partition claims them.</summary>
    public async Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken)
    {
        _shutDown = true;
        await _inFlight.WaitAsync(timeout, cancellationToken)
            .ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    // The overloads without a token are obsolete but still abstract in Orleans 10; the pulling agent
    // calls the ones above. Redis calls are not cancellable, so tokens only end waits.
    Task IQueueAdapterReceiver.Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    Task<IList<IBatchContainer>> IQueueAdapterReceiver.GetQueueMessagesAsync(int maxCount) =>
        GetQueueMessagesAsync(maxCount, CancellationToken.None);

    Task IQueueAdapterReceiver.MessagesDeliveredAsync(IList<IBatchContainer> messages) =>
        MessagesDeliveredAsync(messages, CancellationToken.None);

    Task IQueueAdapterReceiver.Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    private async Task<StreamEntry[]> ReadAsync(int count)
    {
        if (IsClaimPassDue())
        {
            var claimed = await ClaimPageAsync(count);
            if (claimed.Length > 0)
            {
                return claimed;
            }
        }
        using var activity = RedisStreamsTelemetry.Source.StartActivity("redis-streams read");
        return await queue.ReadNewAsync(consumer, count);
    }

    private bool IsClaimPassDue() =>
        _lastClaimPassEnded is not { } ended || time.GetElapsedTime(ended) >= options.PendingIdleTimeout;

    private async Task<StreamEntry[]> ClaimPageAsync(int count)
    {
        var page = await queue.ClaimIdleAsync(consumer, options.PendingIdleTimeout, _claimCursor, count);
        if (page.DeletedIds.Length > 0)
        {
            LogTrimmedBeforeAcknowledged(page.DeletedIds.Length, queue.Key.ToString());
        }
        _claimCursor = page.NextStartId;
        if (_claimCursor == ClaimFromStart)
        {
            _lastClaimPassEnded = time.GetTimestamp();
            var deleted = await queue.DeleteIdleConsumersAsync(options.PendingIdleTimeout);
            LogClaimPassEnded(queue.Key.ToString(), deleted);
        }
        var claimed = page.ClaimedEntries.Where(entry => !_unacknowledged.Contains(entry.Id)).ToArray();
        if (claimed.Length > 0)
        {
            RedisStreamsTelemetry.Redelivering(claimed.Length);
            LogRedelivering(claimed.Length, queue.Key.ToString(), consumer);
        }
        return claimed;
    }

    private RedisStreamBatchContainer? TryDecode(StreamEntry entry)
    {
        try
        {
            return RedisStreamBatchContainer.FromEntry(serializer, entry);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogUndecodableEntry(exception, entry.Id.ToString(), queue.Key.ToString());
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Delivering again {Count} entries of '{Key}' that other receivers left unacknowledged (now consumer {Consumer})")]
    private partial void LogRedelivering(int count, string key, string consumer);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "{Count} entries of '{Key}' were trimmed before they were acknowledged and are lost; raise MaxLength or disable trimming")]
    private partial void LogTrimmedBeforeAcknowledged(int count, string key);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Entry {EntryId} of '{Key}' cannot be deserialized; it stays pending in the consumer group for inspection")]
    private partial void LogUndecodableEntry(Exception exception, string entryId, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Claim pass over '{Key}' ended; deleted {Deleted} idle consumers")]
    private partial void LogClaimPassEnded(string key, int deleted);
}

using System.Diagnostics;

namespace LiveGraphRec.Grains;

/// <summary>
/// Coalesces a grain's state writes: changes only mark the state dirty and a grain timer writes it at
/// most once per period, so persisted state lags applied events by at most one period (the durable
/// event log is the source of truth). One write is in flight at a time; the grain flushes again when
/// it deactivates. A caller that must know its changes are stored (before an event is acknowledged)
/// waits with <see cref="WhenWrittenAsync"/> for the next write, which it shares with every other
/// waiter of the moment (group commit) instead of causing a write of its own.
/// </summary>
/// <param name="maxDeferral">How long a change marked with <see cref="MarkDeferred"/> may wait for a write of its own.</param>
public sealed class WriteBehind<TState>(IPersistentState<TState> state, TimeSpan maxDeferral = default)
{
    private Task? _writing;
    private bool _dirty;
    private long? _deferredSince;
    private TaskCompletionSource? _waiters;

    public void MarkDirty() => _dirty = true;

    /// <summary>
    /// Marks a change that need not be written within one period: any write carries it (the state is written
    /// whole), and a flush writes for it alone only once it waited <c>maxDeferral</c>, or when told to.
    /// </summary>
    public void MarkDeferred() => _deferredSince ??= Stopwatch.GetTimestamp();

    /// <summary>True when changes are waiting for a write.</summary>
    public bool IsDirty => _dirty;

    /// <summary>How soon deferred changes are due for a write of their own (zero: now); null when there are none.</summary>
    public TimeSpan? DeferredDueIn => _deferredSince is { } since
        ? TimeSpan.FromTicks(Math.Max(0, (maxDeferral - Stopwatch.GetElapsedTime(since)).Ticks))
        : null;

    /// <summary>
    /// Completes once every change marked so far is written — by a write that someone else (a timer, a
    /// commit) starts; faults when that write fails. Deferred changes are not waited for.
    /// </summary>
    public Task WhenWrittenAsync()
    {
        if (!_dirty)
        {
            // Nothing unwritten, or only what the write in flight holds.
            return _writing ?? Task.CompletedTask;
        }
        return (_waiters ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
    }

    /// <summary>Writes the state if it changed since the last write; returns once nothing newer is unwritten.</summary>
    /// <param name="includeDeferred">Write deferred changes however briefly they waited (on deactivation).</param>
    public async Task FlushAsync(bool includeDeferred = false)
    {
        // Grain code runs one turn at a time, so nothing starts a write between this loop and the next line.
        while (_writing is not null)
        {
            await _writing;
        }
        bool deferredDue = _deferredSince is { } since && (includeDeferred || Stopwatch.GetElapsedTime(since) >= maxDeferral);
        if (!_dirty && !deferredDue)
        {
            return;
        }
        _dirty = false;
        _deferredSince = null;
        // This write holds every change marked so far, so it answers everyone waiting now.
        TaskCompletionSource? waiters = _waiters;
        _waiters = null;
        Task write = state.WriteStateAsync();
        _writing = write;
        try
        {
            await write;
            waiters?.TrySetResult();
        }
        catch (Exception e)
        {
            _dirty = true;
            waiters?.TrySetException(e);
            throw;
        }
        finally
        {
            _writing = null;
        }
    }

    /// <summary>Timer options: interleaving, so a write does not hold up requests, and not keeping the grain alive.</summary>
    public static GrainTimerCreationOptions TimerOptions(TimeSpan period) =>
        new(period, period) { Interleave = true, KeepAlive = false };
}

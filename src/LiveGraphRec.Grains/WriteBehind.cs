namespace LiveGraphRec.Grains;

/// <summary>
/// Coalesces a grain's state writes: changes only mark the state dirty and a grain timer writes it at
/// most once per period, so persisted state lags applied events by at most one period (the durable
/// event log is the source of truth). One write is in flight at a time; the grain flushes again when
/// it deactivates.
/// </summary>
public sealed class WriteBehind<TState>(IPersistentState<TState> state)
{
    private Task? _writing;
    private bool _dirty;

    public void MarkDirty() => _dirty = true;

    /// <summary>Writes the state if it changed since the last write; returns once nothing newer is unwritten.</summary>
    public async Task FlushAsync()
    {
        // Grain code runs one turn at a time, so nothing starts a write between this loop and the next line.
        while (_writing is not null)
        {
            await _writing;
        }
        if (!_dirty)
        {
            return;
        }
        _dirty = false;
        Task write = state.WriteStateAsync();
        _writing = write;
        try
        {
            await write;
        }
        catch
        {
            _dirty = true;
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

namespace LiveGraphRec.Grains.Training;

/// <summary>
/// The interaction log of the embedded (single-silo, in-memory) mode: lost with the process, like the
/// grain state it mirrors. Each silo has its own, so it is complete only on a one-silo cluster.
/// </summary>
public sealed class MemoryInteractionLog : IInteractionLog
{
    private readonly List<LoggedInteraction> _entries = [];
    private readonly Lock _lock = new();

    public Task<long> AppendAsync(IReadOnlyList<LoggedInteraction> interactions)
    {
        lock (_lock)
        {
            _entries.AddRange(interactions);
            return Task.FromResult((long)_entries.Count);
        }
    }

    public Task<long> CountAsync()
    {
        lock (_lock)
        {
            return Task.FromResult((long)_entries.Count);
        }
    }

    public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long first, long last, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(first, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(last, _entries.Count);
            int start = (int)first - 1, count = (int)Math.Max(0, last - first + 1);
            return Task.FromResult<IReadOnlyList<LoggedInteraction>>(_entries.GetRange(start, count));
        }
    }
}

namespace LiveGraphRec.Grains.Training;

/// <summary>The log when the trainer is off: keeps nothing and numbers nothing (sequence 0: every edge counts as seen).</summary>
public sealed class DisabledInteractionLog : IInteractionLog
{
    public Task<long> AppendAsync(IReadOnlyList<LoggedInteraction> interactions) => Task.FromResult(0L);

    public Task<long> CountAsync() => Task.FromResult(0L);

    public Task<IReadOnlyList<LoggedInteraction>> ReadAsync(long first, long last, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<LoggedInteraction>>([]);
}

using LiveGraphRec.Core.Diagnostics;

namespace LiveGraphRec.Grains.Ingestion;

/// <summary>
/// This silo's count of applied events and their apply lag: the time from the moment the event was appended
/// to the stream (<see cref="InteractionEvent.AcceptedAt"/>, stamped just before the append, so the lag
/// includes the append and is never under-stated) to the moment its user grain applied it, from when on
/// recommendations reflect it. A load test resets it, drives traffic and reads it (<c>/v1/admin/ingestion</c>).
/// Lags across silos compare wall clocks, so clock skew between machines adds to them.
/// </summary>
public sealed class ApplyProgress(TimeProvider time)
{
    private readonly LatencyHistogram _lag = new();
    private long _applied;
    private long _duplicates;
    private DateTimeOffset _since = time.GetUtcNow();

    /// <summary>Counts one event newly applied by a user grain.</summary>
    public void Applied(InteractionEvent interaction)
    {
        Interlocked.Increment(ref _applied);
        if (interaction.AcceptedAt is { } acceptedAt)
        {
            _lag.Record(time.GetUtcNow() - acceptedAt);
        }
    }

    /// <summary>Counts a re-delivered event that changed nothing.</summary>
    public void Duplicate() => Interlocked.Increment(ref _duplicates);

    public ApplyProgressReport Report() => new(_since, time.GetUtcNow(), Interlocked.Read(ref _applied), Interlocked.Read(ref _duplicates),
        _lag.Count, Milliseconds(_lag.Percentile(0.5)), Milliseconds(_lag.Percentile(0.9)), Milliseconds(_lag.Percentile(0.99)),
        Milliseconds(_lag.Max));

    /// <summary>Starts a new measurement window.</summary>
    public void Reset()
    {
        Interlocked.Exchange(ref _applied, 0);
        Interlocked.Exchange(ref _duplicates, 0);
        _lag.Reset();
        _since = time.GetUtcNow();
    }

    private static double Milliseconds(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);
}

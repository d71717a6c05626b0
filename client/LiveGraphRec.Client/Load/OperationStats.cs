using System.Collections.Concurrent;
using LiveGraphRec.Core.Diagnostics;

namespace LiveGraphRec.Client.Load;

/// <summary>What one kind of load-test operation achieved: latencies of the successful ones and failures by cause.</summary>
public sealed class OperationStats
{
    private readonly ConcurrentDictionary<string, long> _failures = new(StringComparer.Ordinal);
    private long _succeeded;
    private long _units;

    /// <summary>Latency of successful operations, from the time each was <em>scheduled</em> (see <see cref="OpenLoop"/>).</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>
    /// From the moment the request left the generator to its answer: the latency without the generator's own
    /// scheduling lag (its timer wakes late, and on a shared machine it waits for a core like the server does).
    /// </summary>
    public LatencyHistogram ServiceTime { get; } = new();

    public long Succeeded => Interlocked.Read(ref _succeeded);

    /// <summary>What the successful operations carried (events for ingestion; requests otherwise).</summary>
    public long Units => Interlocked.Read(ref _units);

    public long Failed => _failures.Values.Sum();

    /// <summary>Failures by HTTP status or by cause ("connection error", "timeout").</summary>
    public IReadOnlyDictionary<string, long> Failures => _failures;

    public void Succeed(TimeSpan latency, TimeSpan serviceTime, int units)
    {
        Latency.Record(latency);
        ServiceTime.Record(serviceTime);
        Interlocked.Increment(ref _succeeded);
        Interlocked.Add(ref _units, units);
    }

    public void Fail(string cause) => _failures.AddOrUpdate(cause, 1, (_, count) => count + 1);
}

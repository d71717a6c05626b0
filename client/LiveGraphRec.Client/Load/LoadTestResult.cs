using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Core.Diagnostics;

namespace LiveGraphRec.Client.Load;

/// <summary>A load test's figures, as printed and as written by <c>--json</c>; latencies in milliseconds.</summary>
public sealed record LoadTestResult(
    DateTimeOffset StartedAt,
    double DurationSeconds,
    double TargetEventsPerSecond,
    int Batch,
    double TargetRequestsPerSecond,
    OperationSummary Ingest,
    OperationSummary Recommend,
    ApplySummary? Apply);

/// <param name="Units">Events acknowledged (ingestion) or requests answered (recommendations).</param>
/// <param name="P50Ms">Latency from each operation's scheduled send time (open loop), as the percentiles after it.</param>
/// <param name="ServiceP50Ms">From the actual send (<see cref="OperationStats.ServiceTime"/>), as <paramref name="ServiceP99Ms"/>.</param>
public sealed record OperationSummary(
    long Succeeded,
    long Units,
    double UnitsPerSecond,
    IReadOnlyDictionary<string, long> Failures,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs,
    double ServiceP50Ms,
    double ServiceP99Ms)
{
    public static OperationSummary Of(OperationStats stats, TimeSpan duration) => new(
        stats.Succeeded, stats.Units, stats.Units / duration.TotalSeconds,
        new SortedDictionary<string, long>(stats.Failures.ToDictionary(), StringComparer.Ordinal),
        Ms(stats.Latency.Percentile(0.5)), Ms(stats.Latency.Percentile(0.95)), Ms(stats.Latency.Percentile(0.99)), Ms(stats.Latency.Max),
        Ms(stats.ServiceTime.Percentile(0.5)), Ms(stats.ServiceTime.Percentile(0.99)));

    private static double Ms(TimeSpan span) => Math.Round(span.TotalMilliseconds, 3);
}

/// <summary>The silo's side: events applied within the window and after it, and their apply lag.</summary>
/// <param name="AppliedInWindow">Events the silo applied while load was offered.</param>
/// <param name="DrainSeconds">How long after the window the silo took to apply every acknowledged event; null when it did not within the drain timeout.</param>
/// <param name="Final">The silo's report at the end (lag percentiles over every event applied since the window began).</param>
public sealed record ApplySummary(long AppliedInWindow, double AppliedPerSecond, double? DrainSeconds, long Backlog, ApplyProgressReport Final);

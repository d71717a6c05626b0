using System.Diagnostics;
using System.Diagnostics.Metrics;
using LiveGraphRec.Grains.Index;

namespace LiveGraphRec.Grains.Telemetry;

/// <summary>
/// The grains' instruments on meter <see cref="LiveGraphRecTelemetry.MeterName"/>: events applied, ingestion
/// lag, apply and recommendation latency, neighbour corrections, active grains, and this silo's item index.
/// One per silo (DI singleton); recording takes no locks and allocates nothing beyond what listeners do.
/// </summary>
public sealed class GraphMetrics
{
    private readonly Counter<long> _applied;
    private readonly Histogram<double> _lag;
    private readonly Histogram<double> _applyDuration;
    private readonly Counter<long> _corrections;
    private readonly Histogram<double> _recommendationDuration;
    private readonly Counter<long> _indexRefreshes;
    private readonly long[] _active = new long[Enum.GetValues<GrainKind>().Length];

    public GraphMetrics(IMeterFactory meters, LocalItemIndex index)
    {
        Meter meter = meters.Create(LiveGraphRecTelemetry.MeterName);
        _applied = meter.CreateCounter<long>("lgr.events.applied", description:
            "Delivered events the user grains processed; outcome=applied (new) or duplicate (a re-delivery, no effect).");
        _lag = meter.CreateHistogram<double>("lgr.ingestion.lag", "s",
            "From the API accepting an event to its user grain applying it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        _applyDuration = meter.CreateHistogram<double>("lgr.events.apply.duration", "s",
            "Applying one event in its user grain, the item link included.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _corrections = meter.CreateCounter<long>("lgr.propagation.corrections", description:
            "Neighbour corrections sent (re-propagation messages); per event: divide by lgr.events.applied.");
        _recommendationDuration = meter.CreateHistogram<double>("lgr.recommendation.duration", "s",
            "Ranking in the user grain; outcome=ranked or empty (nothing to rank), scope=catalog or candidates, source=model or popularity (a user the model cannot rank).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _indexRefreshes = meter.CreateCounter<long>("lgr.index.refreshes", description:
            "Pulls of every index shard into this silo's replica; outcome=ok or failed (retried on the next tick).");
        meter.CreateObservableUpDownCounter("lgr.grains.active", ObserveActive, description: "Activations on this silo by grain type.");
        meter.CreateObservableGauge("lgr.index.items", () => index.Current.Count, description: "Items in this silo's index replica.");
        meter.CreateObservableGauge("lgr.index.version", () => index.Current.Version,
            description: "Sum of the shard revisions this silo's index replica holds.");
        meter.CreateObservableGauge("lgr.index.age", () => IndexAge(index), "s",
            "Time since this silo's index replica last pulled the shards (0 before the first pull).");
    }

    // Sub-millisecond to tens of seconds: a healthy pipeline applies within a flush interval,
    // a silo that crashed re-delivers after the pending-idle timeout.
    private static readonly double[] LagBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
    private static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

    public enum GrainKind { User, Item, IndexShard }

    public void Activated(GrainKind kind) => Interlocked.Increment(ref _active[(int)kind]);

    public void Deactivated(GrainKind kind) => Interlocked.Decrement(ref _active[(int)kind]);

    /// <param name="startTimestamp">From <see cref="Stopwatch.GetTimestamp"/> when the apply began.</param>
    /// <param name="acceptedAt">When the API accepted the event, if the delivery carried it.</param>
    public void EventApplied(bool isNew, long startTimestamp, DateTimeOffset? acceptedAt)
    {
        _applied.Add(1, new KeyValuePair<string, object?>("outcome", isNew ? "applied" : "duplicate"));
        _applyDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        if (acceptedAt is { } accepted)
        {
            _lag.Record(Math.Max(0, (DateTimeOffset.UtcNow - accepted).TotalSeconds));
        }
    }

    public void CorrectionsSent(int count, GrainKind from)
    {
        if (count > 0)
        {
            _corrections.Add(count, new KeyValuePair<string, object?>("node", KindTag(from)));
        }
    }

    public void Recommended(long startTimestamp, bool empty, bool candidates, RecommendationSource source) =>
        _recommendationDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new TagList
        {
            { "outcome", empty ? "empty" : "ranked" },
            { "scope", candidates ? "candidates" : "catalog" },
            { "source", SourceTag(source) },
        });

    /// <summary>How a <see cref="RecommendationSource"/> shows in metric and trace tags.</summary>
    public static string SourceTag(RecommendationSource source) => source == RecommendationSource.Popularity ? "popularity" : "model";

    public void IndexRefreshed(bool ok) => _indexRefreshes.Add(1, new KeyValuePair<string, object?>("outcome", ok ? "ok" : "failed"));

    private IEnumerable<Measurement<long>> ObserveActive()
    {
        foreach (GrainKind kind in Enum.GetValues<GrainKind>())
        {
            yield return new Measurement<long>(Volatile.Read(ref _active[(int)kind]), new KeyValuePair<string, object?>("type", KindTag(kind)));
        }
    }

    private static double IndexAge(LocalItemIndex index) =>
        index.IsReady ? Math.Max(0, (DateTimeOffset.UtcNow - index.Current.UpdatedAt).TotalSeconds) : 0;

    private static string KindTag(GrainKind kind) => kind switch
    {
        GrainKind.User => "user",
        GrainKind.Item => "item",
        _ => "index_shard",
    };
}

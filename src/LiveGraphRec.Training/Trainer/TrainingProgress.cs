using LiveGraphRec.Core.Metrics;

namespace LiveGraphRec.Training.Trainer;

/// <summary>Reported after every batch: enough for a progress bar.</summary>
public readonly record struct BatchProgress(int Epoch, int Batch, int BatchesPerEpoch, double MeanLoss, double BatchesPerSecond);

/// <summary>
/// Reported after every epoch; <see cref="Metrics"/> is set on evaluation epochs, and <see cref="LastIterateMetrics"/>
/// beside it when the evaluated model is a parameter average.
/// </summary>
public sealed record EpochReport(
    int Epoch,
    double MeanLoss,
    double MeanRankingLoss,
    TimeSpan TrainTime,
    MetricsReport? Metrics,
    TimeSpan EvaluationTime,
    bool IsBest,
    long ManagedMemoryBytes,
    long ProcessMemoryBytes)
{
    public MetricsReport? LastIterateMetrics { get; init; }

    /// <summary>S-LightGCN: the share of edge-layer masks kept at inference (σ(Φ) &gt; 0.5); null for other models.</summary>
    public double? MaskKeptShare { get; init; }
}

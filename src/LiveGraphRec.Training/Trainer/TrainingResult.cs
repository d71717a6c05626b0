using LiveGraphRec.Core.Metrics;

namespace LiveGraphRec.Training.Trainer;

/// <summary>How a run ended: the best evaluation and when it happened.</summary>
public sealed record TrainingResult(int EpochsCompleted, int BestEpoch, MetricsReport? BestMetrics, bool StoppedEarly, TimeSpan TrainingTime);

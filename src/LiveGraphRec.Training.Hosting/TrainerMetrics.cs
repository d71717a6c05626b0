using LiveGraphRec.Grains.Abstractions;
using System.Diagnostics.Metrics;

namespace LiveGraphRec.Training.Hosting;

/// <summary>The trainer's instruments on the <c>LiveGraphRec</c> meter (the exporter is wired by the host).</summary>
public sealed class TrainerMetrics
{
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _epochDuration;
    private readonly Gauge<double> _loss;
    private readonly Gauge<double> _validationRecall;
    private readonly Gauge<long> _modelVersion;

    public TrainerMetrics(IMeterFactory meters)
    {
        Meter meter = meters.Create(LiveGraphRecTelemetry.MeterName);
        _runs = meter.CreateCounter<long>("lgr.trainer.runs", description: "Training runs finished, by outcome");
        _epochDuration = meter.CreateHistogram<double>("lgr.trainer.epoch.duration", "s", "Wall time of one training epoch");
        _loss = meter.CreateGauge<double>("lgr.trainer.loss", description: "Mean BPR loss of the last epoch");
        _validationRecall = meter.CreateGauge<double>("lgr.trainer.validation.recall",
            description: "Recall@K on the held-out newest events, of the candidate and of the serving model");
        _modelVersion = meter.CreateGauge<long>("lgr.model.version", description: "The embedding version the trainer last published");
    }

    public void Epoch(TimeSpan duration, double loss)
    {
        _epochDuration.Record(duration.TotalSeconds);
        _loss.Record(loss);
    }

    public void Validation(ValidationReport report)
    {
        _validationRecall.Record(report.CandidateRecall, new KeyValuePair<string, object?>("model", "candidate"));
        _validationRecall.Record(report.ServingRecall, new KeyValuePair<string, object?>("model", "serving"));
    }

    public void Run(TrainingOutcome outcome) => _runs.Add(1, new KeyValuePair<string, object?>("outcome", outcome.ToString().ToLowerInvariant()));

    public void Published(long version) => _modelVersion.Record(version);
}

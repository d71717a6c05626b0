using LiveGraphRec.Grains;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Prequential;

/// <summary>Everything a <c>lgr bench stream</c> run depends on besides the data.</summary>
public sealed record StreamBenchOptions
{
    public IReadOnlyList<StreamArm> Arms { get; init; } = StreamArms.All;
    /// <summary>Share of the events (by time) that trains the starting model; the rest is the stream.</summary>
    public double TrainFraction { get; init; } = 0.7;
    public PrequentialSettings Scoring { get; init; } = new();
    /// <summary>The starting model's training (its seed is the run's seed).</summary>
    public TrainingOptions Training { get; init; } = new();
    /// <summary>Epochs of each warm-started retrain.</summary>
    public int RetrainEpochs { get; init; } = 5;
    /// <summary>Streamed events between retrains (arms online+retrain and retrain-only).</summary>
    public int RetrainEvery { get; init; } = 5_000;
    /// <summary>
    /// The newest share of the interaction log a retrain holds out for the trainer's validation gate
    /// (<c>LGR:Trainer:ValidationFraction</c>, the product default): not trained on until a later retrain.
    /// </summary>
    public double RetrainHoldout { get; init; } = 0.1;
    /// <summary>Events in the recent window of the popularity and co-occurrence baselines.</summary>
    public int BaselineWindow { get; init; } = 10_000;
    /// <summary>Graph settings of the grain arms' cluster beyond the model shape (which follows <see cref="Training"/>).</summary>
    public int MaxNeighbours { get; init; } = 10_000;
    public int CorrectionFanOut { get; init; } = GraphOptions.DefaultCorrectionFanOut;
    public double CorrectionThreshold { get; init; }
    /// <summary><see cref="GraphOptions.OnlineLayers"/> of the grain arms (0: all).</summary>
    public int OnlineLayers { get; init; }
    /// <summary><see cref="GraphOptions.TrainedDegreeWeight"/> of the grain arms.</summary>
    public double TrainedDegreeWeight { get; init; } = 1;
    /// <summary>The product's defaults: a timer per grain per flush, so shorter periods cost a busy silo dearly.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan IndexRefreshInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public void Validate()
    {
        Training.Validate();
        if (Arms.Count == 0)
        {
            throw new ArgumentException("At least one arm must run.");
        }
        Check(TrainFraction is > 0 and < 1, $"The training fraction must lie strictly between 0 and 1 (got {TrainFraction}).");
        Check(Scoring.K >= 1 && Scoring.WindowSize >= 1 && Scoring.ColdThreshold >= 0,
            $"K and the window must be at least 1 and the cold threshold not negative (got {Scoring}).");
        Check(RetrainEpochs >= 1, $"Retrain epochs must be at least 1 (got {RetrainEpochs}).");
        Check(RetrainEvery >= 1, $"The retrain interval must be at least 1 event (got {RetrainEvery}).");
        Check(RetrainHoldout is > 0 and < 0.5, $"The retrain holdout must be above 0 and below 0.5 (got {RetrainHoldout}).");
        Check(BaselineWindow >= 1, $"The baseline window must be at least 1 event (got {BaselineWindow}).");
        Check(CorrectionThreshold is >= 0 and < 1, $"The correction threshold must be at least 0 and below 1 (got {CorrectionThreshold}).");
        Check(MaxNeighbours >= 1 && CorrectionFanOut >= 0, $"Max neighbours must be at least 1 and the fan-out not negative (got {MaxNeighbours}, {CorrectionFanOut}).");
        Check(FlushInterval > TimeSpan.Zero && IndexRefreshInterval > TimeSpan.Zero, "The flush and index refresh intervals must be positive.");
        Check(OnlineLayers >= 0 && OnlineLayers <= Training.Layers, $"The online layers must be between 0 (all) and the model's {Training.Layers} (got {OnlineLayers}).");
        Check(TrainedDegreeWeight is >= 0 and <= 1, $"The trained-degree weight must be between 0 and 1 (got {TrainedDegreeWeight}).");
    }

    private static void Check(bool valid, string message)
    {
        if (!valid)
        {
            throw new ArgumentException(message);
        }
    }
}

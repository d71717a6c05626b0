using LiveGraphRec.Core.Graph;
using LiveGraphRec.Grains;
using LiveGraphRec.Grains.Training;
using LiveGraphRec.Prequential.Baselines;
using LiveGraphRec.Prequential.Serving;
using LiveGraphRec.Prequential.Training;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Prequential;

/// <summary>
/// <c>lgr bench stream</c>: trains the starting model once on the prefix, then runs every arm through the
/// same stream, one after another, each grain arm in a fresh embedded cluster.
/// </summary>
public static class StreamBenchmark
{
    /// <param name="log">Receives a line per step (training, each arm's start and end).</param>
    public static async Task<IReadOnlyList<ArmResult>> RunAsync(EventStream stream, StreamBenchOptions options, Action<string> log,
        IProgress<ArmProgress>? progress, CancellationToken cancellationToken)
    {
        options.Validate();
        TrainedModel? start = null;
        if (options.Arms.Any(NeedsStartingModel))
        {
            BipartiteGraph prefix = BipartiteGraph.Build(stream.UserCount, stream.ItemCount, stream.Prefix);
            log($"Training the starting model: {options.Training.Model} + {options.Training.Sampler}, {options.Training.Epochs} epochs on {prefix.EdgeCount:N0} prefix edges");
            start = await Task.Run(() => StreamTraining.Train(prefix, options.Training, cancellationToken), cancellationToken);
            log($"Starting model trained in {start.TrainTime.TotalSeconds:0.0} s");
        }
        var results = new List<ArmResult>();
        foreach (StreamArm arm in options.Arms)
        {
            string name = StreamArms.NameOf(arm);
            log($"Arm {name}: preparing");
            await using IStreamRecommender system = Create(arm, start, options);
            ArmResult result = await PrequentialRun.RunAsync(name, system, stream, options.Scoring, progress, cancellationToken);
            log($"Arm {name}: HitRate@{options.Scoring.K} {result.Overall.HitRate:0.0000}, MRR@{options.Scoring.K} {result.Overall.Mrr:0.0000}, " +
                $"{result.EventsPerSecond:N0} events/s, setup {result.SetupTime.TotalSeconds:0.0} s");
            results.Add(result);
        }
        return results;
    }

    private static bool NeedsStartingModel(StreamArm arm) => arm is not (StreamArm.Popularity or StreamArm.CoOccurrence);

    internal static IStreamRecommender Create(StreamArm arm, TrainedModel? start, StreamBenchOptions options)
    {
        if (!NeedsStartingModel(arm))
        {
            return arm == StreamArm.Popularity ? new RecentPopularity(options.BaselineWindow) : new RecentCoOccurrence(options.BaselineWindow);
        }
        TrainedModel model = start ?? throw new InvalidOperationException("This arm needs the starting model.");
        if (arm == StreamArm.StaticOffline)
        {
            return new EmbeddingRecommender(model);
        }
        bool online = arm is StreamArm.Online or StreamArm.OnlineRetrain;
        bool retrains = arm is StreamArm.OnlineRetrain or StreamArm.RetrainOnly;
        return new GrainRecommender(model, graph => Configure(graph, options, online), trainer => Configure(trainer, options),
            retrains ? options.RetrainEvery : null);
    }

    /// <summary>
    /// The trainer grain's settings from the bench's: the retrain epochs and the starting model's training otherwise.
    /// Runs are requested, never scheduled. The gate's tolerance is the widest allowed, so every run whose embeddings
    /// are finite publishes, as an arm that retrains every N events needs; its held-out share is the bench's.
    /// </summary>
    private static void Configure(TrainerOptions trainer, StreamBenchOptions options)
    {
        TrainingOptions training = options.Training;
        (trainer.Interval, trainer.EventThreshold, trainer.MinEvents) = (TimeSpan.Zero, 0, 1);
        (trainer.Model, trainer.Sampler, trainer.Candidates, trainer.BatchSize) = (training.Model, training.Sampler, training.Candidates, training.BatchSize);
        (trainer.LearningRate, trainer.Decay, trainer.Seed) = (training.LearningRate, training.Decay, training.Seed);
        (trainer.Threads, trainer.Device) = (training.Threads, training.Device);
        // Every retrain runs its whole epoch budget (the trainer still publishes its best epoch on the held-out events).
        (trainer.Epochs, trainer.Patience) = (options.RetrainEpochs, options.RetrainEpochs);
        (trainer.ValidationFraction, trainer.ValidationK, trainer.Tolerance) = (options.RetrainHoldout, options.Scoring.K, 1);
    }

    private static void Configure(GraphOptions graph, StreamBenchOptions options, bool online)
    {
        graph.Dimension = options.Training.Dimension;
        graph.Layers = options.Training.Layers;
        graph.OnlinePropagation = online;
        graph.MaxNeighbours = options.MaxNeighbours;
        graph.CorrectionFanOut = options.CorrectionFanOut;
        graph.CorrectionThreshold = options.CorrectionThreshold;
        graph.TrainedDegreeWeight = options.TrainedDegreeWeight;
        graph.OnlineLayers = options.OnlineLayers;
        graph.FlushInterval = options.FlushInterval;
        graph.IndexRefreshInterval = options.IndexRefreshInterval;
    }
}

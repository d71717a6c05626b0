using LiveGraphRec.Core.Graph;
using LiveGraphRec.Grains;
using LiveGraphRec.Prequential.Baselines;
using LiveGraphRec.Prequential.Serving;
using LiveGraphRec.Prequential.Training;

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
            start = await Task.Run(() => StreamTraining.Train(prefix, options.Training, warmEgo: null, cancellationToken), cancellationToken);
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

    private static IStreamRecommender Create(StreamArm arm, TrainedModel? start, StreamBenchOptions options)
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
        return new GrainRecommender(model, graph => Configure(graph, options, online),
            retrains ? (cluster, stream) => new WarmStartRetrainer(stream, options.Training with { Epochs = options.RetrainEpochs },
                cluster.Publisher, model, GrainRecommender.StartVersion) : null,
            options.RetrainEvery);
    }

    private static void Configure(GraphOptions graph, StreamBenchOptions options, bool online)
    {
        graph.Dimension = options.Training.Dimension;
        graph.Layers = options.Training.Layers;
        graph.OnlinePropagation = online;
        graph.MaxNeighbours = options.MaxNeighbours;
        graph.CorrectionFanOut = options.CorrectionFanOut;
        graph.TrainedDegreeWeight = options.TrainedDegreeWeight;
        graph.FlushInterval = options.FlushInterval;
        graph.IndexRefreshInterval = options.IndexRefreshInterval;
    }
}

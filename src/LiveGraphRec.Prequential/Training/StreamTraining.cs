using System.Diagnostics;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Prequential.Training;

/// <summary>The starting model: offline training on the stream's prefix.</summary>
public static class StreamTraining
{
    /// <summary>
    /// Trains for <see cref="TrainingOptions.Epochs"/> epochs on the graph of the events seen so far
    /// (synchronously: call it off any scheduler that must not block). No held-out evaluation: the stream
    /// itself is the test.
    /// </summary>
    public static TrainedModel Train(BipartiteGraph seen, TrainingOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var graphs = new SplitGraphs(seen, BipartiteGraph.Build(seen.UserCount, seen.ItemCount, []));
        // The empty test side makes the trainer's end-of-run evaluation trivial.
        using var trainer = new GraphTrainer(graphs, options with { EvaluateEvery = options.Epochs, Patience = int.MaxValue });
        trainer.Train(checkpointPath: null, resume: false, batchProgress: null, onEpoch: null, onBest: null, cancellationToken);
        return new TrainedModel(trainer.EgoEmbeddings(), trainer.FinalEmbeddings(), clock.Elapsed);
    }
}

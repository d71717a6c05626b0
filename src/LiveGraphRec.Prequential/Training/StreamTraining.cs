using System.Diagnostics;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Prequential.Training;

/// <summary>Offline training on a stream's events so far, cold or warm-started.</summary>
public static class StreamTraining
{
    /// <summary>
    /// Trains for <see cref="TrainingOptions.Epochs"/> epochs on the graph of the events seen so far
    /// (synchronously: call it off any scheduler that must not block). No held-out evaluation: the stream
    /// itself is the test.
    /// </summary>
    /// <param name="warmEgo">The previous model's ego embeddings, or null to start from the default initialization.</param>
    public static TrainedModel Train(BipartiteGraph seen, TrainingOptions options, float[]? warmEgo, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var graphs = new SplitGraphs(seen, BipartiteGraph.Build(seen.UserCount, seen.ItemCount, []));
        // The empty test side makes the trainer's end-of-run evaluation trivial.
        using var trainer = new GraphTrainer(graphs, options with { EvaluateEvery = options.Epochs, Patience = int.MaxValue }, warmEgo);
        trainer.Train(checkpointPath: null, resume: false, batchProgress: null, onEpoch: null, onBest: null, cancellationToken);
        EmbeddingFactors ego = trainer.EgoEmbeddings();
        return new TrainedModel([.. ego.UserVectors, .. ego.ItemVectors], trainer.FinalEmbeddings(), clock.Elapsed);
    }
}

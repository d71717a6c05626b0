using LiveGraphRec.Core.Graph;
using LiveGraphRec.Grains.Publishing;
using LiveGraphRec.Training.Trainer;

namespace LiveGraphRec.Prequential.Training;

/// <summary>
/// Retrains LightGCN warm-started from the previous model's ego embeddings and publishes it through the
/// <see cref="EmbeddingPublisher"/> (the admin publish path), each time under the next version — what a
/// trainer grain does. Training runs on a thread-pool thread, never on a grain scheduler.
/// </summary>
public sealed class WarmStartRetrainer(EventStream stream, TrainingOptions options, EmbeddingPublisher publisher, TrainedModel start, long startVersion)
    : IRetrainer
{
    private TrainedModel _current = start;
    private long _version = startVersion;

    public async Task<long> RetrainAsync(ReadOnlyMemory<Interaction> seen, CancellationToken cancellationToken)
    {
        float[] warm = _current.Ego;
        BipartiteGraph graph = BipartiteGraph.Build(stream.UserCount, stream.ItemCount, seen.Span);
        _current = await Task.Run(() => StreamTraining.Train(graph, options, warm, cancellationToken), cancellationToken);
        _version++;
        await publisher.PublishAsync(_current.ToPublished(stream.Dataset, graph, options.Model, _version), cancellationToken);
        return _version;
    }
}

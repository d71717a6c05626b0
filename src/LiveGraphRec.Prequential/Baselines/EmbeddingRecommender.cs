using LiveGraphRec.Core.Retrieval;
using LiveGraphRec.Prequential.Training;

namespace LiveGraphRec.Prequential.Baselines;

/// <summary>
/// The starting model ranked in process, as offline evaluation would, over what the grains are published: the users
/// and items the prefix trained; a user the prefix never saw has a zero vector, as a cold grain does. Seen items are
/// left out. Beside the static arm it checks that the grains serve the model faithfully: the two may differ only in
/// the order of ties (a zero vector ties every item).
/// </summary>
public sealed class EmbeddingRecommender(TrainedModel model) : IStreamRecommender
{
    private TopKScorer? _scorer;
    private int[] _untrained = [];
    private HashSet<int> _trainedUsers = [];

    public TimeSpan RetrainTime => TimeSpan.Zero;
    public int Retrains => 0;

    public Task PrepareAsync(EventStream stream, CancellationToken cancellationToken)
    {
        var items = new EmbeddingMatrix(model.Final.ItemCount, model.Final.Dimension, model.Final.ItemVectors);
        _scorer = new TopKScorer(items);
        var trained = stream.Prefix.Select(interaction => interaction.Item).ToHashSet();
        _untrained = Enumerable.Range(0, stream.ItemCount).Where(item => !trained.Contains(item)).ToArray();
        _trainedUsers = stream.Prefix.Select(interaction => interaction.User).ToHashSet();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<int>> RecommendAsync(int user, int count, StreamHistory history, CancellationToken cancellationToken)
    {
        TopKScorer scorer = _scorer ?? throw new InvalidOperationException("PrepareAsync has not run.");
        int[] excluded = [.. history.SeenBy(user).Union(_untrained).Order()];
        var top = new int[count];
        var scores = new float[count];
        int dim = model.Final.Dimension;
        ReadOnlySpan<float> vector = _trainedUsers.Contains(user) ? model.Final.UserVectors.AsSpan(user * dim, dim) : new float[dim];
        int found = scorer.Score(vector, excluded, top, scores);
        return Task.FromResult<IReadOnlyList<int>>(top[..found]);
    }

    public Task LearnAsync(Interaction interaction, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

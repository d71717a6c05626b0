namespace LiveGraphRec.Prequential;

/// <summary>One system under prequential test: asked for a user's top K before each event, then shown it.</summary>
public interface IStreamRecommender : IAsyncDisposable
{
    /// <summary>Takes in the training prefix before the stream starts (not timed as stream work).</summary>
    Task PrepareAsync(EventStream stream, CancellationToken cancellationToken);

    /// <summary>The user's top <paramref name="count"/> dense item indices, best first, never an item in <paramref name="history"/>'s seen set.</summary>
    Task<IReadOnlyList<int>> RecommendAsync(int user, int count, StreamHistory history, CancellationToken cancellationToken);

    /// <summary>Takes in one streamed event (after it was scored).</summary>
    Task LearnAsync(Interaction interaction, CancellationToken cancellationToken);

    /// <summary>Wall time spent retraining (and publishing) so far; zero for a system that does not retrain.</summary>
    TimeSpan RetrainTime { get; }

    /// <summary>How many retrains ran so far.</summary>
    int Retrains { get; }
}

namespace LiveGraphRec.Prequential.Baselines;

/// <summary>
/// An in-process baseline over the most recent <see cref="Window"/> events: the training prefix's tail fills
/// the window before the stream, then every learned event enters it and the oldest leaves.
/// </summary>
public abstract class WindowedRecommender : IStreamRecommender
{
    private readonly Queue<Interaction> _window = new();

    protected WindowedRecommender(int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        Window = window;
    }

    public int Window { get; }
    public TimeSpan RetrainTime => TimeSpan.Zero;
    public int Retrains => 0;

    public Task PrepareAsync(EventStream stream, CancellationToken cancellationToken)
    {
        Start(stream);
        return Task.CompletedTask;
    }

    /// <summary>Sizes the model to the stream and fills the window with the prefix's last events.</summary>
    public void Start(EventStream stream)
    {
        _window.Clear();
        Prepare(stream);
        foreach (Interaction interaction in stream.Prefix.AsSpan(Math.Max(0, stream.Prefix.Length - Window)))
        {
            Learn(interaction);
        }
    }

    public Task<IReadOnlyList<int>> RecommendAsync(int user, int count, StreamHistory history, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<int>>(Recommend(user, count, history));

    public Task LearnAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        Learn(interaction);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public abstract List<int> Recommend(int user, int count, StreamHistory history);

    public void Learn(Interaction interaction)
    {
        _window.Enqueue(interaction);
        Entered(interaction);
        if (_window.Count > Window)
        {
            Left(_window.Dequeue());
        }
    }

    /// <summary>Sizes the model to the stream's users and items.</summary>
    protected abstract void Prepare(EventStream stream);

    protected abstract void Entered(Interaction interaction);

    /// <summary>The oldest event left the window (events leave in the order they entered).</summary>
    protected abstract void Left(Interaction interaction);
}

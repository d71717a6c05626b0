using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// What user and item grains share: the node's LightGCN state (<see cref="NodeEmbeddingState"/>) over its
/// persisted arrays, the retained adjacency, event de-duplication, published embeddings, neighbour
/// corrections and write-behind persistence.
/// </summary>
public abstract partial class GraphNodeGrain : Grain, IGraphNodeGrain
{
    private readonly IPersistentState<GraphNodeState> _state;
    private readonly WriteBehind<GraphNodeState> _writeBehind;
    private NodeEmbeddingState? _embedding;

    protected GraphNodeGrain(IPersistentState<GraphNodeState> state, IOptions<GraphOptions> options, ILogger logger)
    {
        _state = state;
        _writeBehind = new WriteBehind<GraphNodeState>(state);
        Options = options.Value;
        Logger = logger;
    }

    protected GraphOptions Options { get; }
    protected ILogger Logger { get; }
    protected GraphNodeState State => _state.State;
    protected NodeEmbeddingState Embedding => _embedding ?? throw new InvalidOperationException("The grain is not activated.");
    protected string Id => this.GetPrimaryKeyString();

    /// <summary>The grain of a neighbour: items for a user, users for an item.</summary>
    protected abstract IGraphNodeGrain Neighbour(string id);

    /// <summary>Called whenever the final embedding changed.</summary>
    protected virtual void OnEmbeddingChanged()
    {
    }

    /// <summary>Runs on every write-behind tick before the state is written.</summary>
    protected virtual Task OnTickAsync() => Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        int dimension = Options.Dimension, width = dimension * Options.Layers;
        if (State.Ego.Length != dimension || State.Aggregates.Length != width)
        {
            if (State.Ego.Length != 0)
            {
                LogShapeReset(Logger, Id, State.Ego.Length, dimension);
            }
            // A cold node (or one stored under another model shape): zero layer-0 embedding, no online edges.
            State.Ego = new float[dimension];
            State.Aggregates = new float[width];
            State.Degree = 0;
            State.EmbeddingVersion = 0;
        }
        _embedding = new NodeEmbeddingState(State.Ego, State.Aggregates, State.Degree);
        this.RegisterGrainTimer(_ => TickAsync(), WriteBehind<GraphNodeState>.TimerOptions(Options.FlushInterval));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await TickAsync();

    public Task<bool> PublishEmbeddingAsync(EmbeddingUpdate update)
    {
        if (update.Version <= State.EmbeddingVersion)
        {
            LogOlderVersionIgnored(Logger, Id, update.Version, State.EmbeddingVersion);
            return Task.FromResult(false);
        }
        Embedding.Publish(update.Vector);
        State.EmbeddingVersion = update.Version;
        MarkChanged();
        OnEmbeddingChanged();
        return Task.FromResult(true);
    }

    public Task ApplyCorrectionAsync(ContributionCorrection correction)
    {
        if (State.Neighbours.TryGetValue(correction.NeighbourId, out Edge? edge)
            && edge.OwnVersion == State.EmbeddingVersion && edge.NeighbourVersion == correction.NeighbourVersion)
        {
            Embedding.ApplyCorrection(correction.Delta);
            MarkChanged();
            OnEmbeddingChanged();
        }
        return Task.CompletedTask;
    }

    public Task<NodeProfile> GetProfileAsync()
    {
        var neighbours = State.Neighbours
            .OrderByDescending(pair => pair.Value.LastAt)
            .Select(pair => new NeighbourSummary(pair.Key, pair.Value.LastAt, pair.Value.Weight, pair.Value.Interactions))
            .ToList();
        return Task.FromResult(new NodeProfile(Id, Embedding.Degree, State.EmbeddingVersion, neighbours, FinalEmbedding(),
            State.AppliedEvents, State.LastEventAt));
    }

    protected float[] FinalEmbedding()
    {
        var final = new float[Embedding.Dimension];
        Embedding.Final(final);
        return final;
    }

    /// <summary>Whether the edge to <paramref name="neighbourId"/> is in this node's aggregates (same embedding version).</summary>
    protected bool IsLinked(string neighbourId) =>
        State.Neighbours.TryGetValue(neighbourId, out Edge? edge) && edge.OwnVersion == State.EmbeddingVersion;

    /// <summary>What to hand <paramref name="neighbourId"/>: the prospective contribution when the edge is new to this node.</summary>
    protected float[] ContributionFor(string neighbourId) =>
        IsLinked(neighbourId) ? Embedding.Contribution() : Embedding.ProspectiveContribution();

    /// <summary>
    /// Records one interaction on the edge to <paramref name="neighbourId"/>. When the edge is new to this
    /// node it links the neighbour's contribution and corrects the other neighbours; a repeat only adds
    /// weight (the LightGCN graph has one edge per pair).
    /// </summary>
    /// <returns>The link outcome for a new edge, else null.</returns>
    protected async Task<LinkOutcome?> RecordInteractionAsync(string neighbourId, DateTimeOffset at, float weight,
        long neighbourVersion, float[] neighbourContribution)
    {
        bool isNew = !IsLinked(neighbourId);
        if (!State.Neighbours.TryGetValue(neighbourId, out Edge? edge))
        {
            edge = new Edge { FirstAt = at };
            State.Neighbours[neighbourId] = edge;
        }
        edge.LastAt = at > edge.LastAt ? at : edge.LastAt;
        edge.Weight += weight;
        edge.Interactions++;
        LinkOutcome? outcome = null;
        if (isNew)
        {
            outcome = Embedding.Link(neighbourContribution);
            edge.OwnVersion = State.EmbeddingVersion;
            edge.NeighbourVersion = neighbourVersion;
            await CorrectNeighboursAsync(neighbourId, outcome.Value.Correction);
            OnEmbeddingChanged();
        }
        EvictBeyondCap();
        MarkChanged();
        return outcome;
    }

    protected bool IsApplied(string eventId, string? source = null, long offset = 0) => State.Events.Contains(eventId, source, offset);

    protected void RecordEvent(string eventId, DateTimeOffset at, string? source = null, long offset = 0)
    {
        State.Events.Record(eventId, Options.RecentEventIds, source, offset);
        State.AppliedEvents++;
        State.LastEventAt = State.LastEventAt is { } last && last > at ? last : at;
        MarkChanged();
    }

    private Task CorrectNeighboursAsync(string newNeighbourId, float[] correction)
    {
        if (Options.CorrectionFanOut == 0)
        {
            return Task.CompletedTask;
        }
        var message = new ContributionCorrection(Id, State.EmbeddingVersion, correction);
        // One-way calls: their tasks complete once sent, so this waits for nothing remote.
        return Task.WhenAll(State.Neighbours
            .Where(pair => pair.Key != newNeighbourId && pair.Value.OwnVersion == State.EmbeddingVersion)
            .OrderByDescending(pair => pair.Value.LastAt)
            .Take(Options.CorrectionFanOut)
            .Select(pair => Neighbour(pair.Key).ApplyCorrectionAsync(message)));
    }

    private void EvictBeyondCap()
    {
        while (State.Neighbours.Count > Options.MaxNeighbours)
        {
            string oldest = State.Neighbours.MinBy(pair => pair.Value.LastAt).Key;
            State.Neighbours.Remove(oldest);
        }
    }

    private void MarkChanged()
    {
        State.Degree = Embedding.Degree;
        _writeBehind.MarkDirty();
    }

    private async Task TickAsync()
    {
        await OnTickAsync();
        await _writeBehind.FlushAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Id} was stored with {Stored}-dimensional embeddings; the model now has {Configured}: it restarts cold")]
    private static partial void LogShapeReset(ILogger logger, string id, int stored, int configured);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Id} ignored embedding version {Offered}; it has {Current}")]
    private static partial void LogOlderVersionIgnored(ILogger logger, string id, long offered, long current);
}

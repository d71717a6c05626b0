using System.Diagnostics;
using LiveGraphRec.Core.Propagation;
using LiveGraphRec.Grains.Telemetry;

namespace LiveGraphRec.Grains.Nodes;

/// <summary>
/// What user and item grains share: the node's LightGCN state (<see cref="NodeEmbeddingState"/>) over its
/// persisted arrays, the retained adjacency, event de-duplication, published embeddings, neighbour
/// corrections and write-behind persistence. One timer drives it: a tick comes <see cref="GraphOptions.FlushInterval"/>
/// after a change, or <see cref="GraphOptions.CommitDelay"/> after a caller asks for the write (<see cref="PersistAsync"/>),
/// and writes the state; the same tick runs a round (the coalesced corrections, an item's index update) when one is
/// due — at most one round per FlushInterval. An unchanged node schedules none, so a silo holding many idle
/// activations (every node after a publish) spends nothing on them.
/// </summary>
public abstract partial class GraphNodeGrain : Grain, IGraphNodeGrain
{
    private readonly IPersistentState<GraphNodeState> _state;
    private readonly WriteBehind<GraphNodeState> _writeBehind;
    private NodeEmbeddingState? _embedding;
    private CorrectionTracker<string>? _corrections;
    private readonly OneShotGrainTimer _tick;
    // When the last round ran (a Stopwatch timestamp): rounds are at most one per FlushInterval, so a busy node's
    // commits do not each send corrections. Null until the first.
    private long? _lastRoundAt;

    protected GraphNodeGrain(IPersistentState<GraphNodeState> state, IOptions<GraphOptions> options, GraphMetrics metrics, ILogger logger)
    {
        _state = state;
        Options = options.Value;
        _writeBehind = new WriteBehind<GraphNodeState>(state, Options.CorrectionWriteDelay);
        _tick = new OneShotGrainTimer(this, ScheduledTickAsync, interleave: true, keepAlive: false);
        Metrics = metrics;
        Logger = logger;
    }

    protected GraphOptions Options { get; }
    protected GraphMetrics Metrics { get; }
    protected ILogger Logger { get; }
    protected GraphNodeState State => _state.State;
    protected NodeEmbeddingState Embedding => _embedding ?? throw NotActivated();
    /// <summary>What the neighbours hold of this node's contribution; in memory only, so a reactivated node restarts from its current one.</summary>
    private CorrectionTracker<string> Corrections => _corrections ?? throw NotActivated();
    protected string Id => this.GetPrimaryKeyString();

    /// <summary>Which kind of node this is, for the metrics.</summary>
    protected abstract GraphMetrics.GrainKind Kind { get; }

    /// <summary>The grain of a neighbour: items for a user, users for an item.</summary>
    protected abstract IGraphNodeGrain Neighbour(string id);

    /// <summary>Called whenever the final embedding changed.</summary>
    protected virtual void OnEmbeddingChanged()
    {
    }

    /// <summary>Runs in every round (see <see cref="HasTickWork"/>), before the state is written.</summary>
    protected virtual Task OnTickAsync() => Task.CompletedTask;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        int dimension = Options.Dimension, width = dimension * Options.PropagatedLayers;
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
            State.TrainedDegree = 0;
            State.EmbeddingVersion = 0;
            foreach (Edge edge in State.Neighbours.Values)
            {
                edge.OwnVersion = -1; // kept as history, but no longer in the (cleared) aggregates
            }
            State.ChangedNeighbours().ChangedAll();
        }
        _embedding = new NodeEmbeddingState(State.Ego, State.Aggregates, State.Degree, State.TrainedDegree, Options.Layers);
        _corrections = new CorrectionTracker<string>(_embedding.Contribution());
        Metrics.Activated(Kind);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Metrics.Deactivated(Kind);
        return TickAsync(final: true);
    }

    public async Task<bool> PublishEmbeddingAsync(EmbeddingUpdate update)
    {
        if (update.Version <= State.EmbeddingVersion)
        {
            LogOlderVersionIgnored(Logger, Id, update.Version, State.EmbeddingVersion);
            return false;
        }
        // Without a vector the node is rebased: the model does not know it, so it keeps its own e^(0).
        // The edges up to the cut are the model's: they count in the normalization (weighted); later ones are linked
        // again. Only retained edges are counted, so a node beyond MaxNeighbours is normalized as if it had that many.
        int trainedDegree = (int)Math.Round(Options.TrainedDegreeWeight * State.Neighbours.Values.Count(edge => edge.FirstSequence <= update.Cut));
        Embedding.Publish(update.Vector ?? Embedding.Ego.ToArray(), trainedDegree);
        State.EmbeddingVersion = update.Version;
        // Neighbours of the earlier version drop this node's corrections; start afresh.
        Corrections.Announced(Embedding.Contribution());
        MarkChanged();
        OnEmbeddingChanged();
        // Without online propagation the served embedding is the model's alone: later edges wait for the next model.
        if (Options.OnlinePropagation)
        {
            await RelinkAfterCutAsync(update.Cut);
        }
        await OnPublishedAsync();
        return true;
    }

    /// <summary>After a new version is in place (publishes are rare: a node may act on one at once).</summary>
    protected virtual Task OnPublishedAsync() => Task.CompletedTask;

    /// <summary>After a new version: puts back the edges the model was not trained on (those first seen after <paramref name="cut"/>).</summary>
    protected virtual Task RelinkAfterCutAsync(long cut) => Task.CompletedTask;

    public Task ApplyCorrectionAsync(ContributionCorrection correction)
    {
        if (State.Neighbours.TryGetValue(correction.NeighbourId, out Edge? edge)
            && edge.OwnVersion == State.EmbeddingVersion && edge.NeighbourVersion == correction.NeighbourVersion)
        {
            Embedding.ApplyCorrection(correction.Delta);
            // A correction is not an event: losing it in a crash leaves the stale contribution the fan-out cap
            // leaves anyway, so it rides along with the next write instead of causing one (see CorrectionWriteDelay).
            _writeBehind.MarkDeferred();
            ScheduleTick(Options.CorrectionWriteDelay);
            OnEmbeddingChanged();
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Group commit: the first caller with unwritten changes brings the node's tick forward to
    /// <see cref="GraphOptions.CommitDelay"/> from now, and everyone who asks until then shares its write, so a node
    /// that many delivered batches touch writes once per commit rather than once per batch. A node that changed
    /// only now and then so runs its round at the commit too: one timer firing per event, not two.
    /// </summary>
    public Task PersistAsync()
    {
        if (_writeBehind.IsDirty)
        {
            ScheduleTick(Options.CommitDelay);
        }
        return _writeBehind.WhenWrittenAsync();
    }

    public Task<NodeProfile> GetProfileAsync()
    {
        var neighbours = State.Neighbours
            .OrderByDescending(pair => pair.Value.LastAt)
            .Select(pair => new NeighbourSummary(pair.Key, pair.Value.LastAt, pair.Value.Weight, pair.Value.Interactions))
            .ToList();
        return Task.FromResult(new NodeProfile(Id, Embedding.Degree, State.EmbeddingVersion, neighbours, FinalEmbedding(),
            State.AppliedEvents, State.LastEventAt, Embedding.TrainedDegree));
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
    /// node it links the neighbour's contribution; a repeat only adds weight (the LightGCN graph has one
    /// edge per pair). With <see cref="GraphOptions.OnlinePropagation"/> off it only records the edge.
    /// </summary>
    /// <returns>True when the edge is new to this node's online graph (so never with online propagation off).</returns>
    /// <param name="sequence">The event's interaction log sequence, recorded on a new edge (0: none).</param>
    protected bool RecordInteraction(string neighbourId, DateTimeOffset at, float weight, long neighbourVersion, float[] neighbourContribution,
        long sequence = 0)
    {
        bool isNew = Options.OnlinePropagation && !IsLinked(neighbourId);
        Edge edge = EdgeTo(neighbourId, at, sequence);
        edge.LastAt = at > edge.LastAt ? at : edge.LastAt;
        edge.Weight += weight;
        edge.Interactions++;
        if (isNew)
        {
            Link(edge, neighbourVersion, neighbourContribution);
        }
        EvictBeyondCap();
        MarkChanged();
        return isNew;
    }

    /// <summary>
    /// Puts the edge to <paramref name="neighbourId"/> into the aggregates of the current version if it is not
    /// there yet, counting no interaction (the edge's events were counted when they happened).
    /// </summary>
    /// <returns>True when the edge was linked now.</returns>
    protected bool Relink(string neighbourId, DateTimeOffset at, long neighbourVersion, float[] neighbourContribution)
    {
        if (IsLinked(neighbourId))
        {
            return false;
        }
        Link(EdgeTo(neighbourId, at, sequence: 0), neighbourVersion, neighbourContribution);
        MarkChanged();
        return true;
    }

    /// <summary>The edge to <paramref name="neighbourId"/>, new if need be, for the caller to change.</summary>
    private Edge EdgeTo(string neighbourId, DateTimeOffset at, long sequence)
    {
        State.ChangedNeighbours().Changed(neighbourId);
        if (!State.Neighbours.TryGetValue(neighbourId, out Edge? edge))
        {
            // Not in the aggregates until linked (a cold node's version is 0, the default).
            edge = new Edge { FirstAt = at, LastAt = at, FirstSequence = sequence, OwnVersion = -1 };
            State.Neighbours[neighbourId] = edge;
        }
        return edge;
    }

    private void Link(Edge edge, long neighbourVersion, float[] neighbourContribution)
    {
        Embedding.Link(neighbourContribution);
        edge.OwnVersion = State.EmbeddingVersion;
        edge.NeighbourVersion = neighbourVersion;
        OnEmbeddingChanged();
    }

    /// <summary>Notes the contribution a neighbour aggregated on linking this node; its next correction starts from there.</summary>
    protected void RecordHanded(string neighbourId, float[] contribution) => Corrections.RecordHanded(neighbourId, contribution);

    protected bool IsApplied(string eventId) => State.Events.Contains(eventId);

    protected void RecordEvent(string eventId, DateTimeOffset at)
    {
        State.Events.Record(eventId, Options.RecentEventIds);
        State.AppliedEvents++;
        State.LastEventAt = State.LastEventAt is { } last && last > at ? last : at;
        MarkChanged();
    }

    /// <summary>
    /// Corrects the newest neighbours (up to the fan-out) for every change of this node's contribution
    /// since the last tick — coalesced, so a node that gained several edges sends one message per neighbour.
    /// </summary>
    private Task CorrectNeighboursAsync()
    {
        if (!Corrections.HasPending)
        {
            return Task.CompletedTask;
        }
        float[] current = Embedding.Contribution();
        if (!Corrections.MovedBeyond(current, Options.CorrectionThreshold))
        {
            return Task.CompletedTask;
        }
        List<string> targets = CorrectionTargets.Select(State.Neighbours, State.EmbeddingVersion, Corrections.WasHanded, Options.CorrectionFanOut);
        var sends = new Task[targets.Count];
        for (int n = 0; n < targets.Count; n++)
        {
            sends[n] = Neighbour(targets[n]).ApplyCorrectionAsync(
                new ContributionCorrection(Id, State.EmbeddingVersion, Corrections.CorrectionFor(targets[n], current)));
        }
        Corrections.Announced(current);
        Metrics.CorrectionsSent(sends.Length, Kind);
        // One-way calls: their tasks complete once sent, so this waits for nothing remote.
        return Task.WhenAll(sends);
    }

    private void EvictBeyondCap()
    {
        while (State.Neighbours.Count > Options.MaxNeighbours)
        {
            string oldest = State.Neighbours.MinBy(pair => pair.Value.LastAt).Key;
            State.Neighbours.Remove(oldest);
            State.ChangedNeighbours().Changed(oldest);
        }
    }

    private void MarkChanged()
    {
        State.Degree = Embedding.Degree;
        State.TrainedDegree = Embedding.TrainedDegree;
        _writeBehind.MarkDirty();
        ScheduleTick();
    }

    /// <summary>Whether <see cref="OnTickAsync"/> still has work (a tick that failed to do it schedules another).</summary>
    protected virtual bool HasTickWork => false;

    private bool HasRoundWork => HasTickWork || Corrections.HasPending;

    /// <summary>How soon a round may run (zero: now).</summary>
    private TimeSpan RoundDueIn => _lastRoundAt is { } at
        ? TimeSpan.FromTicks(Math.Max(0, (Options.FlushInterval - Stopwatch.GetElapsedTime(at)).Ticks))
        : TimeSpan.Zero;

    /// <summary>Makes sure a tick comes within <see cref="GraphOptions.FlushInterval"/>.</summary>
    protected void ScheduleTick() => ScheduleTick(Options.FlushInterval);

    /// <summary>Makes sure a tick comes within <paramref name="due"/>: a tick already scheduled sooner stays.</summary>
    private void ScheduleTick(TimeSpan due) => _tick.ArmWithin(due);

    private async Task ScheduledTickAsync()
    {
        bool roundWaits = false;
        try
        {
            roundWaits = await TickAsync();
        }
        finally
        {
            // A failed write is retried a period later, and a round when it is due (a failed one a period later: it
            // counted as run); deferred changes get a tick when they are due. Whichever is soonest arms. Corrections
            // held back by CorrectionThreshold arm nothing: they wait for the node's next change, as they always did.
            if (_writeBehind.IsDirty)
            {
                ScheduleTick();
            }
            if (roundWaits || HasTickWork)
            {
                ScheduleTick(RoundDueIn);
            }
            if (_writeBehind.DeferredDueIn is { } deferred)
            {
                ScheduleTick(deferred);
            }
        }
    }

    /// <param name="final">On deactivation: run the round whether due or not, and write deferred changes.</param>
    /// <returns>True when the round had work but was not due yet.</returns>
    private async Task<bool> TickAsync(bool final = false)
    {
        bool roundDue = final || RoundDueIn == TimeSpan.Zero;
        try
        {
            if (roundDue && HasRoundWork)
            {
                _lastRoundAt = Stopwatch.GetTimestamp();
                await OnTickAsync();
                await CorrectNeighboursAsync();
            }
        }
        finally
        {
            // The write does not wait on the round: acknowledgements wait for the write, not for the index.
            await _writeBehind.FlushAsync(includeDeferred: final);
        }
        return !roundDue && HasRoundWork;
    }

    private static InvalidOperationException NotActivated() => new("The grain is not activated.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {Id} was stored with {Stored}-dimensional embeddings; the model now has {Configured}: it restarts cold")]
    private static partial void LogShapeReset(ILogger logger, string id, int stored, int configured);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Node {Id} ignored embedding version {Offered}; it has {Current}")]
    private static partial void LogOlderVersionIgnored(ILogger logger, string id, long offered, long current);
}

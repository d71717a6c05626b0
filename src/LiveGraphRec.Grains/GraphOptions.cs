namespace LiveGraphRec.Grains;

/// <summary>Model shape and the bounds of the online tier (configuration section <c>LGR:Graph</c>).</summary>
public sealed class GraphOptions
{
    public const string Section = "LGR:Graph";

    /// <summary>Embedding width d; published embedding files must match it.</summary>
    public int Dimension { get; set; } = 64;

    /// <summary>LightGCN layers K.</summary>
    public int Layers { get; set; } = 3;

    /// <summary>
    /// Layers propagated online on top of the published model (1..K; 0 = all K). Each weighs 1/(K + 1) as in the
    /// model; deeper ones are built from neighbours' online aggregates, which hold few and stale terms.
    /// </summary>
    public int OnlineLayers { get; set; }

    /// <summary>The layers the online propagation keeps: <see cref="OnlineLayers"/>, or all when 0.</summary>
    public int PropagatedLayers => OnlineLayers == 0 ? Layers : OnlineLayers;

    /// <summary>
    /// Cap on the adjacency a node retains (most recent kept). Older edges stay counted in the degree
    /// and aggregates; they no longer get corrections nor are excluded from recommendations.
    /// </summary>
    public int MaxNeighbours { get; set; } = 1_000;

    /// <summary>
    /// How many of its most recent neighbours a node corrects, once per <see cref="FlushInterval"/> in which
    /// it gained edges (0: none). The first layer is exact only for neighbours within reach, but every
    /// correction is a message — from each side of every event, two thirds of a silo's grain messages at 8. Measured
    /// (docs/BENCHMARKS.md, online tier): one silo at saturation on Gowalla applied ~5,900 events/s at 8, ~6,700 at 4,
    /// ~7,900 at 0, while prequential replays (MovieLens small; a drifting synthetic stream; with 1 s and 5 ms flushes)
    /// showed no difference in HitRate@20 between 0, 4 and 8. The default keeps the newest neighbours' first hop
    /// current at half the cost of 8.
    /// </summary>
    public int CorrectionFanOut { get; set; } = DefaultCorrectionFanOut;

    /// <summary>The default <see cref="CorrectionFanOut"/>.</summary>
    public const int DefaultCorrectionFanOut = 4;

    /// <summary>
    /// Relative change (L2) a node's contribution must make, since it last corrected its neighbours, before it corrects
    /// them again (0: after every change). A node of degree d that gains an edge changes its contribution by about
    /// 1/(2d), so a threshold spares the busiest nodes — the most-touched ones — a round per tick while their
    /// neighbours hold a contribution within that share of the current one; a round skipped stays pending (the
    /// corrections telescope) and goes out with a later one.
    /// </summary>
    public double CorrectionThreshold { get; set; }

    /// <summary>
    /// Whether events re-propagate embeddings online (the default). Off, a node still records each edge
    /// (adjacency, history, seen-item exclusion, de-duplication) but keeps its published embedding until the
    /// next publish: a retrain-only deployment, and the retrain-only arm of <c>lgr bench stream</c>.
    /// </summary>
    public bool OnlinePropagation { get; set; } = true;

    /// <summary>
    /// λ in [0, 1]: the share of the edges a published model was trained with that count in a node's normalization
    /// degree afterwards (|N| = λ·d_trained + d_online). 1 is LightGCN's own normalization: a node trained with d edges
    /// moves by about 1/√(d + 1) per new edge. Smaller values weigh the newest edges more (fresher, further from the
    /// model); 0 normalizes by the online edges alone. Measured with <c>lgr bench stream --trained-degree-weight</c>.
    /// </summary>
    public double TrainedDegreeWeight { get; set; } = 1;

    /// <summary>How many recent event ids a node remembers to drop re-deliveries.</summary>
    public int RecentEventIds { get; set; } = 1_024;

    /// <summary>
    /// Write-behind period: the most a node's persisted state lags behind its applied events. The same tick
    /// runs the node's round — its coalesced neighbour corrections and, for an item, its changed final embedding
    /// pushed to the index — at most once per period, so an item change reaches every silo's index within
    /// FlushInterval + IndexRefreshInterval. A commit (<see cref="CommitDelay"/>) brings the tick forward, and a round
    /// then runs with it when none ran in the last period: the usual case, one timer firing per event and node.
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most a node waits to write neighbour corrections it received when no event of its own changed it
    /// (otherwise they ride along with that write, and a deactivation writes them). They are not events: a crash
    /// in this window loses them, leaving the receiver the stale contribution the <see cref="CorrectionFanOut"/>
    /// cap leaves too, until the next publish. Written within <see cref="FlushInterval"/> like events, they took a
    /// Gowalla load test from 2.0 to 4.6 state writes per event (docs/BENCHMARKS.md), a share that grows as the online
    /// graph fills and nodes have more neighbours to correct.
    /// </summary>
    public TimeSpan CorrectionWriteDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Group commit: how long after the first delivered batch that waits for a node's write the node writes,
    /// so that every batch touching it meanwhile shares one write. Events are acknowledged to the log only
    /// after that write, so this adds to the acknowledgement (not the apply) latency; and a user's next
    /// batch is delivered only after the previous one was acknowledged.
    /// </summary>
    public TimeSpan CommitDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Item index shards (fixed for the life of a cluster: items are assigned by hash). A shard persists all
    /// its items at once, so more shards mean smaller writes: a Gowalla-sized catalog (40,981 × 64 floats)
    /// over 32 shards writes about 330 KB per changed shard per <see cref="IndexPersistInterval"/>.
    /// </summary>
    public int IndexShards { get; set; } = 32;

    /// <summary>
    /// How often an item index shard writes itself (derived state: after a crash, items changed since the last
    /// write are stale in the index until they change again or the next publish).
    /// </summary>
    public TimeSpan IndexPersistInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each silo pulls item index changes: the bound on the item-side freshness.</summary>
    public TimeSpan IndexRefreshInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}

using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// PinSage's training negatives (Ying et al., KDD 2018), in BPR form:
/// <list type="bullet">
/// <item>easy negatives shared by the whole mini-batch: <see cref="SharedPerBatch"/> uniform items every user is
/// contrasted with (one [batch, S] score product instead of S gathers per user), plus the batch's own uniform item
/// per user;</item>
/// <item>hard negatives: items ranked in a band of the user's personalized PageRank (random walks from the user) —
/// related enough to be hard, far enough down not to be positives. The paper's band is ranks 2,000–5,000; here it
/// is a share of the catalog (<see cref="HardNegativeOptions.BandStart"/>..<see cref="HardNegativeOptions.BandEnd"/>).
/// When the walks reach fewer items than the band's end, the band shrinks in proportion to the items reached;</item>
/// <item>curriculum: epoch n adds n − 1 hard negatives per example (capped).</item>
/// </list>
/// Each user's band pool is computed once, on first need, from walks seeded by the user, so runs are reproducible.
/// </summary>
public sealed class PinSageNegativeSampler : INegativeSampler
{
    private readonly BipartiteGraph _train;
    private readonly HardNegativeOptions _options;
    private readonly int _seed;
    private readonly int[]?[] _pools;

    public PinSageNegativeSampler(BipartiteGraph train, int sharedPerBatch, HardNegativeOptions options, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sharedPerBatch, 0);
        options.Validate();
        _train = train;
        _options = options;
        _seed = seed;
        SharedPerBatch = sharedPerBatch;
        _pools = new int[]?[train.UserCount];
    }

    public string Name => NegativeSamplers.PinSage;
    public int CandidatesPerUser => 1;
    public int SharedPerBatch { get; }

    /// <summary>Hard negatives per example in an epoch (1-based): n − 1, capped.</summary>
    public int HardPerUser(int epoch) => Math.Clamp(epoch - 1, 0, _options.MaxPerUser);

    public NegativeEmbeddings Select(TrainingBatch batch, ModelView model)
    {
        int hard = HardPerUser(batch.Epoch), perUser = 1 + hard;
        var random = new Random(unchecked(_seed * 7_919 + batch.Epoch * 104_729 + batch.Index));
        var nodes = new long[batch.Size * perUser];
        if (hard > 0)
        {
            EnsurePools(batch.Users);
        }
        for (int b = 0; b < batch.Size; b++)
        {
            nodes[b * perUser] = batch.Candidates[b * batch.CandidatesPerUser] + model.UserCount;
            int[] pool = hard > 0 ? _pools[batch.Users[b]]! : [];
            for (int h = 1; h <= hard; h++)
            {
                // A user whose walks reached no band item falls back to its uniform candidate.
                long item = pool.Length > 0 ? pool[random.Next(pool.Length)] : batch.Candidates[b * batch.CandidatesPerUser];
                nodes[b * perUser + h] = item + model.UserCount;
            }
        }
        var device = model.Final.device;
        using var rows = tensor(nodes, device: device);
        if (SharedPerBatch == 0)
        {
            return new NegativeEmbeddings(model.Final.index_select(0, rows), model.Layers[0].index_select(0, rows));
        }
        var shared = new long[SharedPerBatch];
        for (int s = 0; s < shared.Length; s++)
        {
            shared[s] = model.UserCount + random.Next(_train.ItemCount);
        }
        using var sharedRows = tensor(shared, device: device);
        return new NegativeEmbeddings(model.Final.index_select(0, rows), model.Layers[0].index_select(0, rows),
            model.Final.index_select(0, sharedRows), model.Layers[0].index_select(0, sharedRows));
    }

    /// <summary>The user's band items (at most PoolSize, drawn uniformly from the band), computed now if not yet.</summary>
    public int[] Pool(int user) => _pools[user] ??= ComputePool(user, new PersonalizedPageRank(_train, _options.Restart));

    private void EnsurePools(long[] users)
    {
        long[] missing = [.. users.Where(u => _pools[u] is null).Distinct()];
        // One walker (it owns a visit buffer over all nodes) per worker thread.
        Parallel.ForEach(missing, () => new PersonalizedPageRank(_train, _options.Restart), (user, _, pageRank) =>
        {
            _pools[user] = ComputePool((int)user, pageRank);
            return pageRank;
        }, _ => { });
    }

    private int[] ComputePool(int user, PersonalizedPageRank pageRank)
    {
        var random = new Random(unchecked(_seed * 31 + user));
        int[] ranked = pageRank.RankedItems(user, _options.Walks, random);
        int catalog = _train.ItemCount;
        int start = (int)(_options.BandStart * catalog), end = (int)Math.Ceiling(_options.BandEnd * catalog);
        if (ranked.Length < end)
        {
            start = (int)((long)start * ranked.Length / end);
            end = ranked.Length;
        }
        int[] band = ranked[start..end];
        if (band.Length <= _options.PoolSize)
        {
            return band;
        }
        random.Shuffle(band);
        return band[.._options.PoolSize];
    }
}

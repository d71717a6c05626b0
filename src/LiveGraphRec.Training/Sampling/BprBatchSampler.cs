using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// Draws an epoch of BPR triples the way LightGCN-PyTorch does (<c>UniformSample_original</c>): as many
/// samples as training edges, each a uniformly random user with interactions, a uniformly random item of
/// theirs, and negative candidates uniform over the items they have not interacted with. Every epoch has
/// its own seeded generator, so a resumed run draws exactly what an uninterrupted one would.
/// </summary>
public sealed class BprBatchSampler
{
    private readonly BipartiteGraph _train;
    private readonly int[] _activeUsers;
    private readonly int _seed;

    public BprBatchSampler(BipartiteGraph train, int batchSize, int candidatesPerUser, int mixingLayers, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(candidatesPerUser, 1);
        _train = train;
        BatchSize = batchSize;
        CandidatesPerUser = candidatesPerUser;
        MixingLayers = mixingLayers;
        _seed = seed;
        _activeUsers = Enumerable.Range(0, train.UserCount).Where(u => train.UserDegree(u) > 0).ToArray();
        int saturated = _activeUsers.FirstOrDefault(u => train.UserDegree(u) == train.ItemCount, -1);
        if (saturated >= 0)
        {
            throw new ArgumentException($"User {saturated} has interacted with every item; no negative exists for them.");
        }
        if (_activeUsers.Length == 0)
        {
            throw new ArgumentException("The training graph has no interactions.");
        }
    }

    public int BatchSize { get; }
    public int CandidatesPerUser { get; }
    /// <summary>Number of per-layer mixing weights drawn per user (layers + 1); 0 when unused.</summary>
    public int MixingLayers { get; }
    public int SamplesPerEpoch => _train.EdgeCount;
    public int BatchesPerEpoch => (SamplesPerEpoch + BatchSize - 1) / BatchSize;

    public IEnumerable<TrainingBatch> Epoch(int epoch)
    {
        // Not HashCode.Combine: .NET randomizes it per process, and a run resumed in a new process must draw
        // the batches an uninterrupted one would.
        var random = new Random(unchecked(_seed * 1_000_003 + epoch));
        for (int start = 0, index = 0; start < SamplesPerEpoch; start += BatchSize, index++)
        {
            yield return NextBatch(random, Math.Min(BatchSize, SamplesPerEpoch - start)) with { Epoch = epoch, Index = index };
        }
    }

    private TrainingBatch NextBatch(Random random, int size)
    {
        var users = new long[size];
        var positives = new long[size];
        var candidates = new long[size * CandidatesPerUser];
        var mixing = new float[size * MixingLayers];
        for (int b = 0; b < size; b++)
        {
            int user = _activeUsers[random.Next(_activeUsers.Length)];
            ReadOnlySpan<int> items = _train.ItemsOf(user);
            users[b] = user;
            positives[b] = items[random.Next(items.Length)];
            for (int m = 0; m < CandidatesPerUser; m++)
            {
                candidates[b * CandidatesPerUser + m] = UninteractedItem(random, items);
            }
        }
        for (int k = 0; k < mixing.Length; k++)
        {
            mixing[k] = random.NextSingle();
        }
        return new TrainingBatch(users, positives, candidates, CandidatesPerUser, mixing);
    }

    private int UninteractedItem(Random random, ReadOnlySpan<int> userItems)
    {
        while (true)
        {
            int item = random.Next(_train.ItemCount);
            if (userItems.BinarySearch(item) < 0)
            {
                return item;
            }
        }
    }
}

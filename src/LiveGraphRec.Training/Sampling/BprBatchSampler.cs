using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// Draws an epoch of BPR triples, as many as training edges, in one of two ways (<see cref="TripleSampling"/>):
/// LightGCN-PyTorch's <c>UniformSample_original</c> (a uniformly random user with interactions, then a uniformly
/// random item of theirs) or the official MixGCF loop (every training edge exactly once, in a shuffled order, so
/// users weigh by their degree). Negative candidates are uniform over the items the user has not interacted with.
/// Every epoch has its own seeded generator, so a resumed run draws exactly what an uninterrupted one would.
/// </summary>
public sealed class BprBatchSampler
{
    private readonly BipartiteGraph _train;
    private readonly int[] _activeUsers;
    private readonly int _seed;
    /// <summary>The user of each training edge, in the graph's CSR order (edges sampling only).</summary>
    private readonly int[]? _edgeUsers;

    public BprBatchSampler(BipartiteGraph train, int batchSize, int candidatesPerUser, int mixingLayers, int seed,
        string triples = TripleSampling.Users)
    {
        if (!TripleSampling.All.Contains(triples))
        {
            throw new ArgumentException($"Unknown triple sampling '{triples}'; expected one of {string.Join(", ", TripleSampling.All)}.");
        }
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
        if (triples == TripleSampling.Edges)
        {
            _edgeUsers = new int[train.EdgeCount];
            foreach (int user in _activeUsers)
            {
                _edgeUsers.AsSpan(train.UserOffsets[user], train.UserDegree(user)).Fill(user);
            }
        }
    }

    public int BatchSize { get; }
    public int CandidatesPerUser { get; }
    /// <summary>Mixing weights drawn per user: layers + 1 per negative (MixGCF); 0 when unused.</summary>
    public int MixingLayers { get; }
    public int SamplesPerEpoch => _train.EdgeCount;
    public int BatchesPerEpoch => (SamplesPerEpoch + BatchSize - 1) / BatchSize;

    public IEnumerable<TrainingBatch> Epoch(int epoch)
    {
        // Not HashCode.Combine: .NET randomizes it per process, and a run resumed in a new process must draw
        // the batches an uninterrupted one would.
        var random = new Random(unchecked(_seed * 1_000_003 + epoch));
        int[]? edgeOrder = null;
        if (_edgeUsers is not null)
        {
            edgeOrder = Enumerable.Range(0, SamplesPerEpoch).ToArray();
            random.Shuffle(edgeOrder);
        }
        for (int start = 0, index = 0; start < SamplesPerEpoch; start += BatchSize, index++)
        {
            int size = Math.Min(BatchSize, SamplesPerEpoch - start);
            yield return NextBatch(random, size, edgeOrder is null ? (ArraySegment<int>?)null : new(edgeOrder, start, size)) with { Epoch = epoch, Index = index };
        }
    }

    /// <summary>A batch of <paramref name="size"/> triples; <paramref name="edges"/> are its training edges, or null to draw users.</summary>
    private TrainingBatch NextBatch(Random random, int size, ArraySegment<int>? edges)
    {
        var users = new long[size];
        var positives = new long[size];
        var candidates = new long[size * CandidatesPerUser];
        var mixing = new float[size * MixingLayers];
        for (int b = 0; b < size; b++)
        {
            var (user, positive) = edges is { } batchEdges ? (_edgeUsers![batchEdges[b]], _train.UserItems[batchEdges[b]]) : UniformPair(random);
            ReadOnlySpan<int> items = _train.ItemsOf(user);
            users[b] = user;
            positives[b] = positive;
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

    private (int User, int Item) UniformPair(Random random)
    {
        int user = _activeUsers[random.Next(_activeUsers.Length)];
        ReadOnlySpan<int> items = _train.ItemsOf(user);
        return (user, items[random.Next(items.Length)]);
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

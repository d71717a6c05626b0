namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// K negatives per positive (MixGCF's <c>K</c>), each chosen by the inner sampler from its own group of M candidates
/// and, for MixGCF, its own mixing weights — as the official code calls <c>negative_sampling</c> once per k on
/// <c>neg_item[:, k·n_negs:(k+1)·n_negs]</c>. Rows come out grouped by user ([batch·K, d]), which the K-pair loss
/// (<see cref="Objectives.BprLoss"/>) reads as each user's K negatives.
/// </summary>
public sealed class MultiNegativeSampler : INegativeSampler
{
    private readonly INegativeSampler _inner;
    private readonly int _negatives;

    public MultiNegativeSampler(INegativeSampler inner, int negatives)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(negatives, 2);
        _inner = inner;
        _negatives = negatives;
    }

    public string Name => _inner.Name;
    public int CandidatesPerUser => _inner.CandidatesPerUser * _negatives;

    public NegativeEmbeddings Select(TrainingBatch batch, ModelView model)
    {
        var finals = new List<Tensor>(_negatives);
        var egos = new List<Tensor>(_negatives);
        for (int k = 0; k < _negatives; k++)
        {
            NegativeEmbeddings group = _inner.Select(Group(batch, k), model);
            finals.Add(group.Final);
            egos.Add(group.Ego);
        }
        return new NegativeEmbeddings(Interleave(finals), Interleave(egos));
    }

    /// <summary>The batch as the inner sampler sees it for negative k: the k-th slice of each user's candidates and mixing weights.</summary>
    private TrainingBatch Group(TrainingBatch batch, int k) => batch with
    {
        Candidates = Slice(batch.Candidates, batch.Size, k),
        CandidatesPerUser = _inner.CandidatesPerUser,
        MixingWeights = Slice(batch.MixingWeights, batch.Size, k),
    };

    private T[] Slice<T>(T[] perUser, int users, int k)
    {
        int width = perUser.Length / users / _negatives;
        var slice = new T[users * width];
        for (int b = 0; b < users; b++)
        {
            Array.Copy(perUser, (b * _negatives + k) * width, slice, b * width, width);
        }
        return slice;
    }

    /// <summary>K tensors [batch, d] → [batch·K, d] with each user's K rows together.</summary>
    private static Tensor Interleave(List<Tensor> groups)
    {
        var stacked = stack(groups, 1);
        return stacked.view(-1, stacked.shape[2]);
    }
}

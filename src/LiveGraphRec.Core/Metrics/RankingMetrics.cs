namespace LiveGraphRec.Core.Metrics;

/// <summary>
/// Accumulates recall, precision, NDCG and hit rate at several cutoffs with the definitions of
/// LightGCN-PyTorch (<c>utils.RecallPrecision_ATk</c>, <c>utils.NDCGatK_r</c>): recall = hits/|test|,
/// precision = hits/K, NDCG = DCG/IDCG with DCG = Σ over hit ranks r (0-based) of 1/log2(r+2) and
/// IDCG = Σ over r &lt; min(|test|, K) of 1/log2(r+2); hit rate = 1 when any of the top K is a test item.
/// Not thread-safe: give each worker its own instance and <see cref="Merge"/> them.
/// </summary>
public sealed class RankingMetrics
{
    private readonly int[] _ks;
    /// <summary>_idealDcg[n] = Σ_{r &lt; n} 1/log2(r+2); also the discount table, as differences.</summary>
    private readonly double[] _idealDcg;
    private readonly double[] _recall, _precision, _ndcg, _hits;

    /// <param name="ks">Cutoffs, any order; duplicates are merged.</param>
    public RankingMetrics(ReadOnlySpan<int> ks)
    {
        _ks = [.. ks.ToArray().Distinct().Order()];
        if (_ks.Length == 0 || _ks[0] <= 0)
        {
            throw new ArgumentException("Give at least one cutoff, all positive.", nameof(ks));
        }
        _idealDcg = new double[MaxK + 1];
        for (int r = 0; r < MaxK; r++)
        {
            _idealDcg[r + 1] = _idealDcg[r] + 1.0 / Math.Log2(r + 2);
        }
        _recall = new double[_ks.Length];
        _precision = new double[_ks.Length];
        _ndcg = new double[_ks.Length];
        _hits = new double[_ks.Length];
    }

    public int MaxK => _ks[^1];
    public int TestUsers { get; private set; }
    public IReadOnlyList<int> Ks => _ks;

    /// <summary>
    /// Adds one user. <paramref name="topItems"/> is the ranking, best first, of at least <see cref="MaxK"/>
    /// entries or shorter when fewer items were rankable (entries that are not items, such as -1 padding,
    /// never hit). A user with no test items is not a test user and is ignored, as in LightGCN.
    /// </summary>
    public void Accumulate(ReadOnlySpan<int> topItems, ReadOnlySpan<int> sortedTestItems)
    {
        if (sortedTestItems.IsEmpty)
        {
            return;
        }
        TestUsers++;
        int hits = 0, cut = 0;
        double dcg = 0;
        for (int rank = 0; rank < MaxK; rank++)
        {
            if (rank < topItems.Length && sortedTestItems.BinarySearch(topItems[rank]) >= 0)
            {
                hits++;
                dcg += _idealDcg[rank + 1] - _idealDcg[rank];
            }
            for (; cut < _ks.Length && _ks[cut] == rank + 1; cut++)
            {
                int k = _ks[cut];
                _recall[cut] += (double)hits / sortedTestItems.Length;
                _precision[cut] += (double)hits / k;
                _ndcg[cut] += dcg / _idealDcg[Math.Min(sortedTestItems.Length, k)];
                _hits[cut] += hits > 0 ? 1 : 0;
            }
        }
    }

    /// <summary>Adds another accumulator's sums (same cutoffs) into this one.</summary>
    public void Merge(RankingMetrics other)
    {
        if (!_ks.AsSpan().SequenceEqual(other._ks))
        {
            throw new ArgumentException("Accumulators with different cutoffs cannot be merged.", nameof(other));
        }
        TestUsers += other.TestUsers;
        for (int i = 0; i < _ks.Length; i++)
        {
            _recall[i] += other._recall[i];
            _precision[i] += other._precision[i];
            _ndcg[i] += other._ndcg[i];
            _hits[i] += other._hits[i];
        }
    }

    /// <summary>Averages over the test users seen so far (all zero when there were none).</summary>
    public MetricsReport ToReport()
    {
        double users = Math.Max(TestUsers, 1);
        var byK = new MetricsAtK[_ks.Length];
        for (int i = 0; i < _ks.Length; i++)
        {
            byK[i] = new MetricsAtK(_ks[i], _recall[i] / users, _precision[i] / users, _ndcg[i] / users, _hits[i] / users);
        }
        return new MetricsReport(TestUsers, byK);
    }
}

namespace LiveGraphRec.Prequential;

/// <summary>
/// The bookkeeping of a prequential (test-then-learn) run: each scored event adds its rank to the whole
/// stream, to its window of <see cref="WindowSize"/> scored events, and, when its user had fewer than
/// <see cref="ColdThreshold"/> events before it, to the cold-start slice.
/// </summary>
public sealed class PrequentialScorer
{
    private readonly List<PrequentialMetrics> _windows = [];

    public PrequentialScorer(int k, int windowSize, int coldThreshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(coldThreshold);
        K = k;
        WindowSize = windowSize;
        ColdThreshold = coldThreshold;
    }

    public int K { get; }
    public int WindowSize { get; }
    /// <summary>A user with fewer prior events than this is cold.</summary>
    public int ColdThreshold { get; }
    public PrequentialMetrics Overall { get; private set; }
    public PrequentialMetrics Cold { get; private set; }
    /// <summary>Consecutive windows of scored events in stream order; the last may be partial.</summary>
    public IReadOnlyList<PrequentialMetrics> Windows => _windows;

    /// <summary>The 0-based rank of <paramref name="item"/> in <paramref name="topK"/> (its first K entries), or -1.</summary>
    public int RankOf(int item, IReadOnlyList<int> topK)
    {
        int count = Math.Min(K, topK.Count);
        for (int rank = 0; rank < count; rank++)
        {
            if (topK[rank] == item)
            {
                return rank;
            }
        }
        return -1;
    }

    /// <param name="rank">0-based rank of the event's item in the top K, or -1 for a miss.</param>
    /// <param name="priorUserEvents">How many events the user had before this one (training prefix included).</param>
    public void Record(int rank, int priorUserEvents)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(rank, K);
        ArgumentOutOfRangeException.ThrowIfNegative(priorUserEvents);
        Overall = Overall.Add(rank);
        if (priorUserEvents < ColdThreshold)
        {
            Cold = Cold.Add(rank);
        }
        if (_windows.Count == 0 || _windows[^1].Events == WindowSize)
        {
            _windows.Add(default);
        }
        _windows[^1] = _windows[^1].Add(rank);
    }
}

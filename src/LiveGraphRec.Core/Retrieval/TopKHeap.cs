namespace LiveGraphRec.Core.Retrieval;

/// <summary>
/// A fixed-capacity min-heap of (item, score) over caller storage whose root is the worst kept entry.
/// "Worse" means a lower score, or an equal score and a larger item index, so results are deterministic.
/// </summary>
internal ref struct TopKHeap
{
    private readonly Span<int> _items;
    private readonly Span<float> _scores;

    public TopKHeap(Span<int> items, Span<float> scores)
    {
        if (scores.Length < items.Length)
        {
            throw new ArgumentException($"The score span ({scores.Length}) is shorter than the item span ({items.Length}).", nameof(scores));
        }
        _items = items;
        _scores = scores;
    }

    public int Count { get; private set; }
    public readonly int Capacity => _items.Length;
    public readonly bool IsFull => Count == _items.Length;

    /// <summary>The score an item must beat to enter a full heap.</summary>
    public readonly float RootScore => _scores[0];

    public void Push(int item, float score)
    {
        int child = Count++;
        while (child > 0)
        {
            int parent = (child - 1) >> 1;
            if (!IsWorse(score, item, _scores[parent], _items[parent]))
            {
                break;
            }
            _items[child] = _items[parent];
            _scores[child] = _scores[parent];
            child = parent;
        }
        _items[child] = item;
        _scores[child] = score;
    }

    /// <summary>Replaces the worst entry; the caller has checked that the new one is better.</summary>
    public readonly void ReplaceRoot(int item, float score) => SiftDown(item, score, Count);

    /// <summary>Heap-sorts in place so entries run from best to worst, and returns how many there are.</summary>
    public readonly int SortDescending()
    {
        // Moving the worst entry to the end of the shrinking heap leaves the best at index 0.
        for (int last = Count - 1; last > 0; last--)
        {
            int worstItem = _items[0];
            float worstScore = _scores[0];
            SiftDown(_items[last], _scores[last], last);
            _items[last] = worstItem;
            _scores[last] = worstScore;
        }
        return Count;
    }

    private readonly void SiftDown(int item, float score, int count)
    {
        int parent = 0;
        while (true)
        {
            int child = 2 * parent + 1;
            if (child >= count)
            {
                break;
            }
            if (child + 1 < count && IsWorse(_scores[child + 1], _items[child + 1], _scores[child], _items[child]))
            {
                child++;
            }
            if (!IsWorse(_scores[child], _items[child], score, item))
            {
                break;
            }
            _items[parent] = _items[child];
            _scores[parent] = _scores[child];
            parent = child;
        }
        _items[parent] = item;
        _scores[parent] = score;
    }

    private static bool IsWorse(float score, int item, float otherScore, int otherItem) =>
        score < otherScore || (score == otherScore && item > otherItem);
}

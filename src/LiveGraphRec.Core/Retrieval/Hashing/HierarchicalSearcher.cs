using System.Numerics.Tensors;

namespace LiveGraphRec.Core.Retrieval.Hashing;

/// <summary>
/// HashGNN's hierarchical search: the Hamming scan shortlists <see cref="Candidates"/> items by their codes,
/// then the real-valued embeddings re-rank only those exactly. Not safe to share between threads.
/// </summary>
public sealed class HierarchicalSearcher
{
    private readonly HammingSearcher _hamming;
    private readonly int[] _shortlist;

    public HierarchicalSearcher(BinaryCodes codes, EmbeddingMatrix items, int candidates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(candidates, 1);
        if (codes.Rows != items.Rows)
        {
            throw new ArgumentException($"{codes.Rows} codes but {items.Rows} item embeddings.", nameof(items));
        }
        _hamming = new HammingSearcher(codes);
        _shortlist = new int[Math.Min(candidates, codes.Rows)];
        Items = items;
    }

    public EmbeddingMatrix Items { get; }
    public int Candidates => _shortlist.Length;

    /// <summary>
    /// Writes the best <c>topItems.Length</c> shortlisted items by dot product with <paramref name="queryVector"/>,
    /// best first (ties to the smaller index), and returns how many were written.
    /// </summary>
    public int Search(ReadOnlySpan<ulong> queryCode, ReadOnlySpan<float> queryVector, ReadOnlySpan<int> excludedSorted,
        Span<int> topItems, Span<float> topScores)
    {
        if (queryVector.Length != Items.Dim)
        {
            throw new ArgumentException($"The query has {queryVector.Length} dimensions; the items have {Items.Dim}.", nameof(queryVector));
        }
        int found = _hamming.Search(queryCode, excludedSorted, _shortlist);
        var heap = new TopKHeap(topItems, topScores);
        if (heap.Capacity == 0)
        {
            return 0;
        }
        foreach (int item in _shortlist.AsSpan(0, found))
        {
            float score = TensorPrimitives.Dot(queryVector, Items.Row(item));
            if (!heap.IsFull)
            {
                heap.Push(item, score);
            }
            else if (score > heap.RootScore || (score == heap.RootScore && item < topItems[0]))
            {
                heap.ReplaceRoot(item, score);
            }
        }
        return heap.SortDescending();
    }
}

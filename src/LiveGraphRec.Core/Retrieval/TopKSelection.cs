namespace LiveGraphRec.Core.Retrieval;

/// <summary>Partial selection of the K best-scoring items from a score row, skipping excluded items.</summary>
public static class TopKSelection
{
    /// <summary>
    /// Writes the best <c>topItems.Length</c> items of <paramref name="scores"/> (item index = position),
    /// sorted by score descending with ties going to the smaller index, and returns how many were written
    /// (fewer than K only when fewer items remain after exclusion). Excluded items are skipped, never
    /// ranked, so they cannot fill up a short list the way a -inf score would.
    /// </summary>
    /// <param name="excludedSorted">Item indices to leave out, ascending (e.g. <c>graph.ItemsOf(user)</c>).</param>
    /// <param name="topScores">Receives the scores; at least as long as <paramref name="topItems"/>.</param>
    public static int Select(ReadOnlySpan<float> scores, ReadOnlySpan<int> excludedSorted, Span<int> topItems, Span<float> topScores)
    {
        var heap = new TopKHeap(topItems, topScores);
        if (heap.Capacity == 0)
        {
            return 0;
        }
        int start = 0;
        foreach (int excluded in excludedSorted)
        {
            int end = Math.Min(excluded, scores.Length);
            OfferRange(ref heap, scores, start, end);
            start = Math.Max(start, end + 1);
        }
        OfferRange(ref heap, scores, start, scores.Length);
        return heap.SortDescending();
    }

    private static void OfferRange(ref TopKHeap heap, ReadOnlySpan<float> scores, int start, int end)
    {
        int item = start;
        for (; item < end && !heap.IsFull; item++)
        {
            heap.Push(item, scores[item]);
        }
        // Items arrive in ascending order, so a score equal to the root's loses the tie: only a
        // strictly greater score can enter, and the vector scan skips everything else.
        while (item < end)
        {
            int offset = ThresholdScan.IndexOfFirstGreater(scores[item..end], heap.RootScore);
            if (offset < 0)
            {
                return;
            }
            item += offset;
            heap.ReplaceRoot(item, scores[item]);
            item++;
        }
    }
}

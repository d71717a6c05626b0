namespace LiveGraphRec.Prequential.Baselines;

internal static class TopK
{
    /// <summary>The <paramref name="count"/> best-scored items, best first; ties go to the lower item index.</summary>
    public static List<int> Select(IEnumerable<(int Item, double Score)> scored, int count)
    {
        // A min-heap of the kept entries: its root is the worst (lowest score, then highest index).
        var kept = new PriorityQueue<int, (double Score, int NegatedItem)>(count + 1);
        foreach (var (item, score) in scored)
        {
            var priority = (score, -item);
            if (kept.Count < count)
            {
                kept.Enqueue(item, priority);
            }
            else if (kept.TryPeek(out _, out var worst) && priority.CompareTo(worst) > 0)
            {
                kept.EnqueueDequeue(item, priority);
            }
        }
        var best = new List<int>(kept.Count);
        while (kept.Count > 0)
        {
            best.Add(kept.Dequeue());
        }
        best.Reverse();
        return best;
    }
}

using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace LiveGraphRec.Core.Retrieval.Hashing;

/// <summary>
/// Hamming-ranked retrieval over a code catalog: the N rows nearest to a query code, nearest first, ties to the
/// smaller row. Distances take at most Bits + 1 values, so selection is a counting sort — one histogram pass to
/// find the cut-off distance, one vectorized pass collecting rows at or below it — with no comparisons and no
/// heap. Owns its buffers, so a call allocates nothing and one instance is not safe to share between threads.
/// </summary>
public sealed class HammingSearcher(BinaryCodes codes)
{
    private readonly ushort[] _distances = new ushort[codes.Rows];
    private readonly int[] _histogram = new int[codes.Bits + 2];
    private readonly int[] _next = new int[codes.Bits + 2];

    public BinaryCodes Codes { get; } = codes;

    /// <summary>
    /// Writes the <c>nearest.Length</c> rows closest to <paramref name="query"/> that are not in
    /// <paramref name="excludedSorted"/>, nearest first, and returns how many were written.
    /// </summary>
    public int Search(ReadOnlySpan<ulong> query, ReadOnlySpan<int> excludedSorted, Span<int> nearest)
    {
        HammingDistances.Compute(query, Codes, _distances);
        // Excluded rows get a distance no code can have and are never collected.
        ushort excludedMark = (ushort)(Codes.Bits + 1);
        foreach (int row in excludedSorted)
        {
            if ((uint)row < (uint)_distances.Length)
            {
                _distances[row] = excludedMark;
            }
        }
        return Select(_distances, Codes.Bits, nearest);
    }

    private int Select(ReadOnlySpan<ushort> distances, int maxDistance, Span<int> nearest)
    {
        Span<int> histogram = _histogram;
        histogram.Clear();
        foreach (ushort d in distances)
        {
            histogram[d]++;
        }
        // Cut-off: the smallest distance t with at least N rows at or below it (or every rankable row).
        int wanted = nearest.Length, below = 0, cutoff = 0;
        for (; cutoff < maxDistance && below + histogram[cutoff] < wanted; cutoff++)
        {
            below += histogram[cutoff];
        }
        int takeAtCutoff = Math.Min(histogram[cutoff], wanted - below);
        int count = below + takeAtCutoff;
        // Rows arrive in index order and go to their distance's next slot: a stable counting sort by (distance, row).
        Span<int> next = _next;
        for (int d = 0, start = 0; d <= cutoff; d++)
        {
            next[d] = start;
            start += histogram[d];
        }
        int cutoffEnd = count, remaining = count;
        ref ushort first = ref MemoryMarshal.GetReference(distances);
        int length = distances.Length, r = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var bound = Vector512.Create((ushort)cutoff);
            for (; r + Vector512<ushort>.Count <= length && remaining > 0; r += Vector512<ushort>.Count)
            {
                ulong mask = Vector512.LessThanOrEqual(Vector512.LoadUnsafe(ref first, (nuint)r), bound).ExtractMostSignificantBits();
                for (; mask != 0; mask &= mask - 1)
                {
                    int row = r + BitOperations.TrailingZeroCount(mask);
                    remaining -= Place(distances[row], row, cutoff, cutoffEnd, next, nearest);
                }
            }
        }
        for (; r < length && remaining > 0; r++)
        {
            if (distances[r] <= cutoff)
            {
                remaining -= Place(distances[r], r, cutoff, cutoffEnd, next, nearest);
            }
        }
        return count;
    }

    /// <summary>Stores a row in its distance's next slot; rows at the cut-off beyond its share are skipped (returns 0).</summary>
    private static int Place(int distance, int row, int cutoff, int cutoffEnd, Span<int> next, Span<int> nearest)
    {
        if (distance == cutoff && next[cutoff] == cutoffEnd)
        {
            return 0;
        }
        nearest[next[distance]++] = row;
        return 1;
    }
}

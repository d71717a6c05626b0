using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Core.Tests.Retrieval;

/// <summary>Seeded test embeddings and the naive ranking every fast path must match.</summary>
internal static class RandomEmbeddings
{
    /// <summary>
    /// Small integers: every dot product is exact in float whatever the summation order, so different
    /// kernels give bit-identical scores, and the narrow range produces many ties.
    /// </summary>
    public static EmbeddingMatrix SmallIntegers(Random random, int rows, int dim) =>
        new(rows, dim, [.. Enumerable.Range(0, rows * dim).Select(_ => (float)random.Next(-2, 3))]);

    public static EmbeddingMatrix Gaussian(Random random, int rows, int dim) =>
        new(rows, dim, [.. Enumerable.Range(0, rows * dim).Select(_ => (float)(random.NextDouble() * 2 - 1))]);

    /// <summary>Ascending, distinct item indices, each kept with probability <paramref name="share"/>.</summary>
    public static int[] SortedSubset(Random random, int itemCount, double share) =>
        [.. Enumerable.Range(0, itemCount).Where(_ => random.NextDouble() < share)];

    /// <summary>Full sort: score descending, then item ascending.</summary>
    public static (int Item, float Score)[] NaiveTopK(float[] scores, ReadOnlySpan<int> excluded, int k)
    {
        var skip = excluded.ToArray().ToHashSet();
        return [.. scores.Select((score, item) => (Item: item, Score: score))
            .Where(x => !skip.Contains(x.Item))
            .OrderByDescending(x => x.Score).ThenBy(x => x.Item)
            .Take(k)];
    }
}

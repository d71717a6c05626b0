using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Core.Tests.Retrieval;

public sealed class BatchRankerTests
{
    [Theory]
    [InlineData(7, 20, 1)]
    [InlineData(16, 5, 2)]
    [InlineData(64, 20, 2)]
    [InlineData(65, 10, 3)]
    public void EqualsPerUserTopK(int dim, int k, int workers)
    {
        var random = new Random(dim + k);
        // 150 users: two full blocks and a partial one not a multiple of the user tile; 203 items: a partial item tile.
        EmbeddingMatrix users = RandomEmbeddings.SmallIntegers(random, 150, dim);
        EmbeddingMatrix items = RandomEmbeddings.SmallIntegers(random, 203, dim);
        int[][] excluded = [.. Enumerable.Range(0, users.Rows).Select(_ => RandomEmbeddings.SortedSubset(random, items.Rows, 0.1))];

        int[] batched = new BatchRanker(items, workers).Rank(users, u => excluded[u], k);

        var scorer = new TopKScorer(items);
        var top = new int[k];
        var scores = new float[k];
        for (int u = 0; u < users.Rows; u++)
        {
            int found = scorer.Score(users.Row(u), excluded[u], top, scores);
            Assert.Equal(top[..found], batched.AsSpan(u * k, found).ToArray());
        }
    }

    [Fact]
    public void PadsShortListsWithMinusOne()
    {
        var items = new EmbeddingMatrix(3, 1, [1, 2, 3]);
        var users = new EmbeddingMatrix(2, 1, [1, -1]);

        int[] top = new BatchRanker(items).Rank(users, u => u == 0 ? [2] : [], 3);

        // User 0 scores items as 1, 2, 3 with item 2 excluded; user 1 scores them -1, -2, -3.
        Assert.Equal([1, 0, -1, 0, 1, 2], top);
    }

    [Fact]
    public void RanksEveryItemWithoutExclusions()
    {
        var random = new Random(3);
        EmbeddingMatrix items = RandomEmbeddings.SmallIntegers(random, 40, 8);
        EmbeddingMatrix users = RandomEmbeddings.SmallIntegers(random, 5, 8);

        int[] top = new BatchRanker(items).Rank(users, null, 40);

        for (int u = 0; u < users.Rows; u++)
        {
            Assert.Equal(Enumerable.Range(0, 40), top.AsSpan(u * 40, 40).ToArray().Order());
        }
    }
}

using System.Numerics.Tensors;
using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Core.Tests.Retrieval;

public sealed class TopKScorerTests
{
    public static TheoryData<int, int> DimsAndKs => new()
    {
        { 7, 1 }, { 7, 20 }, { 16, 5 }, { 16, 20 }, { 64, 20 }, { 64, 50 }, { 65, 3 }, { 65, 20 },
    };

    [Theory]
    [MemberData(nameof(DimsAndKs))]
    public void MatchesNaiveSortWithTiesAndExclusions(int dim, int k)
    {
        var random = new Random(dim * 100 + k);
        // Small-integer embeddings: many exactly equal scores, so the index tie-break is exercised.
        EmbeddingMatrix items = RandomEmbeddings.SmallIntegers(random, 517, dim);
        var scorer = new TopKScorer(items);
        for (int trial = 0; trial < 5; trial++)
        {
            float[] user = [.. RandomEmbeddings.SmallIntegers(random, 1, dim).Values];
            int[] excluded = RandomEmbeddings.SortedSubset(random, items.Rows, 0.1);
            AssertMatchesNaive(scorer, user, excluded, k);
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(65)]
    public void MatchesNaiveSortOnContinuousScores(int dim)
    {
        var random = new Random(dim);
        EmbeddingMatrix items = RandomEmbeddings.Gaussian(random, 1000, dim);
        float[] user = [.. RandomEmbeddings.Gaussian(random, 1, dim).Values];
        AssertMatchesNaive(new TopKScorer(items), user, RandomEmbeddings.SortedSubset(random, items.Rows, 0.03), 20);
    }

    [Fact]
    public void IdenticalItemsRankBySmallerIndexFirst()
    {
        // Items 0..9 all score 1 except item 6 (score 2); excluding 2: top-4 = [6, 0, 1, 3].
        float[] data = [.. Enumerable.Repeat(1f, 10)];
        data[6] = 2;
        var scorer = new TopKScorer(new EmbeddingMatrix(10, 1, data));
        var top = new int[4];
        var scores = new float[4];

        int found = scorer.Score([1f], [2], top, scores);

        Assert.Equal(4, found);
        Assert.Equal([6, 0, 1, 3], top);
        Assert.Equal([2f, 1f, 1f, 1f], scores);
    }

    [Fact]
    public void ReturnsFewerWhenExclusionsLeaveLessThanK()
    {
        var scorer = new TopKScorer(new EmbeddingMatrix(5, 1, [5, 4, 3, 2, 1]));
        var top = new int[4];
        var scores = new float[4];

        int found = scorer.Score([1f], [0, 2, 3], top, scores);

        Assert.Equal(2, found);
        Assert.Equal([1, 4], top[..found]);
    }

    [Fact]
    public void KOfZeroWritesNothing() =>
        Assert.Equal(0, new TopKScorer(new EmbeddingMatrix(3, 1, [1, 2, 3])).Score([1f], [], [], []));

    [Fact]
    public void ScoringAllocatesNothingAfterWarmUp()
    {
        var random = new Random(7);
        EmbeddingMatrix items = RandomEmbeddings.Gaussian(random, 4096, 64);
        float[] user = [.. RandomEmbeddings.Gaussian(random, 1, 64).Values];
        int[] excluded = RandomEmbeddings.SortedSubset(random, items.Rows, 0.01);
        var scorer = new TopKScorer(items);
        var top = new int[20];
        var scores = new float[20];
        scorer.Score(user, excluded, top, scores);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            scorer.Score(user, excluded, top, scores);
        }
        long after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(0, after - before);
    }

    private static void AssertMatchesNaive(TopKScorer scorer, float[] user, int[] excluded, int k)
    {
        EmbeddingMatrix items = scorer.Items;
        float[] all = [.. Enumerable.Range(0, items.Rows).Select(i => TensorPrimitives.Dot(user, items.Row(i)))];
        var expected = RandomEmbeddings.NaiveTopK(all, excluded, k);
        var top = new int[k];
        var scores = new float[k];

        int found = scorer.Score(user, excluded, top, scores);

        Assert.Equal(expected.Length, found);
        Assert.Equal(expected.Select(x => x.Item), top[..found]);
        // The scorer sums in another order than the reference dot product: equal to rounding (exactly, for integers).
        for (int r = 0; r < found; r++)
        {
            Assert.Equal(expected[r].Score, scores[r], tolerance: 1e-5f * Math.Max(1f, Math.Abs(expected[r].Score)));
        }
    }
}

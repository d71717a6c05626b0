using System.Numerics.Tensors;
using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Core.Tests.Retrieval;

public sealed class PackedItemTilesTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 33)]
    [InlineData(64, 517)]
    [InlineData(65, 100)]
    public void OneUsersScoresEqualTheDotProductOfEveryRowAndPaddingScoresZero(int dim, int rows)
    {
        var random = new Random(dim * 1000 + rows);
        EmbeddingMatrix items = RandomEmbeddings.Gaussian(random, rows, dim);
        float[] user = [.. RandomEmbeddings.Gaussian(random, 1, dim).Values];
        var tiles = new PackedItemTiles(items);
        var scores = new float[tiles.PaddedItemCount];
        scores.AsSpan().Fill(float.NaN);

        tiles.Score(user, scores);

        for (int item = 0; item < rows; item++)
        {
            float expected = TensorPrimitives.Dot(user, items.Row(item));
            Assert.Equal(expected, scores[item], tolerance: 1e-5f * Math.Max(1f, Math.Abs(expected)));
        }
        Assert.All(scores[rows..], score => Assert.Equal(0f, score));
    }

    [Fact]
    public void ARowSetOnACloneChangesTheCloneOnly()
    {
        var tiles = new PackedItemTiles(new EmbeddingMatrix(3, 2, [1, 0, 0, 1, 1, 1]));
        PackedItemTiles clone = tiles.Clone(itemCount: 3);

        clone.SetRow(1, [5f, 7f]);

        Assert.Equal([1f, 12f, 2f], Scores(clone, [1f, 1f]));
        Assert.Equal([1f, 1f, 2f], Scores(tiles, [1f, 1f]));
    }

    [Fact]
    public void ALargerCloneKeepsEveryRowAndScoresNewRowsZeroUntilSet()
    {
        // 40 rows cross a tile boundary (tiles of 2 vectors) on every vector width.
        var random = new Random(5);
        EmbeddingMatrix items = RandomEmbeddings.Gaussian(random, 40, 3);
        float[] user = [1f, -2f, 0.5f];
        var tiles = new PackedItemTiles(items);

        PackedItemTiles grown = tiles.Clone(itemCount: 75);
        float[] before = Scores(grown, user);
        grown.SetRow(74, [1f, 1f, 1f]);

        Assert.Equal(Scores(tiles, user), before[..40]);
        Assert.All(before[40..], score => Assert.Equal(0f, score));
        Assert.Equal(-0.5f, Scores(grown, user)[74], tolerance: 1e-6f);
    }

    [Fact]
    public void AUserOfAnotherDimensionIsRefused()
    {
        var tiles = new PackedItemTiles(new EmbeddingMatrix(2, 3, new float[6]));
        Assert.Throws<ArgumentException>(() => tiles.Score([1f, 2f], new float[tiles.PaddedItemCount]));
    }

    private static float[] Scores(PackedItemTiles tiles, float[] user)
    {
        var scores = new float[tiles.PaddedItemCount];
        tiles.Score(user, scores);
        return scores[..tiles.ItemCount];
    }
}

using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Core.Tests.Propagation;

public sealed class LightGcnPropagationTests
{
    [Theory]
    [InlineData(5)]  // not a multiple of the vector width: the TensorPrimitives path
    [InlineData(24)] // whole vectors, fewer than a register block
    [InlineData(72)] // a full register block plus single vectors
    public void MatchesDenseNormalizedAdjacencyPowers(int dim)
    {
        const int users = 9, items = 7, layers = 3;
        var random = new Random(3);
        var edges = Enumerable.Range(0, 30).Select(_ => new Interaction(random.Next(users), random.Next(items), 0)).ToArray();
        var graph = BipartiteGraph.Build(users, items, edges);
        float[] userEgo = RandomMatrix(random, users * dim), itemEgo = RandomMatrix(random, items * dim);
        float[] userFinal = new float[users * dim], itemFinal = new float[items * dim];

        LightGcnPropagation.Propagate(graph, userEgo, itemEgo, dim, layers, userFinal, itemFinal);

        // Reference: the (users+items)² symmetric matrix D^-1/2 A D^-1/2, dense, in doubles.
        int n = users + items;
        var a = new double[n, n];
        foreach (var e in edges)
        {
            a[e.User, users + e.Item] = a[users + e.Item, e.User] = 1;
        }
        var degree = Enumerable.Range(0, n).Select(r => Enumerable.Range(0, n).Sum(c => a[r, c])).ToArray();
        var layer = new double[n, dim];
        var sum = new double[n, dim];
        for (int r = 0; r < n; r++)
        {
            for (int d = 0; d < dim; d++)
            {
                layer[r, d] = sum[r, d] = r < users ? userEgo[r * dim + d] : itemEgo[(r - users) * dim + d];
            }
        }
        for (int k = 0; k < layers; k++)
        {
            var next = new double[n, dim];
            for (int r = 0; r < n; r++)
            {
                for (int c = 0; c < n; c++)
                {
                    if (a[r, c] == 0) continue;
                    double w = 1 / Math.Sqrt(degree[r] * degree[c]);
                    for (int d = 0; d < dim; d++) next[r, d] += w * layer[c, d];
                }
            }
            layer = next;
            for (int r = 0; r < n; r++) for (int d = 0; d < dim; d++) sum[r, d] += layer[r, d];
        }
        for (int r = 0; r < n; r++)
        {
            for (int d = 0; d < dim; d++)
            {
                float actual = r < users ? userFinal[r * dim + d] : itemFinal[(r - users) * dim + d];
                Assert.Equal(sum[r, d] / (layers + 1), actual, tolerance: 1e-5);
            }
        }
    }

    [Fact]
    public void ZeroLayersReturnsTheEgoEmbeddings()
    {
        var graph = BipartiteGraph.Build(1, 1, [new Interaction(0, 0, 0)]);
        float[] userFinal = new float[2], itemFinal = new float[2];
        LightGcnPropagation.Propagate(graph, [1, 2], [3, 4], 2, 0, userFinal, itemFinal);
        Assert.Equal([1f, 2f], userFinal);
        Assert.Equal([3f, 4f], itemFinal);
    }

    [Fact]
    public void RejectsMismatchedShapes()
    {
        var graph = BipartiteGraph.Build(2, 1, [new Interaction(0, 0, 0)]);
        var error = Assert.Throws<ArgumentException>(() =>
            LightGcnPropagation.Propagate(graph, new float[3], new float[2], 2, 1, new float[4], new float[2]));
        Assert.Contains("expected 2 × 2", error.Message);
    }

    private static float[] RandomMatrix(Random random, int length) =>
        Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}

using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Core.Tests.Graph;

public sealed class BipartiteGraphTests
{
    private static readonly Interaction[] Edges =
    [
        new(0, 2, 0), new(0, 0, 0), new(1, 2, 0), new(0, 2, 5), // (0,2) repeated
        new(2, 1, 0), new(1, 0, 0),
    ];

    [Fact]
    public void BuildsSortedDeduplicatedRowsInBothDirections()
    {
        var graph = BipartiteGraph.Build(userCount: 4, itemCount: 3, Edges);

        Assert.Equal(5, graph.EdgeCount);
        Assert.Equal(1, graph.DuplicatesRemoved);
        Assert.Equal([0, 2], graph.ItemsOf(0).ToArray());
        Assert.Equal([0, 2], graph.ItemsOf(1).ToArray());
        Assert.Equal([1], graph.ItemsOf(2).ToArray());
        Assert.Empty(graph.ItemsOf(3).ToArray());
        Assert.Equal([0, 1], graph.UsersOf(0).ToArray());
        Assert.Equal([2], graph.UsersOf(1).ToArray());
        Assert.Equal([0, 1], graph.UsersOf(2).ToArray());
        Assert.True(graph.HasEdge(2, 1));
        Assert.False(graph.HasEdge(2, 0));
    }

    [Fact]
    public void StoresSymmetricNormalizationBesideEachEdge()
    {
        var graph = BipartiteGraph.Build(4, 3, Edges);

        // user 0 has degree 2, item 2 has degree 2 → 1/sqrt(4); user 2 (deg 1), item 1 (deg 1) → 1.
        Assert.Equal(0.5f, graph.UserEdgeWeights[graph.UserOffsets[0] + 1], 6);
        Assert.Equal(1f, graph.UserEdgeWeights[graph.UserOffsets[2]], 6);
        for (int i = 0; i < graph.ItemCount; i++)
        {
            ReadOnlySpan<int> users = graph.UsersOf(i);
            for (int k = 0; k < users.Length; k++)
            {
                float expected = 1f / MathF.Sqrt(graph.UserDegree(users[k]) * graph.ItemDegree(i));
                Assert.Equal(expected, graph.ItemEdgeWeights[graph.ItemOffsets[i] + k], 6);
            }
        }
    }

    [Fact]
    public void RejectsInteractionsOutsideTheDeclaredShape()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BipartiteGraph.Build(2, 2, [new Interaction(0, 2, 0)]));
        Assert.Contains("(0, 2)", error.Message);
    }
}

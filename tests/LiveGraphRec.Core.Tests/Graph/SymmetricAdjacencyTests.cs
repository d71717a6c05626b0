using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Core.Tests.Graph;

public sealed class SymmetricAdjacencyTests
{
    [Fact]
    public void HoldsEachEdgeInBothDirectionsWithTheSameWeight()
    {
        var graph = BipartiteGraph.Build(3, 2, [new Interaction(0, 1, 0), new Interaction(1, 1, 0), new Interaction(2, 0, 0), new Interaction(0, 0, 0)]);

        var adjacency = SymmetricAdjacency.From(graph);

        Assert.Equal(5, adjacency.NodeCount);
        Assert.Equal(8, adjacency.NonZeros);
        var entries = new Dictionary<(int Row, int Column), float>();
        for (int r = 0; r < adjacency.NodeCount; r++)
        {
            for (int k = adjacency.Offsets[r]; k < adjacency.Offsets[r + 1]; k++)
            {
                entries[(r, adjacency.Columns[k])] = adjacency.Weights[k];
            }
        }
        foreach (var ((row, column), weight) in entries)
        {
            Assert.Equal(weight, entries[(column, row)]);
        }
        // user 0 (degree 2) – item 1 = node 4 (degree 2): 1/sqrt(4).
        Assert.Equal(0.5f, entries[(0, 4)], 6);
        // user 2 (degree 1) – item 0 = node 3 (degree 2): 1/sqrt(2).
        Assert.Equal(1 / MathF.Sqrt(2), entries[(2, 3)], 6);
    }
}

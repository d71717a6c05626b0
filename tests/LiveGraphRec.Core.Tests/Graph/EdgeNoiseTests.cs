using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Core.Tests.Graph;

public sealed class EdgeNoiseTests
{
    [Fact]
    public void AddsTheRequestedShareOfNewEdgesAndKeepsTheOldOnes()
    {
        var random = new Random(1);
        Interaction[] edges = [.. Enumerable.Range(0, 600).Select(_ => new Interaction(random.Next(50), random.Next(80), 0))];
        var graphs = new SplitGraphs(BipartiteGraph.Build(50, 80, edges[..500]), BipartiteGraph.Build(50, 80, edges[500..]));

        SplitGraphs noisy = EdgeNoise.AddRandomEdges(graphs, 0.2, seed: 3);

        Assert.Equal(graphs.Train.EdgeCount + (int)Math.Round(0.2 * graphs.Train.EdgeCount), noisy.Train.EdgeCount);
        Assert.Same(graphs.Test, noisy.Test);
        for (int u = 0; u < 50; u++)
        {
            foreach (int item in graphs.Train.ItemsOf(u))
            {
                Assert.True(noisy.Train.HasEdge(u, item));
            }
            foreach (int item in noisy.Train.ItemsOf(u))
            {
                Assert.True(graphs.Train.HasEdge(u, item) || !graphs.Test.HasEdge(u, item), "a noisy edge must not be a test edge");
            }
        }
        Assert.Same(graphs, EdgeNoise.AddRandomEdges(graphs, 0, seed: 3));
    }
}

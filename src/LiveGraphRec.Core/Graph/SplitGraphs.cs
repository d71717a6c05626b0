using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Graph;

/// <summary>The training and test graphs of a split data set, over the same users and items.</summary>
public sealed record SplitGraphs(BipartiteGraph Train, BipartiteGraph Test)
{
    public static SplitGraphs Build(Dataset dataset) => new(
        BipartiteGraph.Build(dataset.UserCount, dataset.ItemCount, dataset.Train),
        BipartiteGraph.Build(dataset.UserCount, dataset.ItemCount, dataset.Test));
}

namespace LiveGraphRec.Core.Graph;

/// <summary>
/// SGCN's robustness check: the training graph with a share of random user–item edges added — pairs that are
/// neither training nor test edges, drawn uniformly — so a model must learn to ignore links that carry no signal.
/// </summary>
public static class EdgeNoise
{
    /// <param name="fraction">Noisy edges to add, as a share of the training edges (0.1 = 10 %).</param>
    public static SplitGraphs AddRandomEdges(SplitGraphs graphs, double fraction, int seed)
    {
        if (!(fraction >= 0 && fraction <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The noise share must be in [0, 1].");
        }
        BipartiteGraph train = graphs.Train;
        int wanted = (int)Math.Round(fraction * train.EdgeCount);
        long free = (long)train.UserCount * train.ItemCount - train.EdgeCount - graphs.Test.EdgeCount;
        if (wanted > free / 2)
        {
            throw new ArgumentException($"Adding {wanted:N0} random edges would fill more than half of the {free:N0} free user–item pairs.", nameof(fraction));
        }
        if (wanted == 0)
        {
            return graphs;
        }
        var interactions = new List<Data.Interaction>(train.EdgeCount + wanted);
        for (int u = 0; u < train.UserCount; u++)
        {
            foreach (int item in train.ItemsOf(u))
            {
                interactions.Add(new Data.Interaction(u, item, 0));
            }
        }
        var added = new HashSet<long>(wanted);
        var random = new Random(seed);
        while (added.Count < wanted)
        {
            int user = random.Next(train.UserCount), item = random.Next(train.ItemCount);
            if (!train.HasEdge(user, item) && !graphs.Test.HasEdge(user, item) && added.Add((long)user * train.ItemCount + item))
            {
                interactions.Add(new Data.Interaction(user, item, 0));
            }
        }
        return graphs with { Train = BipartiteGraph.Build(train.UserCount, train.ItemCount, interactions.ToArray()) };
    }
}

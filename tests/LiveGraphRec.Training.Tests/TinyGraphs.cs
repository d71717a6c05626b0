using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Synthetic;

namespace LiveGraphRec.Training.Tests;

/// <summary>Small graphs for exact checks and a small synthetic split for end-to-end training.</summary>
internal static class TinyGraphs
{
    public static BipartiteGraph Random(int users, int items, int edges, int seed)
    {
        var random = new Random(seed);
        var interactions = new List<Interaction>();
        for (int u = 0; u < users; u++)
        {
            interactions.Add(new Interaction(u, random.Next(items), 0)); // every user has an item
        }
        while (interactions.Count < edges)
        {
            interactions.Add(new Interaction(random.Next(users), random.Next(items), 0));
        }
        return BipartiteGraph.Build(users, items, interactions.ToArray());
    }

    public static SplitGraphs Synthetic(int seed = 7)
    {
        Dataset generated = SyntheticGenerator.Generate(new SyntheticOptions
        {
            Users = 400, Items = 200, Interactions = 12_000, Communities = 10, Seed = seed,
        });
        return SplitGraphs.Build(DatasetSplitter.RandomHoldout(generated, 0.2, seed));
    }
}

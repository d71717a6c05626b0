using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Core.Tests.Graph;

public sealed class PersonalizedPageRankTests
{
    private static BipartiteGraph RandomGraph(int users, int items, int edges, int seed)
    {
        var random = new Random(seed);
        var interactions = Enumerable.Range(0, users).Select(u => new Interaction(u, u % items, 0))
            .Concat(Enumerable.Range(0, items).Select(i => new Interaction(i % users, i, 0)))
            .Concat(Enumerable.Range(0, edges).Select(_ => new Interaction(random.Next(users), random.Next(items), 0)));
        return BipartiteGraph.Build(users, items, interactions.ToArray());
    }

    [Fact]
    public void ScoresSumToOneAndMatchPowerIteration()
    {
        var graph = RandomGraph(12, 9, 30, seed: 1);
        const double restart = 0.2;
        var ppr = new PersonalizedPageRank(graph, restart);

        float[] scores = ppr.Scores(source: 3, walks: 200_000, new Random(2));

        // Exact: π = α e_s + (1 − α) π P with P the uniform random-walk transition, by power iteration.
        int nodes = graph.UserCount + graph.ItemCount;
        var exact = new double[nodes];
        exact[3] = 1;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            var next = new double[nodes];
            next[3] = restart;
            for (int node = 0; node < nodes; node++)
            {
                ReadOnlySpan<int> neighbours = node < graph.UserCount ? graph.ItemsOf(node) : graph.UsersOf(node - graph.UserCount);
                foreach (int n in neighbours)
                {
                    next[node < graph.UserCount ? graph.UserCount + n : n] += (1 - restart) * exact[node] / neighbours.Length;
                }
            }
            exact = next;
        }
        Assert.Equal(1, scores.Sum(), 3);
        for (int node = 0; node < nodes; node++)
        {
            Assert.True(Math.Abs(scores[node] - exact[node]) < 0.005, $"node {node}: {scores[node]:0.0000} vs {exact[node]:0.0000}");
        }
    }

    [Fact]
    public void RanksAPlantedNeighbourFirst()
    {
        // User 0's three items are each shared with the same five "twin" users, who all also hold item 20:
        // the walks from user 0 reach item 20 through every twin, far more often than any other unseen item.
        var random = new Random(3);
        var interactions = new List<Interaction>();
        for (int twin = 1; twin <= 5; twin++)
        {
            interactions.AddRange([new(twin, 0, 0), new(twin, 1, 0), new(twin, 2, 0), new(twin, 20, 0)]);
        }
        interactions.AddRange([new(0, 0, 0), new(0, 1, 0), new(0, 2, 0)]);
        for (int e = 0; e < 300; e++)
        {
            interactions.Add(new Interaction(6 + random.Next(30), 3 + random.Next(30), 0));
        }
        var graph = BipartiteGraph.Build(36, 33, interactions.ToArray());
        var ppr = new PersonalizedPageRank(graph);

        int[] ranked = ppr.RankedItems(user: 0, walks: 5_000, new Random(4));

        Assert.Equal(20, ranked[0]);
        Assert.DoesNotContain(0, ranked); // the user's own items are not ranked
        int[] neighbours = ppr.ImportantNeighbours(source: 0, count: 3, walks: 5_000, new Random(4));
        Assert.Equal(3, neighbours.Length);
        Assert.All(neighbours, n => Assert.InRange(n, graph.UserCount, graph.UserCount + 2)); // its own items dominate
    }
}

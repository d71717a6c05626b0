using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Core.Tests.Metrics;

public sealed class RankingEvaluatorTests
{
    [Fact]
    public void RanksAllButTrainingItemsAndAveragesOverTestUsers()
    {
        // One dimension: item values 4, 3, 2, 1, so a positive user ranks items 0, 1, 2, 3 and a negative one the reverse.
        var items = new EmbeddingMatrix(4, 1, [4, 3, 2, 1]);
        var users = new EmbeddingMatrix(3, 1, [1, -1, 1]);
        BipartiteGraph train = Graph(3, 4, (0, 0), (1, 3));
        BipartiteGraph test = Graph(3, 4, (0, 2), (2, 0), (2, 3));

        MetricsReport report = RankingEvaluator.Evaluate(users, items, train, test, [2]);

        // User 0: item 0 is training, top-2 [1, 2], test {2}: hit at rank 1 → recall 1, precision 1/2, NDCG 1/log2(3).
        // User 1: no test items, not counted.
        // User 2: top-2 [0, 1], test {0, 3}: hit at rank 0 → recall 1/2, precision 1/2, NDCG 1/(1 + 1/log2(3)).
        Assert.Equal(2, report.TestUsers);
        MetricsAtK at2 = report.At(2);
        Assert.Equal((1 + 0.5) / 2, at2.Recall, 1e-12);
        Assert.Equal(0.5, at2.Precision, 1e-12);
        Assert.Equal((1 / Math.Log2(3) + 1 / (1 + 1 / Math.Log2(3))) / 2, at2.Ndcg, 1e-12);
        Assert.Equal(1.0, at2.HitRate, 1e-12);
    }

    private static BipartiteGraph Graph(int users, int items, params (int User, int Item)[] edges) =>
        BipartiteGraph.Build(users, items, [.. edges.Select(e => new Interaction(e.User, e.Item, 0))]);
}

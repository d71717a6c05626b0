using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Core.Metrics;

/// <summary>
/// Full-ranking evaluation as in LightGCN-PyTorch <c>Procedure.Test</c>: every test user ranks all items
/// except their training items, and the metrics are averaged over test users.
/// </summary>
public static class RankingEvaluator
{
    /// <param name="train">Training graph; its edges are excluded from each user's ranking.</param>
    /// <param name="test">Test graph over the same users and items; users without test edges are skipped.</param>
    public static MetricsReport Evaluate(EmbeddingMatrix users, EmbeddingMatrix items, BipartiteGraph train, BipartiteGraph test,
        ReadOnlySpan<int> ks, int maxDegreeOfParallelism = 0)
    {
        if (users.Rows != train.UserCount || items.Rows != train.ItemCount
            || test.UserCount != train.UserCount || test.ItemCount != train.ItemCount)
        {
            throw new ArgumentException(
                $"Embeddings ({users.Rows} users, {items.Rows} items), train ({train.UserCount}, {train.ItemCount}) " +
                $"and test ({test.UserCount}, {test.ItemCount}) must agree.");
        }
        var metrics = new RankingMetrics(ks);
        int k = metrics.MaxK;
        int[] top = new BatchRanker(items, maxDegreeOfParallelism).Rank(users, train.ItemsOf, k);
        for (int user = 0; user < users.Rows; user++)
        {
            metrics.Accumulate(top.AsSpan(user * k, k), test.ItemsOf(user));
        }
        return metrics.ToReport();
    }

    /// <summary>Evaluates embeddings on a split: the training edges are excluded, the test edges are the targets.</summary>
    public static MetricsReport Evaluate(EmbeddingFactors factors, SplitGraphs graphs, ReadOnlySpan<int> ks, int maxDegreeOfParallelism = 0) =>
        Evaluate(new EmbeddingMatrix(factors.UserCount, factors.Dimension, factors.UserVectors),
            new EmbeddingMatrix(factors.ItemCount, factors.Dimension, factors.ItemVectors),
            graphs.Train, graphs.Test, ks, maxDegreeOfParallelism);
}

using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;

namespace LiveGraphRec.Client.Modeling;

/// <summary>Full-ranking evaluation of embeddings on a split (training items excluded).</summary>
public static class Evaluation
{
    public static MetricsReport Run(EmbeddingFactors factors, SplitGraphs graphs, IReadOnlyList<int> ks) =>
        RankingEvaluator.Evaluate(factors, graphs, ks.ToArray());

    /// <summary>Metrics as the flat name → value map stored in embedding files ("recall@20", ...).</summary>
    public static Dictionary<string, double> ToDictionary(MetricsReport report)
    {
        var values = new Dictionary<string, double> { ["test_users"] = report.TestUsers };
        foreach (MetricsAtK m in report.ByK)
        {
            values[$"recall@{m.K}"] = m.Recall;
            values[$"ndcg@{m.K}"] = m.Ndcg;
            values[$"precision@{m.K}"] = m.Precision;
            values[$"hitrate@{m.K}"] = m.HitRate;
        }
        return values;
    }
}

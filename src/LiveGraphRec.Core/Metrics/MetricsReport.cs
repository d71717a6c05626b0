namespace LiveGraphRec.Core.Metrics;

/// <summary>Ranking metrics at one cutoff, averaged over test users.</summary>
public readonly record struct MetricsAtK(int K, double Recall, double Precision, double Ndcg, double HitRate);

/// <summary>Averaged ranking metrics for every requested cutoff, in ascending K.</summary>
public sealed record MetricsReport(int TestUsers, IReadOnlyList<MetricsAtK> ByK)
{
    public MetricsAtK At(int k)
    {
        foreach (MetricsAtK metrics in ByK)
        {
            if (metrics.K == k)
            {
                return metrics;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(k), $"No metrics at K = {k}.");
    }
}

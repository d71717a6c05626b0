using LiveGraphRec.Core.Metrics;

namespace LiveGraphRec.Core.Tests.Metrics;

public sealed class RankingMetricsTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void TwoHitsInTopThree()
    {
        var metrics = new RankingMetrics([3]);

        // Test {1, 5}, ranking [5, 2, 1]: hits at ranks 0 and 2.
        metrics.Accumulate([5, 2, 1], [1, 5]);

        MetricsAtK at3 = metrics.ToReport().At(3);
        Assert.Equal(1.0, at3.Recall, Tolerance);                 // 2 hits / 2 test items
        Assert.Equal(2.0 / 3, at3.Precision, Tolerance);          // 2 hits / K = 3
        // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG over min(2, 3) = 2 ranks = 1 + 1/log2(3).
        Assert.Equal(1.5 / (1 + 1 / Math.Log2(3)), at3.Ndcg, Tolerance);
        Assert.Equal(1.0, at3.HitRate, Tolerance);
    }

    [Fact]
    public void SeveralCutoffsInOnePass()
    {
        var metrics = new RankingMetrics([3, 1]);

        metrics.Accumulate([5, 2, 1], [1, 5]);

        MetricsReport report = metrics.ToReport();
        Assert.Equal([1, 3], report.ByK.Select(m => m.K));
        MetricsAtK at1 = report.At(1);
        Assert.Equal(0.5, at1.Recall, Tolerance);    // 1 hit / 2 test items
        Assert.Equal(1.0, at1.Precision, Tolerance); // 1 hit / K = 1
        Assert.Equal(1.0, at1.Ndcg, Tolerance);      // DCG = 1/log2(2) = 1; IDCG over min(2, 1) = 1 rank = 1
        Assert.Equal(1.0, report.At(3).Recall, Tolerance);
    }

    [Fact]
    public void MoreTestItemsThanK()
    {
        var metrics = new RankingMetrics([2]);

        // Test {0..4}, ranking [9, 3]: one hit at rank 1.
        metrics.Accumulate([9, 3], [0, 1, 2, 3, 4]);

        MetricsAtK at2 = metrics.ToReport().At(2);
        Assert.Equal(0.2, at2.Recall, Tolerance);    // 1 / 5
        Assert.Equal(0.5, at2.Precision, Tolerance); // 1 / 2
        // DCG = 1/log2(3); IDCG over min(5, 2) = 2 ranks = 1 + 1/log2(3).
        Assert.Equal(1 / Math.Log2(3) / (1 + 1 / Math.Log2(3)), at2.Ndcg, Tolerance);
    }

    [Fact]
    public void ShortRankingStillDividesPrecisionByK()
    {
        var metrics = new RankingMetrics([3]);

        // Only one rankable item, padded with -1.
        metrics.Accumulate([4, -1, -1], [4]);

        MetricsAtK at3 = metrics.ToReport().At(3);
        Assert.Equal(1.0, at3.Recall, Tolerance);
        Assert.Equal(1.0 / 3, at3.Precision, Tolerance);
        Assert.Equal(1.0, at3.Ndcg, Tolerance); // DCG = 1 = IDCG over min(1, 3) = 1 rank
    }

    [Fact]
    public void AveragesOverTestUsersOnly()
    {
        var metrics = new RankingMetrics([2]);

        metrics.Accumulate([1, 2], [2]);    // hit at rank 1: recall 1, precision 1/2, NDCG 1/log2(3), hit 1
        metrics.Accumulate([1, 2], [7]);    // no hit: all 0
        metrics.Accumulate([1, 2], []);     // no test items: not a test user

        MetricsReport report = metrics.ToReport();
        Assert.Equal(2, report.TestUsers);
        MetricsAtK at2 = report.At(2);
        Assert.Equal(0.5, at2.Recall, Tolerance);
        Assert.Equal(0.25, at2.Precision, Tolerance);
        Assert.Equal(1 / Math.Log2(3) / 2, at2.Ndcg, Tolerance);
        Assert.Equal(0.5, at2.HitRate, Tolerance);
    }

    [Fact]
    public void MergeEqualsSequentialAccumulation()
    {
        var whole = new RankingMetrics([1, 2]);
        var first = new RankingMetrics([1, 2]);
        var second = new RankingMetrics([2, 1]);
        whole.Accumulate([3, 1], [1]);
        whole.Accumulate([0, 4], [0, 4]);
        first.Accumulate([3, 1], [1]);
        second.Accumulate([0, 4], [0, 4]);

        first.Merge(second);

        Assert.Equal(whole.ToReport().ByK, first.ToReport().ByK);
        Assert.Equal(2, first.TestUsers);
    }

    [Fact]
    public void RejectsMissingOrNonPositiveCutoffs()
    {
        Assert.Throws<ArgumentException>(() => new RankingMetrics([]));
        Assert.Throws<ArgumentException>(() => new RankingMetrics([0, 20]));
    }
}

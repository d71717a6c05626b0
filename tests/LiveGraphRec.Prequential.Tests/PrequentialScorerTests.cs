namespace LiveGraphRec.Prequential.Tests;

public sealed class PrequentialScorerTests
{
    [Fact]
    public void CountsHitsReciprocalRanksWindowsAndTheColdSlice()
    {
        var scorer = new PrequentialScorer(k: 3, windowSize: 2, coldThreshold: 2);
        // (rank, prior events of the user): hits at ranks 1, 3 and 2; the first and third users are cold.
        foreach (var (rank, prior) in new[] { (0, 0), (-1, 5), (2, 1), (1, 3), (-1, 2) })
        {
            scorer.Record(rank, prior);
        }

        Assert.Equal((5, 3), (scorer.Overall.Events, scorer.Overall.Hits));
        Assert.Equal(0.6, scorer.Overall.HitRate, 12);
        Assert.Equal((1 + 1 / 3.0 + 1 / 2.0) / 5, scorer.Overall.Mrr, 12);
        Assert.Equal((2, 2), (scorer.Cold.Events, scorer.Cold.Hits));
        Assert.Equal((1 + 1 / 3.0) / 2, scorer.Cold.Mrr, 12);
        Assert.Equal([(2, 1), (2, 2), (1, 0)], scorer.Windows.Select(w => (w.Events, w.Hits)));
        Assert.Equal(1 / 3.0 + 1 / 2.0, scorer.Windows[1].ReciprocalRankSum, 12);
    }

    [Fact]
    public void RankLooksOnlyAtTheFirstKItems()
    {
        var scorer = new PrequentialScorer(k: 2, windowSize: 10, coldThreshold: 5);

        Assert.Equal(1, scorer.RankOf(7, [3, 7, 9]));
        Assert.Equal(-1, scorer.RankOf(9, [3, 7, 9]));
        Assert.Equal(-1, scorer.RankOf(4, []));
        Assert.Throws<ArgumentOutOfRangeException>(() => scorer.Record(2, 0));
    }

    [Fact]
    public void AnEmptyRunHasZeroRatesRatherThanNaN()
    {
        var scorer = new PrequentialScorer(k: 20, windowSize: 100, coldThreshold: 5);

        Assert.Equal((0.0, 0.0), (scorer.Overall.HitRate, scorer.Overall.Mrr));
        Assert.Empty(scorer.Windows);
    }
}

namespace LiveGraphRec.Prequential;

/// <summary>HitRate@K and MRR@K over a set of scored events.</summary>
/// <param name="Events">Events scored (queried before being learned).</param>
/// <param name="Hits">Events whose item was in the top K.</param>
/// <param name="ReciprocalRankSum">Σ 1/rank over the hits (rank 1 = first); a miss adds 0.</param>
public readonly record struct PrequentialMetrics(int Events, int Hits, double ReciprocalRankSum)
{
    public double HitRate => Events == 0 ? 0 : (double)Hits / Events;
    public double Mrr => Events == 0 ? 0 : ReciprocalRankSum / Events;

    /// <param name="rank">0-based position of the event's item in the top K, or -1 when it is not there.</param>
    public PrequentialMetrics Add(int rank) =>
        rank < 0 ? this with { Events = Events + 1 } : new(Events + 1, Hits + 1, ReciprocalRankSum + 1.0 / (rank + 1));
}

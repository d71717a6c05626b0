namespace LiveGraphRec.Training.Sampling;

/// <summary>Settings of PinSage-style hard negatives.</summary>
/// <param name="Walks">Random walks per user for its personalized PageRank.</param>
/// <param name="Restart">Probability that a walk stops at each step.</param>
/// <param name="BandStart">Start of the PPR rank band, as a share of the catalog (0.05 of Gowalla's 40,981 items ≈ rank 2,000).</param>
/// <param name="BandEnd">End of the band (0.12 ≈ rank 5,000): high enough to be hard, low enough not to be positives.</param>
/// <param name="MaxPerUser">Cap of the curriculum (epoch n uses min(n − 1, cap) hard negatives per example).</param>
/// <param name="PoolSize">Band items kept per user (drawn uniformly from the band) to draw hard negatives from.</param>
public sealed record HardNegativeOptions(int Walks = 1000, double Restart = 0.15, double BandStart = 0.05, double BandEnd = 0.12,
    int MaxPerUser = 6, int PoolSize = 64)
{
    public void Validate()
    {
        if (Walks < 1 || MaxPerUser < 0 || PoolSize < 1)
        {
            throw new ArgumentException($"Hard negatives need walks ≥ 1, a cap ≥ 0 and a pool ≥ 1 (got {Walks}, {MaxPerUser}, {PoolSize}).");
        }
        if (!(Restart > 0 && Restart <= 1) || !(BandStart >= 0 && BandStart < BandEnd && BandEnd <= 1))
        {
            throw new ArgumentException($"Need restart in (0, 1] and 0 ≤ band start < band end ≤ 1 (got {Restart}, {BandStart}, {BandEnd}).");
        }
    }
}

namespace LiveGraphRec.Training.Masks;

/// <summary>Settings of SGCN's stochastic edge masks.</summary>
/// <param name="Sparsity">β: weight of Σ σ(Φ), the expected number of kept edges (the relaxed L0 penalty).</param>
/// <param name="LowRank">γ: weight of Σ_k ‖Â^(k)‖_*, approximated by the top <paramref name="LowRankRank"/> singular values.</param>
/// <param name="LowRankRank">n: singular values summed for the nuclear-norm term.</param>
/// <param name="InitialLogit">Φ at the start for every edge and layer (3 keeps an edge with probability 0.95).</param>
/// <param name="LearningRateScale">Φ's learning rate as a multiple of the embeddings': ARM gives one loss difference per
/// step for millions of logits, so at the embeddings' rate the logits hardly leave their start.</param>
/// <param name="Estimator">How Φ's gradient is estimated from the antithetic pair.</param>
public sealed record MaskOptions(double Sparsity = 1e-6, double LowRank = 0, int LowRankRank = 8, double InitialLogit = 3,
    double LearningRateScale = 1, MaskGradientEstimator Estimator = MaskGradientEstimator.Arm)
{
    public void Validate()
    {
        if (!(Sparsity >= 0) || !(LowRank >= 0))
        {
            throw new ArgumentException($"Mask penalties must be non-negative (got sparsity {Sparsity}, low rank {LowRank}).");
        }
        if (LowRankRank < 1)
        {
            throw new ArgumentException($"The nuclear-norm rank must be at least 1 (got {LowRankRank}).");
        }
        if (!double.IsFinite(InitialLogit))
        {
            throw new ArgumentException($"The initial mask logit must be finite (got {InitialLogit}).");
        }
        if (!(LearningRateScale > 0) || double.IsInfinity(LearningRateScale))
        {
            throw new ArgumentException($"The mask learning-rate scale must be positive and finite (got {LearningRateScale}).");
        }
        if (!Enum.IsDefined(Estimator))
        {
            throw new ArgumentException($"Unknown mask gradient estimator {Estimator}.");
        }
    }
}

using LiveGraphRec.Training.Masks;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Sampling;

namespace LiveGraphRec.Training.Trainer;

/// <summary>Hyperparameters and run settings of a training run; defaults are LightGCN-PyTorch's / MixGCF's.</summary>
public sealed record TrainingOptions
{
    public string Model { get; init; } = ModelNames.LightGcn;
    public int Dimension { get; init; } = 64;
    public int Layers { get; init; } = 3;
    public string Sampler { get; init; } = NegativeSamplers.MixGcf;
    /// <summary>Uniform candidates per user for DNS and MixGCF (MixGCF's n_negs).</summary>
    public int Candidates { get; init; } = 64;
    /// <summary>
    /// Negatives per positive (MixGCF's K), each chosen from its own <see cref="Candidates"/>; above 1 the loss is
    /// MixGCF's K-pair loss instead of BPR.
    /// </summary>
    public int Negatives { get; init; } = 1;
    /// <summary>How an epoch's (user, positive) pairs are drawn: <see cref="TripleSampling.Users"/> or <see cref="TripleSampling.Edges"/>.</summary>
    public string Triples { get; init; } = TripleSampling.Users;
    public int Epochs { get; init; } = 1000;
    public int BatchSize { get; init; } = 2048;
    public double LearningRate { get; init; } = 0.001;
    /// <summary>Epochs after which the learning rate is multiplied by <see cref="LearningRateGamma"/> (step decay).</summary>
    public int[] LearningRateMilestones { get; init; } = [];
    public double LearningRateGamma { get; init; } = 0.1;
    /// <summary>L2 weight on the batch's ego embeddings (LightGCN's <c>decay</c>).</summary>
    public double Decay { get; init; } = 1e-4;
    /// <summary>
    /// β of an exponential moving average of the parameters per step that is evaluated and exported instead of the last
    /// iterate (Polyak averaging; e.g. 0.999 ≈ the last 1,000 steps); 0 (the papers') uses the last iterate.
    /// </summary>
    public double AverageDecay { get; init; }
    public int EvaluateEvery { get; init; } = 1;
    /// <summary>Evaluations without a better Recall@K before stopping.</summary>
    public int Patience { get; init; } = 10;
    public int[] Ks { get; init; } = [20];
    public int Seed { get; init; } = 2020;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public string Device { get; init; } = "auto";

    /// <summary>HashGNN code length (64, 128, ...); 0 trains no hash layer.</summary>
    public int HashBits { get; init; }
    /// <summary>Probability that a code component keeps its continuous value during training (HashGNN's fix of the STE).</summary>
    public double HashContinuousRate { get; init; } = 0.5;
    /// <summary>Weight of the BPR loss on code scores beside the real-valued BPR.</summary>
    public double HashWeight { get; init; } = 1;
    /// <summary>SGCN mask settings; used by <see cref="ModelNames.StochasticLightGcn"/>.</summary>
    public MaskOptions Masks { get; init; } = new();
    /// <summary>PinSage hard-negative settings; used by <see cref="NegativeSamplers.PinSage"/>.</summary>
    public HardNegativeOptions HardNegatives { get; init; } = new();

    /// <summary>Cutoff whose recall decides "best" and early stopping (the largest asked for).</summary>
    public int SelectionK => Ks.Max();

    /// <summary>The learning rate of (1-based) <paramref name="epoch"/> under the step decay.</summary>
    public double LearningRateAt(int epoch) =>
        LearningRate * Math.Pow(LearningRateGamma, LearningRateMilestones.Count(milestone => milestone < epoch));

    /// <summary>
    /// The settings that decided epochs 1..<paramref name="epochsDone"/>; a checkpoint resumes only into a run that
    /// agrees on them (a different value is a different run). Milestones not yet reached are left out, so a
    /// schedule may be extended past a checkpoint without changing what the finished epochs were.
    /// </summary>
    public string FingerprintThrough(int epochsDone)
    {
        int[] applied = [.. LearningRateMilestones.Where(milestone => milestone < epochsDone).Order()];
        return $"model={Model};dim={Dimension};layers={Layers};sampler={Sampler};candidates={Candidates};batch={BatchSize};lr={LearningRate:R};decay={Decay:R};seed={Seed}"
            + (applied.Length == 0 ? "" : $";lr-milestones={string.Join(',', applied)};lr-gamma={LearningRateGamma:R}")
            + (Negatives == 1 ? "" : $";negatives={Negatives}")
            + (Triples == TripleSampling.Users ? "" : $";triples={Triples}")
            + (AverageDecay > 0 ? $";average={AverageDecay:R}" : "")
            + (HashBits > 0 ? $";hash={HashBits}/{HashContinuousRate:R}/{HashWeight:R}" : "")
            + (Sampler == NegativeSamplers.PinSage ? $";hard={HardNegatives.Walks}/{HardNegatives.Restart:R}/{HardNegatives.BandStart:R}-{HardNegatives.BandEnd:R}/{HardNegatives.MaxPerUser}/{HardNegatives.PoolSize}" : "")
            + (Model == ModelNames.StochasticLightGcn ? $";masks={Masks.Sparsity:R}/{Masks.LowRank:R}/{Masks.LowRankRank}/{Masks.InitialLogit:R}" : "")
            + (Model == ModelNames.StochasticLightGcn && Masks.LearningRateScale != 1 ? $";mask-lr-scale={Masks.LearningRateScale:R}" : "")
            + (Model == ModelNames.StochasticLightGcn && Masks.Estimator != MaskGradientEstimator.Arm ? $";mask-estimator={Masks.Estimator}" : "");
    }

    public void Validate()
    {
        if (!ModelNames.All.Contains(Model))
        {
            throw new ArgumentException($"Unknown model '{Model}'; expected one of {string.Join(", ", ModelNames.All)}.");
        }
        if (!NegativeSamplers.All.Contains(Sampler))
        {
            throw new ArgumentException($"Unknown sampler '{Sampler}'; expected one of {string.Join(", ", NegativeSamplers.All)}.");
        }
        if (!TripleSampling.All.Contains(Triples))
        {
            throw new ArgumentException($"Unknown triple sampling '{Triples}'; expected one of {string.Join(", ", TripleSampling.All)}.");
        }
        Positive(Dimension, "dimension");
        Positive(Candidates, "candidates");
        Positive(Negatives, "number of negatives per positive");
        if (Negatives > 1 && Sampler == NegativeSamplers.PinSage)
        {
            throw new ArgumentException($"The pinsage sampler sets its own hard negatives per example; negatives must be 1 (got {Negatives}).");
        }
        Positive(Epochs, "epochs");
        Positive(BatchSize, "batch size");
        Positive(EvaluateEvery, "evaluation interval");
        Positive(Patience, "patience");
        Positive(Threads, "threads");
        if (Layers < 0)
        {
            throw new ArgumentException($"Layers must be 0 or more (got {Layers}).");
        }
        if (!(LearningRate > 0) || !(Decay >= 0))
        {
            throw new ArgumentException($"Learning rate must be positive and decay non-negative (got {LearningRate}, {Decay}).");
        }
        if (!(AverageDecay >= 0 && AverageDecay < 1))
        {
            throw new ArgumentException($"The averaging decay must be in [0, 1): 0 is off (got {AverageDecay}).");
        }
        if (LearningRateMilestones.Any(milestone => milestone < 1) || !(LearningRateGamma > 0))
        {
            throw new ArgumentException($"Learning-rate milestones must be epochs of 1 or more and the gamma positive (got {string.Join(", ", LearningRateMilestones)}; {LearningRateGamma}).");
        }
        if (HashBits != 0 && (HashBits < 64 || HashBits % 64 != 0))
        {
            throw new ArgumentException($"The hash code length must be 0 (off) or a positive multiple of 64 (got {HashBits}).");
        }
        if (!(HashContinuousRate >= 0 && HashContinuousRate <= 1) || !(HashWeight >= 0))
        {
            throw new ArgumentException($"The hash continuous rate must be in [0, 1] and its weight non-negative (got {HashContinuousRate}, {HashWeight}).");
        }
        Masks.Validate();
        HardNegatives.Validate();
        if (Ks.Length == 0 || Ks.Any(k => k < 1))
        {
            throw new ArgumentException($"Every cutoff K must be at least 1 (got {string.Join(", ", Ks)}).");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentException($"The {name} must be at least 1 (got {value}).");
        }
    }
}

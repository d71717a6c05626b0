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
    public int Epochs { get; init; } = 1000;
    public int BatchSize { get; init; } = 2048;
    public double LearningRate { get; init; } = 0.001;
    /// <summary>Epochs after which the learning rate is multiplied by <see cref="LearningRateGamma"/> (step decay).</summary>
    public int[] LearningRateMilestones { get; init; } = [];
    public double LearningRateGamma { get; init; } = 0.1;
    /// <summary>L2 weight on the batch's ego embeddings (LightGCN's <c>decay</c>).</summary>
    public double Decay { get; init; } = 1e-4;
    public int EvaluateEvery { get; init; } = 1;
    /// <summary>Evaluations without a better Recall@K before stopping.</summary>
    public int Patience { get; init; } = 10;
    public int[] Ks { get; init; } = [20];
    public int Seed { get; init; } = 2020;
    public int Threads { get; init; } = Environment.ProcessorCount;
    public string Device { get; init; } = "auto";

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
        string schedule = applied.Length == 0 ? "" : $";lr-milestones={string.Join(',', applied)};lr-gamma={LearningRateGamma:R}";
        return $"model={Model};dim={Dimension};layers={Layers};sampler={Sampler};candidates={Candidates};batch={BatchSize};lr={LearningRate:R};decay={Decay:R};seed={Seed}{schedule}";
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
        Positive(Dimension, "dimension");
        Positive(Candidates, "candidates");
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
        if (LearningRateMilestones.Any(milestone => milestone < 1) || !(LearningRateGamma > 0))
        {
            throw new ArgumentException($"Learning-rate milestones must be epochs of 1 or more and the gamma positive (got {string.Join(", ", LearningRateMilestones)}; {LearningRateGamma}).");
        }
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

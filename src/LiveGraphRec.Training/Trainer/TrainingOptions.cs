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

    /// <summary>Settings a resumed run must share with the checkpoint (a different value is a different run).</summary>
    public string Fingerprint =>
        $"model={Model};dim={Dimension};layers={Layers};sampler={Sampler};candidates={Candidates};batch={BatchSize};lr={LearningRate:R};decay={Decay:R};seed={Seed}";

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

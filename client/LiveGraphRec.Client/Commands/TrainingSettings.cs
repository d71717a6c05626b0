using System.ComponentModel;
using LiveGraphRec.Training.Masks;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>Training settings shared by train and bench: model sizes, optimizer, threads, and the optional methods (HashGNN codes, SGCN masks, PinSage hard negatives).</summary>
public class TrainingSettings : EvaluationSettings
{
    [CommandOption("--dim <D>")]
    [DefaultValue(64)]
    public int Dimension { get; init; } = 64;

    [CommandOption("--layers <K>")]
    [DefaultValue(3)]
    public int Layers { get; init; } = 3;

    [CommandOption("--batch <B>")]
    [DefaultValue(2048)]
    public int BatchSize { get; init; } = 2048;

    [CommandOption("--lr <RATE>")]
    [DefaultValue(0.001)]
    public double LearningRate { get; init; } = 0.001;

    [CommandOption("--threads <N>")]
    [Description("Threads for training and evaluation (default: all cores).")]
    public int? Threads { get; init; }

    [CommandOption("--device <DEVICE>")]
    [Description("auto (CUDA when available, else CPU), cpu, cuda.")]
    [DefaultValue("auto")]
    public string Device { get; init; } = "auto";

    [CommandOption("--hash-bits <BITS>")]
    [Description("HashGNN: train a hash layer with codes of this many bits (64, 128, …) and write them to <out>.codes; 0 = off.")]
    [DefaultValue(0)]
    public int HashBits { get; init; }

    [CommandOption("--hash-continuous <P>")]
    [Description("HashGNN: probability that a code bit keeps its continuous value during training (the paper's fix of the straight-through estimator).")]
    [DefaultValue(0.5)]
    public double HashContinuousRate { get; init; } = 0.5;

    [CommandOption("--hash-weight <W>")]
    [Description("HashGNN: weight of the BPR loss on code scores beside the real-valued BPR.")]
    [DefaultValue(1.0)]
    public double HashWeight { get; init; } = 1;

    [CommandOption("--hash-candidates <N>")]
    [Description("HashGNN: Hamming shortlist re-ranked exactly by hierarchical search (evaluation).")]
    [DefaultValue(200)]
    public int HashCandidates { get; init; } = 200;

    [CommandOption("--mask-sparsity <BETA>")]
    [Description("S-LightGCN (--model slightgcn): β, weight of Σσ(Φ), the expected number of kept edges.")]
    [DefaultValue(1e-6)]
    public double MaskSparsity { get; init; } = 1e-6;

    [CommandOption("--mask-low-rank <GAMMA>")]
    [Description("S-LightGCN: γ, weight of the truncated nuclear norm of each layer's masked adjacency (0 = off; costs randomized SVDs per step).")]
    [DefaultValue(0.0)]
    public double MaskLowRank { get; init; }

    [CommandOption("--mask-rank <N>")]
    [Description("S-LightGCN: singular values summed for the nuclear norm.")]
    [DefaultValue(8)]
    public int MaskRank { get; init; } = 8;

    [CommandOption("--mask-init <LOGIT>")]
    [Description("S-LightGCN: initial mask logit of every edge (3 keeps an edge with probability 0.95).")]
    [DefaultValue(3.0)]
    public double MaskInitialLogit { get; init; } = 3;

    [CommandOption("--mask-lr-scale <X>")]
    [Description("S-LightGCN: the mask logits' learning rate as a multiple of --lr (ARM's signal per logit is weak: at 1 they hardly move).")]
    [DefaultValue(1.0)]
    public double MaskLearningRateScale { get; init; } = 1;

    [CommandOption("--mask-estimator <NAME>")]
    [Description("S-LightGCN: the mask logits' gradient from the antithetic pair: arm (the SGCN paper's) or disarm (same pair, lower variance: logits whose two masks agree get no update).")]
    [DefaultValue("arm")]
    public string MaskEstimator { get; init; } = "arm";

    [CommandOption("--ppr-walks <N>")]
    [Description("PinSage (--sampler pinsage): random walks per user for its personalized PageRank.")]
    [DefaultValue(1000)]
    public int PprWalks { get; init; } = 1000;

    [CommandOption("--ppr-band <FROM-TO>")]
    [Description("PinSage: PPR rank band of hard negatives as shares of the catalog (0.05-0.12 ≈ the paper's ranks 2,000–5,000 on Gowalla).")]
    [DefaultValue("0.05-0.12")]
    public string PprBand { get; init; } = "0.05-0.12";

    [CommandOption("--hard-max <N>")]
    [Description("PinSage: cap of the curriculum (epoch n uses min(n − 1, N) hard negatives per example).")]
    [DefaultValue(6)]
    public int HardMax { get; init; } = 6;

    public override Spectre.Console.ValidationResult Validate()
    {
        var evaluation = base.Validate();
        if (!evaluation.Successful)
        {
            return evaluation;
        }
        if (ParseBand(PprBand) is null)
        {
            return Spectre.Console.ValidationResult.Error($"--ppr-band: '{PprBand}' is not FROM-TO with 0 ≤ FROM < TO ≤ 1 (e.g. 0.05-0.12).");
        }
        if (ParseEstimator(MaskEstimator) is null)
        {
            return Spectre.Console.ValidationResult.Error($"--mask-estimator: '{MaskEstimator}' is not one of arm, disarm.");
        }
        return HashCandidates < 1
            ? Spectre.Console.ValidationResult.Error($"--hash-candidates: {HashCandidates} must be at least 1.")
            : Spectre.Console.ValidationResult.Success();
    }

    /// <summary>These settings on top of <paramref name="options"/>.</summary>
    public TrainingOptions ApplyMethods(TrainingOptions options)
    {
        var (from, to) = ParseBand(PprBand) ?? (0.05, 0.12);
        return options with
        {
            HashBits = HashBits, HashContinuousRate = HashContinuousRate, HashWeight = HashWeight,
            Masks = new MaskOptions(MaskSparsity, MaskLowRank, MaskRank, MaskInitialLogit, MaskLearningRateScale,
                ParseEstimator(MaskEstimator) ?? MaskGradientEstimator.Arm),
            HardNegatives = new HardNegativeOptions(PprWalks, BandStart: from, BandEnd: to, MaxPerUser: HardMax),
        };
    }

    private static MaskGradientEstimator? ParseEstimator(string name) => name.ToLowerInvariant() switch
    {
        "arm" => MaskGradientEstimator.Arm,
        "disarm" => MaskGradientEstimator.DisArm,
        _ => null,
    };

    private static (double From, double To)? ParseBand(string text)
    {
        string[] parts = text.Split('-');
        return parts.Length == 2
            && double.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out double from)
            && double.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out double to)
            && from >= 0 && from < to && to <= 1
            ? (from, to) : null;
    }
}

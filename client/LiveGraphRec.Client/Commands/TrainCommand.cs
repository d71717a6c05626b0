using System.ComponentModel;
using LiveGraphRec.Client.Modeling;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Models;
using LiveGraphRec.Core.Retrieval.Hashing;
using LiveGraphRec.Training.Masks;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary><c>lgr train</c>: trains a graph recommender with BPR on the training split, evaluating and checkpointing as it goes.</summary>
public sealed class TrainCommand(IAnsiConsole console) : Command<TrainCommand.Settings>
{
    public sealed class Settings : TrainingSettings
    {
        [CommandOption("-m|--model <MODEL>")]
        [Description("Model: lightgcn (He et al. 2020), ngcf (Wang et al. 2019) or slightgcn (LightGCN with SGCN's stochastic edge masks, Chen et al. 2021).")]
        [DefaultValue(ModelNames.LightGcn)]
        public string Model { get; init; } = ModelNames.LightGcn;

        [CommandOption("--sampler <SAMPLER>")]
        [Description("Negatives: rns (uniform), dns (hardest of --candidates), mixgcf (positive + hop mixing of --candidates), mixgcf-hop (hop mixing only), pinsage (PPR hard negatives with a curriculum, --candidates shared easy negatives per batch).")]
        [DefaultValue(NegativeSamplers.MixGcf)]
        public string Sampler { get; init; } = NegativeSamplers.MixGcf;

        [CommandOption("--candidates <M>")]
        [Description("Uniform candidates per user for dns and mixgcf (MixGCF's n_negs).")]
        [DefaultValue(64)]
        public int Candidates { get; init; } = 64;

        [CommandOption("--negatives <K>")]
        [Description("Negatives per positive (MixGCF's K), each from its own --candidates; above 1 the loss is MixGCF's K-pair loss " +
            "log(1 + Σ exp(s_neg − s_pos)) instead of BPR. Not for pinsage.")]
        [DefaultValue(1)]
        public int Negatives { get; init; } = 1;

        [CommandOption("--triples <HOW>")]
        [Description("How an epoch's (user, positive) pairs are drawn: users (LightGCN-PyTorch: a random user, then a random item of theirs) " +
            "or edges (the official MixGCF loop: every training edge once, shuffled).")]
        [DefaultValue(TripleSampling.Users)]
        public string Triples { get; init; } = TripleSampling.Users;

        [CommandOption("--epochs <N>")]
        [DefaultValue(1000)]
        public int Epochs { get; init; } = 1000;

        [CommandOption("--lr-milestones <EPOCH>")]
        [Description("Step decay: after each of these epochs the learning rate is multiplied by --lr-gamma; repeat for several. " +
            "A checkpoint can be resumed with milestones added beyond its epoch.")]
        public int[] LearningRateMilestones { get; init; } = [];

        [CommandOption("--lr-gamma <FACTOR>")]
        [Description("Factor applied to the learning rate at each --lr-milestones epoch.")]
        [DefaultValue(0.1)]
        public double LearningRateGamma { get; init; } = 0.1;

        [CommandOption("--decay <L2>")]
        [Description("L2 weight on the batch's ego embeddings.")]
        [DefaultValue(1e-4)]
        public double Decay { get; init; } = 1e-4;

        [CommandOption("--average <BETA>")]
        [Description("Evaluate and save an exponential moving average of the parameters, updated every step with this decay " +
            "(Polyak averaging; 0.999 ≈ the last 1,000 steps), and report the last iterate beside it. 0: the last iterate, as the papers.")]
        [DefaultValue(0.0)]
        public double AverageDecay { get; init; }

        [CommandOption("--eval-every <E>")]
        [Description("Evaluate Recall/NDCG@K on the test split every E epochs.")]
        [DefaultValue(1)]
        public int EvaluateEvery { get; init; } = 1;

        [CommandOption("--patience <P>")]
        [Description("Stop after P evaluations without a better Recall@K.")]
        [DefaultValue(10)]
        public int Patience { get; init; } = 10;

        [CommandOption("--init <INIT>")]
        [Description("Ego embeddings at the start: normal (N(0, 0.1²), the paper's) or spectral (the training-free spectral model, computed first).")]
        [DefaultValue("normal")]
        public string Init { get; init; } = "normal";

        [CommandOption("-o|--out <FILE>")]
        [Description("Embedding file of the best evaluation (written atomically each time it improves).")]
        public string Out { get; init; } = "";

        [CommandOption("--noise <SHARE>")]
        [Description("Add this share of random user–item edges (neither train nor test) to the training graph: SGCN's robustness check.")]
        [DefaultValue(0.0)]
        public double Noise { get; init; }

        [CommandOption("--resume")]
        [Description("Continue from the checkpoint (<out>.ckpt) of an earlier run with the same settings.")]
        public bool Resume { get; init; }

        public override ValidationResult Validate()
        {
            ValidationResult evaluation = base.Validate();
            if (!evaluation.Successful)
            {
                return evaluation;
            }
            if (Init is not ("normal" or "spectral"))
            {
                return ValidationResult.Error($"--init: '{Init}' is not one of normal, spectral.");
            }
            if (!(Noise >= 0 && Noise <= 1))
            {
                return ValidationResult.Error($"--noise: {Noise} must be in [0, 1].");
            }
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("--out is required.");
            }
            return OptionsValidation.Of(() => ToOptions().Validate());
        }

        public TrainingOptions ToOptions() => ApplyMethods(new()
        {
            Model = Model, Sampler = Sampler, Candidates = Candidates, Negatives = Negatives, Triples = Triples, Layers = Layers, Dimension = Dimension,
            Epochs = Epochs, BatchSize = BatchSize, LearningRate = LearningRate,
            LearningRateMilestones = LearningRateMilestones, LearningRateGamma = LearningRateGamma, Decay = Decay, AverageDecay = AverageDecay, EvaluateEvery = EvaluateEvery,
            Patience = Patience, Ks = Ks, Seed = Seed, Threads = Threads ?? Environment.ProcessorCount, Device = Device,
        });
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (dataset, splitName) = settings.ApplySplit(DatasetReading.Load(console, settings));
        var graphs = SplitGraphs.Build(dataset);
        BipartiteGraph clean = graphs.Train;
        if (settings.Noise > 0)
        {
            int before = graphs.Train.EdgeCount;
            graphs = EdgeNoise.AddRandomEdges(graphs, settings.Noise, settings.Seed);
            console.MarkupLineInterpolated($"Added {graphs.Train.EdgeCount - before:N0} random edges to the {before:N0} training edges (--noise {settings.Noise}).");
        }
        TrainingOptions options = settings.ToOptions();
        float[]? initialEgo = settings.Init == "spectral" ? SpectralEgo(graphs.Train, options) : null;
        using var trainer = new GraphTrainer(graphs, options, initialEgo);
        console.MarkupLineInterpolated(
            $"Training {options.Model} + {options.Sampler} on {trainer.Device}: {graphs.Train.EdgeCount:N0} train edges, split: {splitName}, {trainer.BatchesPerEpoch:N0} batches of {options.BatchSize:N0} per epoch, {options.Threads} threads");

        string checkpoint = settings.Out + ".ckpt";
        var reporter = new TrainingReporter(console);
        HashRetrievalReport? hashReport = null;
        TrainingResult result = reporter.Run(progress => trainer.Train(checkpoint, settings.Resume, progress, reporter.OnEpoch,
            (factors, metrics, epoch) =>
            {
                WriteModel(settings, options, dataset.Users, dataset.Items, factors, metrics, epoch, splitName);
                if (trainer.HashCodes(factors) is { } codes)
                {
                    BinaryCodeFile.Write(settings.Out + ".codes", codes.Users, codes.Items);
                    hashReport = HashRetrievalEvaluator.Evaluate(codes.Users, codes.Items, factors, graphs, options.Ks, settings.HashCandidates, options.Threads);
                }
            },
            cancellationToken));

        console.MarkupLineInterpolated(
            $"Done after {result.EpochsCompleted} epochs ({(result.StoppedEarly ? "early stop" : "epoch budget")}) in {result.TrainingTime.TotalMinutes:0.0} min; best epoch {result.BestEpoch}.");
        if (settings.Noise > 0 && trainer.MaskLogits() is { } logits)
        {
            var (kept, keptNoise) = MaskKeptShares.ByOrigin(graphs.Train, clean, logits);
            console.MarkupLineInterpolated($"Masks after the last epoch keep {kept:P1} of the training edges and {keptNoise:P1} of the added random ones.");
        }
        if (result.BestMetrics is { } best)
        {
            string name = $"{options.Model}+{options.Sampler} (epoch {result.BestEpoch})";
            console.Write(MetricsTable.Create(hashReport is null ? [(name, best)]
                : [(name, best), ($"{options.HashBits}-bit codes, Hamming", hashReport.Hamming),
                    ($"{options.HashBits}-bit codes, hierarchical ({hashReport.Candidates})", hashReport.Hierarchical)]));
            console.MarkupLineInterpolated($"Best model written to {settings.Out}{(hashReport is null ? "" : $", its codes to {settings.Out}.codes")}");
        }
        return 0;
    }

    private float[] SpectralEgo(BipartiteGraph train, TrainingOptions options)
    {
        EmbeddingFactors spectral = console.Status().Start("Computing the spectral initialization…",
            _ => SpectralModel.Fit(train, options.Dimension, seed: options.Seed));
        return [.. spectral.UserVectors, .. spectral.ItemVectors];
    }

    private static void WriteModel(Settings settings, TrainingOptions options, Core.Data.IdMap users, Core.Data.IdMap items,
        EmbeddingFactors factors, MetricsReport metrics, int epoch, string splitName) =>
        TrainedModelFile.Write(settings.Out, options, users, items, factors, metrics, epoch, new Dictionary<string, string>
        {
            ["data"] = Path.GetFullPath(settings.Data),
            ["split"] = splitName,
            ["init"] = settings.Init,
        });
}

using System.ComponentModel;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Grains;
using LiveGraphRec.Prequential;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr bench stream</c>: the prequential benchmark of <see cref="StreamBenchmark"/> on a data set with timestamps
/// (MovieLens ratings.csv, an event file, or <c>lgr generate --drift</c> output).
/// </summary>
public sealed class BenchStreamCommand(IAnsiConsole console) : AsyncCommand<BenchStreamCommand.Settings>
{
    public sealed class Settings : DataSettings
    {
        [CommandOption("--arms <LIST>")]
        [Description("Comma-separated arms to run, in order: static, static-offline (the starting model ranked in process, a check of the grains), " +
            "online, online+retrain, retrain-only, popularity, co-occurrence.")]
        [DefaultValue("static,static-offline,online,online+retrain,retrain-only,popularity,co-occurrence")]
        public string Arms { get; init; } = "static,static-offline,online,online+retrain,retrain-only,popularity,co-occurrence";

        [CommandOption("--train-fraction <F>")]
        [Description("Share of the events, by time, that trains the starting model; the rest is the stream.")]
        [DefaultValue(0.7)]
        public double TrainFraction { get; init; } = 0.7;

        [CommandOption("-k|--cutoff <K>")]
        [Description("Cutoff of HitRate@K and MRR@K.")]
        [DefaultValue(20)]
        public int K { get; init; } = 20;

        [CommandOption("--window <N>")]
        [Description("Scored events per reported window; progress is printed every N streamed events.")]
        [DefaultValue(1_000)]
        public int Window { get; init; } = 1_000;

        [CommandOption("--cold-threshold <N>")]
        [Description("The cold-start slice: users with fewer than N events before the query.")]
        [DefaultValue(5)]
        public int ColdThreshold { get; init; } = 5;

        [CommandOption("--sampler <SAMPLER>")]
        [Description("Negatives of the starting model and the retrains: rns, dns or mixgcf.")]
        [DefaultValue(NegativeSamplers.Uniform)]
        public string Sampler { get; init; } = NegativeSamplers.Uniform;

        [CommandOption("--dim <D>")]
        [DefaultValue(64)]
        public int Dimension { get; init; } = 64;

        [CommandOption("--layers <K>")]
        [Description("LightGCN layers, in training and in the grains' online graph.")]
        [DefaultValue(3)]
        public int Layers { get; init; } = 3;

        [CommandOption("--epochs <N>")]
        [Description("Epochs of the starting model.")]
        [DefaultValue(20)]
        public int Epochs { get; init; } = 20;

        [CommandOption("--batch <B>")]
        [Description("BPR triples per step, in the starting model's training and the retrains.")]
        [DefaultValue(2048)]
        public int BatchSize { get; init; } = 2048;

        [CommandOption("--lr <RATE>")]
        [Description("Adam learning rate of the starting model and the retrains (0.001 peaked at epoch 20 on MovieLens small).")]
        [DefaultValue(0.001)]
        public double LearningRate { get; init; } = 0.001;

        [CommandOption("--threads <N>")]
        [Description("Threads of the starting model's training and the retrains (default: all cores).")]
        public int? Threads { get; init; }

        [CommandOption("--retrain-every <N>")]
        [Description("Streamed events between the retrains of online+retrain and retrain-only.")]
        [DefaultValue(5_000)]
        public int RetrainEvery { get; init; } = 5_000;

        [CommandOption("--retrain-epochs <N>")]
        [Description("Epochs of each trainer grain run, warm-started from the serving model.")]
        [DefaultValue(5)]
        public int RetrainEpochs { get; init; } = 5;

        [CommandOption("--retrain-holdout <F>")]
        [Description("Newest share of the interaction log each retrain holds out for the trainer grain's validation gate (LGR:Trainer:ValidationFraction); " +
            "those events reach the model only at a later retrain.")]
        [DefaultValue(0.1)]
        public double RetrainHoldout { get; init; } = 0.1;

        [CommandOption("--baseline-window <N>")]
        [Description("Recent events the popularity and co-occurrence baselines count.")]
        [DefaultValue(10_000)]
        public int BaselineWindow { get; init; } = 10_000;

        [CommandOption("--flush-ms <MS>")]
        [Description("Grains' write-behind period (LGR:Graph:FlushInterval): when coalesced corrections and item index pushes go out.")]
        [DefaultValue(1_000)]
        public int FlushMilliseconds { get; init; } = 1_000;

        [CommandOption("--index-refresh-ms <MS>")]
        [Description("How often the silo pulls item index changes (LGR:Graph:IndexRefreshInterval).")]
        [DefaultValue(250)]
        public int IndexRefreshMilliseconds { get; init; } = 250;

        [CommandOption("--fan-out <N>")]
        [Description("Neighbours a node corrects per flush (LGR:Graph:CorrectionFanOut).")]
        [DefaultValue(GraphOptions.DefaultCorrectionFanOut)]
        public int FanOut { get; init; } = GraphOptions.DefaultCorrectionFanOut;

        [CommandOption("--correction-threshold <X>")]
        [Description("Relative change of a node's contribution before it corrects its neighbours again (LGR:Graph:CorrectionThreshold; 0 = every change).")]
        [DefaultValue(0.0)]
        public double CorrectionThreshold { get; init; }

        [CommandOption("--online-layers <L>")]
        [Description("Layers propagated online on top of the model (LGR:Graph:OnlineLayers): 1..--layers, 0 = all.")]
        [DefaultValue(0)]
        public int OnlineLayers { get; init; }

        [CommandOption("--trained-degree-weight <LAMBDA>")]
        [Description("Share of a node's trained edges counted in its degree after a publish (LGR:Graph:TrainedDegreeWeight): 1 = LightGCN's normalization, lower = newest edges weigh more.")]
        [DefaultValue(1.0)]
        public double TrainedDegreeWeight { get; init; } = 1;

        [CommandOption("--max-neighbours <N>")]
        [Description("Adjacency a node keeps (LGR:Graph:MaxNeighbours); large enough by default that seen-item exclusion is exact on MovieLens small.")]
        [DefaultValue(10_000)]
        public int MaxNeighbours { get; init; } = 10_000;

        [CommandOption("--seed <SEED>")]
        [Description("Seed of the training runs (initialization, sampling); recorded in the table.")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        [CommandOption("-o|--out <FILE>")]
        [Description("Markdown file for the results table (also printed).")]
        [DefaultValue("bench-stream.md")]
        public string Out { get; init; } = "bench-stream.md";

        public override ValidationResult Validate()
        {
            ValidationResult data = base.Validate();
            if (!data.Successful)
            {
                return data;
            }
            if (string.IsNullOrWhiteSpace(Out))
            {
                return ValidationResult.Error("--out is required.");
            }
            return OptionsValidation.Of(() => ToOptions().Validate());
        }

        public StreamBenchOptions ToOptions() => new()
        {
            Arms = Arms.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(StreamArms.Parse).ToList(),
            TrainFraction = TrainFraction,
            Scoring = new PrequentialSettings(K, Window, ColdThreshold),
            Training = new TrainingOptions
            {
                Model = ModelNames.LightGcn, Sampler = Sampler, Dimension = Dimension, Layers = Layers, Epochs = Epochs,
                BatchSize = BatchSize, LearningRate = LearningRate, Ks = [K], Seed = Seed,
                Threads = Threads ?? Environment.ProcessorCount,
            },
            RetrainEvery = RetrainEvery,
            RetrainEpochs = RetrainEpochs,
            RetrainHoldout = RetrainHoldout,
            BaselineWindow = BaselineWindow,
            FlushInterval = TimeSpan.FromMilliseconds(FlushMilliseconds),
            IndexRefreshInterval = TimeSpan.FromMilliseconds(IndexRefreshMilliseconds),
            CorrectionFanOut = FanOut,
            CorrectionThreshold = CorrectionThreshold,
            TrainedDegreeWeight = TrainedDegreeWeight,
            OnlineLayers = OnlineLayers,
            MaxNeighbours = MaxNeighbours,
        };
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        Dataset dataset = DatasetReading.Load(console, settings);
        if (!dataset.HasTimestamps)
        {
            throw new ArgumentException($"--data: '{settings.Data}' has no timestamps; a prequential stream needs event times.");
        }
        StreamBenchOptions options = settings.ToOptions();
        var stream = EventStream.Split(dataset, options.TrainFraction);
        console.MarkupLineInterpolated(
            $"{dataset.Name}: {stream.Prefix.Length:N0} prefix events, {stream.Events.Length:N0} streamed; arms: {string.Join(", ", options.Arms.Select(StreamArms.NameOf))}");
        var progress = new InlineProgress(p => console.MarkupLineInterpolated(
            $"[grey]{p.Arm}: {p.Done:N0}/{p.Total:N0} events, HitRate@{settings.K} {p.SoFar.HitRate:0.0000} (last window {p.LastWindow.HitRate:0.0000}), {p.EventsPerSecond:N0} events/s[/]"));
        IReadOnlyList<ArmResult> results = await StreamBenchmark.RunAsync(stream, options,
            line => console.MarkupLineInterpolated($"{line}"), progress, cancellationToken);

        string command = "lgr " + string.Join(' ', context.Arguments);
        string markdown = StreamReport.ToMarkdown(stream, options, results, command, DateTimeOffset.UtcNow);
        await File.WriteAllTextAsync(settings.Out, markdown, cancellationToken);
        console.Write(Summary(results, settings.K));
        foreach (string claim in StreamReport.Claims(results, settings.K))
        {
            console.MarkupLineInterpolated($"{claim}");
        }
        console.MarkupLineInterpolated($"Wrote {settings.Out} (the table, settings and per-window hit rates, in markdown).");
        return 0;
    }

    private static Table Summary(IReadOnlyList<ArmResult> results, int k)
    {
        var table = new Table().AddColumns("arm", $"HitRate@{k}", $"MRR@{k}", $"cold HitRate@{k}", "events/s", "CPU s", "retrain s");
        foreach (ArmResult r in results)
        {
            table.AddRow(r.Arm, $"{r.Overall.HitRate:0.0000}", $"{r.Overall.Mrr:0.0000}", $"{r.Cold.HitRate:0.0000}",
                $"{r.EventsPerSecond:N0}", $"{r.CpuTime.TotalSeconds:0.0}", $"{r.RetrainTime.TotalSeconds:0.0}");
        }
        return table;
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<ArmProgress> report) : IProgress<ArmProgress>
    {
        public void Report(ArmProgress value) => report(value);
    }
}

using System.ComponentModel;
using System.Diagnostics;
using LiveGraphRec.Client.Demo;
using LiveGraphRec.Client.Modeling;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Diagnostics;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Synthetic;
using LiveGraphRec.Training.Models;
using LiveGraphRec.Training.Sampling;
using LiveGraphRec.Training.Trainer;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr demo</c>: the embedded end-to-end job. Splits a timestamped data set by time (the synthetic default
/// needs no download), trains LightGCN + MixGCF on the past, starts the silo in this process (in-memory,
/// no Redis), publishes the model to the grains, replays the held-out future as a live event stream over
/// HTTP, and follows one user's recommendations as they act.
/// </summary>
public sealed class DemoCommand(IAnsiConsole console) : AsyncCommand<DemoCommand.Settings>
{
    private const int Cutoff = 20, Shown = 5, MaxTimelineSteps = 8, MaxItemsPerStep = 3;

    public sealed class Settings : DataSettings
    {
        [CommandOption("--users <N>")]
        [Description("Synthetic data (when no --data): users.")]
        [DefaultValue(3_000)]
        public int Users { get; init; } = 3_000;

        [CommandOption("--items <N>")]
        [Description("Synthetic data: items.")]
        [DefaultValue(1_500)]
        public int Items { get; init; } = 1_500;

        [CommandOption("--interactions <N>")]
        [Description("Synthetic data: events.")]
        [DefaultValue(100_000)]
        public int Interactions { get; init; } = 100_000;

        [CommandOption("--drift <FRACTION>")]
        [Description("Synthetic data: share of users who move to another community mid-way (what online updates catch).")]
        [DefaultValue(0.3)]
        public double Drift { get; init; } = 0.3;

        [CommandOption("--holdout <FRACTION>")]
        [Description("Latest share of the events, by time, held out of training and replayed as the live stream.")]
        [DefaultValue(0.2)]
        public double Holdout { get; init; } = 0.2;

        [CommandOption("--dim <D>")]
        [DefaultValue(64)]
        public int Dimension { get; init; } = 64;

        [CommandOption("--epochs <N>")]
        [DefaultValue(6)]
        public int Epochs { get; init; } = 6;

        [CommandOption("--lr <RATE>")]
        [Description("Adam learning rate; larger than the papers' 0.001 so a few epochs suffice on small data.")]
        [DefaultValue(0.005)]
        public double LearningRate { get; init; } = 0.005;

        [CommandOption("--batch-events <N>")]
        [Description("Events per POST /v1/events during the replay.")]
        [DefaultValue(500)]
        public int BatchEvents { get; init; } = 500;

        [CommandOption("--seed <SEED>")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        [CommandOption("-o|--out <FILE>")]
        [Description("Embedding file of the trained model (what the silo is seeded with).")]
        [DefaultValue("demo.lgr")]
        public string Out { get; init; } = "demo.lgr";

        public override ValidationResult Validate()
        {
            if (Data.Length > 0 && base.Validate() is { Successful: false } data)
            {
                return data;
            }
            if (Holdout is <= 0 or >= 1 || Drift is < 0 or > 1)
            {
                return ValidationResult.Error($"--holdout must be in (0, 1) and --drift in [0, 1] (got {Holdout}, {Drift}).");
            }
            return Epochs < 1 || BatchEvents < 1 || !(LearningRate > 0)
                ? ValidationResult.Error("--epochs and --batch-events must be at least 1 and --lr positive.")
                : ValidationResult.Success();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (split, labels) = Prepare(settings);
        var graphs = SplitGraphs.Build(split);
        console.MarkupLineInterpolated(
            $"[bold]{split.Name}[/]: {split.UserCount:N0} users, {split.ItemCount:N0} items; the first {1 - settings.Holdout:P0} of the events by time train the model ({graphs.Train.EdgeCount:N0} edges), the last {split.Test.Length:N0} are replayed live.");

        MetricsReport trained = Train(settings, split, graphs, cancellationToken);
        MetricsReport popularity = Evaluation.Run(ModelKinds.Fit(ModelKinds.Popularity, graphs.Train, 1, settings.Seed), graphs, [Cutoff]);
        console.Write(MetricsTable.Create([("lightgcn+mixgcf (held-out future)", trained), ("popularity", popularity)]));
        console.MarkupLineInterpolated(
            $"Graph model Recall@{Cutoff} is [green]{trained.At(Cutoff).Recall / Math.Max(popularity.At(Cutoff).Recall, 1e-12):0.0}×[/] popularity's.");

        await using EmbeddedSilo silo = await console.Status().StartAsync("Starting the embedded silo and publishing the model to the grains…",
            async _ =>
            {
                EmbeddedSilo started = await EmbeddedSilo.StartAsync(settings.Out, settings.Dimension, cancellationToken);
                using DemoApi api = DemoApi.For(started);
                await api.WaitUntilReadyAsync(TimeSpan.FromMinutes(2), cancellationToken);
                return started;
            });
        console.MarkupLineInterpolated($"Silo ready at {silo.Address} (localhost clustering, in-memory storage and streams).");

        int featured = FeaturedUser.Pick(split, settings.BatchEvents);
        using DemoApi api = DemoApi.For(silo);
        var replay = new LiveReplay(api, split, settings.BatchEvents, Cutoff);
        ReplayReport report = await console.Progress().AutoClear(false).StartAsync(async progress =>
        {
            ProgressTask task = progress.AddTask("replaying held-out events", maxValue: split.Test.Length);
            return await replay.RunAsync(featured, new Progress<int>(done => task.Value = done), cancellationToken);
        });

        ShowTimeline(report, labels);
        ShowSummary(report, split.Test.Length);
        console.MarkupLineInterpolated($"Done in {clock.Elapsed.TotalSeconds:0} s. The trained model is in {settings.Out}.");
        return 0;
    }

    private (Dataset Split, ItemLabels Labels) Prepare(Settings settings)
    {
        Dataset dataset = settings.Data.Length == 0
            ? SyntheticGenerator.Generate(new SyntheticOptions
            {
                Users = settings.Users, Items = settings.Items, Interactions = settings.Interactions,
                DriftFraction = settings.Drift, Seed = settings.Seed,
            })
            : DatasetReading.Load(console, settings);
        if (!dataset.HasTimestamps)
        {
            throw new InvalidDataException($"{settings.Data}: the demo replays events in time order and this data set has no timestamps (try ml-latest-small).");
        }
        string ratings = Directory.Exists(settings.Data) ? Path.Combine(settings.Data, "ratings.csv") : settings.Data;
        MovieCatalog? catalog = settings.Data.Length == 0 ? null : MovieCatalog.TryLoadBeside(ratings, settings.SkipInvalid);
        return (DatasetSplitter.TemporalCut(dataset, settings.Holdout), new ItemLabels(catalog));
    }

    private MetricsReport Train(Settings settings, Dataset split, SplitGraphs graphs, CancellationToken cancellationToken)
    {
        var options = new TrainingOptions
        {
            Model = ModelNames.LightGcn, Sampler = NegativeSamplers.MixGcf, Epochs = settings.Epochs, LearningRate = settings.LearningRate,
            Dimension = settings.Dimension,
            Patience = settings.Epochs, Ks = [Cutoff], Seed = settings.Seed,
        };
        using var trainer = new GraphTrainer(graphs, options);
        console.MarkupLineInterpolated($"Training {options.Model} + {options.Sampler} on {trainer.Device} for {options.Epochs} epochs…");
        var reporter = new TrainingReporter(console);
        TrainingResult result = reporter.Run(progress => trainer.Train(null, false, progress, reporter.OnEpoch,
            (factors, metrics, epoch) => TrainedModelFile.Write(settings.Out, options, split.Users, split.Items, factors, metrics, epoch,
                new Dictionary<string, string> { ["data"] = split.Name, ["split"] = $"temporal, last {settings.Holdout:P0} held out" }),
            cancellationToken));
        return result.BestMetrics ?? throw new InvalidOperationException("Training finished without an evaluation.");
    }

    private void ShowTimeline(ReplayReport report, ItemLabels labels)
    {
        console.MarkupLineInterpolated($"[bold]Following user {report.FeaturedUser}[/] through the stream:");
        console.MarkupLineInterpolated($"before the stream, top {Shown}: {Top(report.Initial, report.Initial, labels)}");
        foreach (TimelineStep step in report.Steps.Take(MaxTimelineSteps))
        {
            string[] previous = report.Steps.IndexOf(step) is > 0 and int i ? report.Steps[i - 1].After : report.Initial;
            string actions = string.Join(", ", step.Items.Take(MaxItemsPerStep).Select(acted => $"{labels.For(acted.Item)} ({Outcome(acted)})"))
                + (step.Items.Count > MaxItemsPerStep ? $" and {step.Items.Count - MaxItemsPerStep} more" : "");
            console.MarkupLineInterpolated($"[grey]{step.At:yyyy-MM-dd HH:mm}[/] → {actions}");
            console.MarkupLine($"   now top {Shown}: {Top(step.After, previous, labels)}");
        }
        if (report.Steps.Count > MaxTimelineSteps)
        {
            console.MarkupLineInterpolated($"[grey]… and {report.Steps.Count - MaxTimelineSteps} more steps.[/]");
        }
    }

    private static string Outcome(StepItem acted) =>
        acted.Repeat ? "again" : acted.PreviousRank > 0 ? $"was #{acted.PreviousRank} of their top {Cutoff}" : $"not in their top {Cutoff}";

    /// <summary>The first items of a list, entries new since <paramref name="previous"/>'s top in green.</summary>
    private static string Top(string[] items, string[] previous, ItemLabels labels) =>
        string.Join(", ", items.Take(Shown).Select(item => previous.Take(Shown).Contains(item)
            ? Markup.Escape(labels.For(item))
            : $"[green]{Markup.Escape(labels.For(item))}[/]"));

    private void ShowSummary(ReplayReport report, int events)
    {
        var table = new Table().AddColumns("live stream", "measured");
        table.AddRow("events replayed (all acknowledged)", $"{events:N0} in {report.Acknowledgements.Count:N0} batches");
        table.AddRow("ingest rate", $"{events / report.Elapsed.TotalSeconds:N0} events/s (with the calls below in between)");
        table.AddRow("POST /v1/events acknowledged", Percentiles(report.Acknowledgements));
        table.AddRow($"GET recommendations (k={Cutoff}) during ingest", Percentiles(report.Recommendations));
        table.AddRow($"user {report.FeaturedUser}: acknowledged → visible in their recommendations", Percentiles(report.Visibility));
        StepItem[] firstTimes = [.. report.Steps.SelectMany(step => step.Items).Where(acted => !acted.Repeat)];
        table.AddRow($"user {report.FeaturedUser}: new item already in their top {Cutoff}",
            $"{firstTimes.Count(acted => acted.PreviousRank > 0)} of {firstTimes.Length}");
        console.Write(table);
    }

    private static string Percentiles(LatencyHistogram sample) =>
        $"p50 {sample.Percentile(0.5).TotalMilliseconds:0.0} ms, p99 {sample.Percentile(0.99).TotalMilliseconds:0.0} ms ({sample.Count:N0} calls)";
}

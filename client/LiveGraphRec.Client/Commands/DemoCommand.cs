using System.ComponentModel;
using System.Diagnostics;
using LiveGraphRec.Client.Modeling;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using LiveGraphRec.Core.Synthetic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr demo</c>: the embedded end-to-end job. Needs no data and no services: generates the synthetic
/// data set, splits it, fits the graph model and the popularity baseline, compares them, writes the model.
/// </summary>
public sealed class DemoCommand(IAnsiConsole console) : Command<DemoCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--users <N>")]
        [DefaultValue(5_000)]
        public int Users { get; init; } = 5_000;

        [CommandOption("--items <N>")]
        [DefaultValue(2_000)]
        public int Items { get; init; } = 2_000;

        [CommandOption("--interactions <N>")]
        [DefaultValue(200_000)]
        public int Interactions { get; init; } = 200_000;

        [CommandOption("--dim <D>")]
        [DefaultValue(64)]
        public int Dimension { get; init; } = 64;

        [CommandOption("--seed <SEED>")]
        [DefaultValue(42)]
        public int Seed { get; init; } = 42;

        [CommandOption("-o|--out <FILE>")]
        [Description("Embedding file to write.")]
        [DefaultValue("demo.lgr")]
        public string Out { get; init; } = "demo.lgr";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var options = new SyntheticOptions
        {
            Users = settings.Users, Items = settings.Items, Interactions = settings.Interactions, Seed = settings.Seed,
        };
        options.Validate();
        var clock = Stopwatch.StartNew();
        Dataset generated = SyntheticGenerator.Generate(options);
        Dataset dataset = DatasetSplitter.RandomHoldout(generated, 0.2, settings.Seed);
        var graphs = SplitGraphs.Build(dataset);
        console.MarkupLineInterpolated(
            $"Synthetic data: {dataset.UserCount:N0} users, {dataset.ItemCount:N0} items, {generated.Train.Length:N0} events ({options.Communities} communities); random 80/20 per-user split → {graphs.Train.EdgeCount:N0} train, {graphs.Test.EdgeCount:N0} test edges");

        int[] ks = [10, 20];
        var results = new List<(string Model, MetricsReport Report)>();
        var spectral = ModelKinds.Fit(ModelKinds.Spectral, graphs.Train, settings.Dimension, settings.Seed);
        foreach (var (name, factors) in new[] { (ModelKinds.Spectral, spectral), (ModelKinds.Popularity, ModelKinds.Fit(ModelKinds.Popularity, graphs.Train, 1, settings.Seed)) })
        {
            results.Add((name, Evaluation.Run(factors, graphs, ks)));
        }
        console.Write(MetricsTable.Create(results));
        double ratio = results[0].Report.At(20).Recall / Math.Max(results[1].Report.At(20).Recall, 1e-12);
        console.MarkupLineInterpolated($"Graph model Recall@20 is [green]{ratio:0.0}×[/] popularity's.");

        EmbeddingFile.Write(settings.Out, new EmbeddingModel(ModelKinds.Spectral, Version: 1, spectral.Dimension,
            dataset.Users, dataset.Items, spectral.UserVectors, spectral.ItemVectors,
            new Dictionary<string, string> { ["data"] = "synthetic", ["seed"] = settings.Seed.ToString(), ["dim"] = settings.Dimension.ToString() },
            Evaluation.ToDictionary(results[0].Report), DateTimeOffset.UtcNow));
        console.MarkupLineInterpolated($"Wrote {settings.Out} in {clock.Elapsed.TotalSeconds:0.0} s total.");
        return 0;
    }
}

using System.ComponentModel;
using System.Diagnostics;
using LiveGraphRec.Client.Modeling;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Metrics;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary><c>lgr fit</c>: fits a training-free model on the training split and writes its embedding file.</summary>
public sealed class FitCommand(IAnsiConsole console) : Command<FitCommand.Settings>
{
    public sealed class Settings : EvaluationSettings
    {
        [CommandOption("-m|--model <MODEL>")]
        [Description("spectral (top singular subspace of the normalized graph) or popularity.")]
        [DefaultValue(ModelKinds.Spectral)]
        public string Model { get; init; } = ModelKinds.Spectral;

        [CommandOption("--dim <D>")]
        [Description("Embedding dimension.")]
        [DefaultValue(64)]
        public int Dimension { get; init; } = 64;

        [CommandOption("-o|--out <FILE>")]
        [Description("Embedding file to write (written atomically).")]
        public string Out { get; init; } = "";

        public override ValidationResult Validate()
        {
            ValidationResult split = base.Validate();
            if (!split.Successful)
            {
                return split;
            }
            if (!ModelKinds.All.Contains(Model))
            {
                return ValidationResult.Error($"--model: '{Model}' is not one of {string.Join(", ", ModelKinds.All)}.");
            }
            if (Dimension < 1)
            {
                return ValidationResult.Error($"--dim: {Dimension} must be positive.");
            }
            return string.IsNullOrWhiteSpace(Out) ? ValidationResult.Error("--out is required.") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var (dataset, splitName) = settings.ApplySplit(DatasetReading.Load(console, settings));
        var graphs = SplitGraphs.Build(dataset);
        console.MarkupLineInterpolated($"Split: {splitName}: {dataset.Train.Length:N0} train, {dataset.Test.Length:N0} test interactions");

        var clock = Stopwatch.StartNew();
        var factors = console.Status().Start($"Fitting {settings.Model} (d={settings.Dimension})…",
            _ => ModelKinds.Fit(settings.Model, graphs.Train, settings.Dimension, settings.Seed));
        console.MarkupLineInterpolated($"Fitted {settings.Model} in {clock.Elapsed.TotalSeconds:0.00} s");

        MetricsReport metrics = console.Status().Start("Evaluating…", _ => Evaluation.Run(factors, graphs, settings.Ks));
        console.Write(MetricsTable.Create([(settings.Model, metrics)]));

        var model = new EmbeddingModel(settings.Model, Version: 1, factors.Dimension, dataset.Users, dataset.Items,
            factors.UserVectors, factors.ItemVectors,
            new Dictionary<string, string>
            {
                ["data"] = Path.GetFullPath(settings.Data),
                ["split"] = splitName,
                ["dim"] = settings.Dimension.ToString(),
                ["seed"] = settings.Seed.ToString(),
            },
            Evaluation.ToDictionary(metrics), DateTimeOffset.UtcNow);
        EmbeddingFile.Write(settings.Out, model);
        console.MarkupLineInterpolated($"Wrote {settings.Out}");
        return 0;
    }
}

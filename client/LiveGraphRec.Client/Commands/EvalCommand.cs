using System.ComponentModel;
using LiveGraphRec.Client.Modeling;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary><c>lgr eval</c>: Recall/NDCG/Precision/HitRate@K of an embedding file on a data set's test split.</summary>
public sealed class EvalCommand(IAnsiConsole console) : Command<EvalCommand.Settings>
{
    public sealed class Settings : EvaluationSettings
    {
        [CommandOption("-e|--embeddings <FILE>")]
        [Description("Embedding file written by lgr fit or the trainer.")]
        public string Embeddings { get; init; } = "";

        public override ValidationResult Validate()
        {
            ValidationResult split = base.Validate();
            if (!split.Successful)
            {
                return split;
            }
            return File.Exists(Embeddings) ? ValidationResult.Success() : ValidationResult.Error($"--embeddings: file '{Embeddings}' does not exist.");
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        EmbeddingModel model = EmbeddingFile.Read(settings.Embeddings);
        var (dataset, splitName) = settings.ApplySplit(DatasetReading.Load(console, settings));
        var aligned = AlignedEmbeddings.Align(model, dataset.Users, dataset.Items);
        console.MarkupLineInterpolated(
            $"Model {model.ModelName} v{model.Version}, d={model.Dimension}, created {model.CreatedAt:u}; split: {splitName}");
        if (aligned.UnknownUsers + aligned.UnknownItems > 0)
        {
            console.MarkupLineInterpolated(
                $"[yellow]{aligned.UnknownUsers:N0} users and {aligned.UnknownItems:N0} items of the data set are not in the model; they score 0.[/]");
        }
        var graphs = SplitGraphs.Build(dataset);
        var report = console.Status().Start("Evaluating…", _ => Evaluation.Run(aligned.Factors, graphs, settings.Ks));
        console.Write(MetricsTable.Create([(model.ModelName, report)]));
        return 0;
    }
}

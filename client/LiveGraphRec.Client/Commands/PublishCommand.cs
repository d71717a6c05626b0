using System.ComponentModel;
using LiveGraphRec.Client.Http;
using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Core.Embeddings;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr publish</c>: pushes a trained embedding file to a running cluster in batches (items first, then users)
/// through <c>POST /v1/admin/embeddings</c>. Nodes keep only newer versions, so a repeated or interrupted
/// publish can simply be run again.
/// </summary>
public sealed class PublishCommand(IAnsiConsole console) : AsyncCommand<PublishCommand.Settings>
{
    /// <summary>The silo's limit on vectors per request.</summary>
    public const int MaxBatch = 10_000;

    public sealed class Settings : ClusterSettings
    {
        [CommandOption("-e|--embeddings <FILE>")]
        [Description("The embedding file (lgr fit / lgr train output).")]
        public string Embeddings { get; init; } = "";

        [CommandOption("--batch <N>")]
        [Description("Vectors per request (at most 10,000).")]
        [DefaultValue(2_000)]
        public int Batch { get; init; } = 2_000;

        [CommandOption("--version <V>")]
        [Description("Publish under this version instead of the file's (it must be newer than the cluster's to take effect).")]
        public long? Version { get; init; }

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Embeddings))
            {
                return ValidationResult.Error("--embeddings is required.");
            }
            if (!File.Exists(Embeddings))
            {
                return ValidationResult.Error($"--embeddings: no file at '{Embeddings}'.");
            }
            if (Batch is < 1 or > MaxBatch)
            {
                return ValidationResult.Error($"--batch: {Batch} must be from 1 to {MaxBatch:N0}.");
            }
            return Version is <= 0 ? ValidationResult.Error($"--version: {Version} must be positive.") : base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.RequireApiKey();
        EmbeddingModel model = EmbeddingFile.Read(settings.Embeddings);
        model.EnsureConsistent();
        long version = settings.Version ?? model.Version;
        console.MarkupLineInterpolated(
            $"Publishing {model.ModelName} version {version}: {model.Items.Count:N0} items and {model.Users.Count:N0} users, d = {model.Dimension}, to {settings.EffectiveUrl}");
        using var client = settings.CreateClient();
        int applied = 0, ignored = 0;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                ProgressTask items = progress.AddTask("items", maxValue: Math.Max(1, model.Items.Count));
                ProgressTask users = progress.AddTask("users", maxValue: Math.Max(1, model.Users.Count));
                foreach (var (task, count, isItems) in new[] { (items, model.Items.Count, true), (users, model.Users.Count, false) })
                {
                    for (int start = 0; start < count; start += settings.Batch)
                    {
                        var vectors = Enumerable.Range(start, Math.Min(settings.Batch, count - start))
                            .Select(row => isItems
                                ? new NodeVector(model.Items[row], model.ItemVector(row).ToArray())
                                : new NodeVector(model.Users[row], model.UserVector(row).ToArray()))
                            .ToList();
                        var batch = new EmbeddingBatch(model.ModelName, version, isItems ? vectors : [], isItems ? [] : vectors);
                        PublishReport report = await client.PublishEmbeddingsAsync(batch, cancellationToken);
                        applied += report.Applied;
                        ignored += report.Ignored;
                        task.Increment(vectors.Count);
                    }
                    task.Value = task.MaxValue;
                }
            });
        console.MarkupLineInterpolated($"Published: {applied:N0} nodes took version {version}; {ignored:N0} already had it or a newer one.");
        return 0;
    }
}

using System.ComponentModel;
using LiveGraphRec.Client.Http.Models;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr retrain</c>: asks a running cluster's trainer grain for a run now (<c>POST /v1/admin/train</c>) and
/// follows it (<c>GET /v1/admin/training</c>) through its phases to the outcome. A run already in progress is
/// followed instead of starting another (runs never overlap).
/// </summary>
public sealed class RetrainCommand(IAnsiConsole console) : AsyncCommand<RetrainCommand.Settings>
{
    /// <summary>Exit code when the run ended without publishing (rejected by the gate, failed or abandoned).</summary>
    public const int NotPublished = 1;

    public sealed class Settings : ClusterSettings
    {
        [CommandOption("--no-wait")]
        [Description("Return once the run is requested instead of following it to its outcome.")]
        public bool NoWait { get; init; }

        [CommandOption("--poll <SECONDS>")]
        [Description("How often to ask the trainer how the run stands.")]
        [DefaultValue(1.0)]
        public double PollSeconds { get; init; } = 1.0;

        public override ValidationResult Validate() =>
            PollSeconds is > 0 and <= 600 ? base.Validate() : ValidationResult.Error($"--poll: {PollSeconds} must be above 0 and at most 600 seconds.");
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        using var client = settings.CreateClient();
        TrainingRequest request = await client.RequestTrainingAsync(cancellationToken);
        if (request.Accepted)
        {
            console.MarkupLineInterpolated($"Training run {request.RunId} requested.");
        }
        else
        {
            console.MarkupLineInterpolated($"A training run is already in progress ({request.RunId}); following it.");
        }
        if (settings.NoWait)
        {
            return 0;
        }
        string lastProgress = "";
        while (true)
        {
            TrainingStatus status = await client.GetTrainingStatusAsync(cancellationToken);
            if (status.LastRun is { } finished && finished.RunId == request.RunId)
            {
                Show(finished);
                return finished.Outcome == TrainingRunResult.Published ? 0 : NotPublished;
            }
            if (status.CurrentRun is { } running && running.RunId == request.RunId)
            {
                string progress = $"{running.Phase}, epoch {running.Epoch}" + (running.Loss is { } loss ? $", loss {loss:0.0000}" : "");
                if (progress != lastProgress)
                {
                    console.MarkupLineInterpolated($"[grey]{DateTimeOffset.Now:HH:mm:ss} {progress}[/]");
                    lastProgress = progress;
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(settings.PollSeconds), cancellationToken);
        }
    }

    private void Show(TrainingRunResult run)
    {
        var table = new Table().AddColumns("run", run.RunId.ToString());
        table.AddRow("outcome", Markup.Escape(run.Outcome));
        table.AddRow("message", Markup.Escape(run.Message));
        table.AddRow("duration", $"{(run.FinishedAt - run.StartedAt).TotalSeconds:0.0} s, {run.Epochs} epochs");
        table.AddRow("cut", $"{run.Cut:N0} logged events");
        if (run.Validation is { } gate)
        {
            table.AddRow($"validation Recall@{gate.K}", $"new {gate.CandidateRecall:0.0000} vs serving {gate.ServingRecall:0.0000} (tolerance {gate.Tolerance}, {gate.Users:N0} users)");
        }
        table.AddRow("published version", run.Version > 0 ? run.Version.ToString() : "none");
        console.Write(table);
    }
}

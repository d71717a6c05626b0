using System.ComponentModel;
using System.Diagnostics;
using LiveGraphRec.Client.Http.Models;
using LiveGraphRec.Client.Presentation;
using LiveGraphRec.Core.Data;
using Spectre.Console;
using Spectre.Console.Cli;

namespace LiveGraphRec.Client.Commands;

/// <summary>
/// <c>lgr replay</c>: sends a data set's interactions to a running cluster as live events, in time order
/// (when the data has timestamps) at a fixed rate. Event ids are the data set's name and the record's
/// position, so replaying the same file again changes nothing.
/// </summary>
public sealed class ReplayCommand(IAnsiConsole console) : AsyncCommand<ReplayCommand.Settings>
{
    public sealed class Settings : ClusterSettings
    {
        [CommandOption("-d|--data <PATH>")]
        [Description("The events: an event file (.csv, .jsonl), a LightGCN folder or a MovieLens ratings.csv.")]
        public string Data { get; init; } = "";

        [CommandOption("-r|--rate <N>")]
        [Description("Events per second; 0 sends as fast as the cluster acknowledges.")]
        [DefaultValue(1_000.0)]
        public double Rate { get; init; } = 1_000;

        [CommandOption("--batch <N>")]
        [Description("Events per POST /v1/events.")]
        [DefaultValue(500)]
        public int Batch { get; init; } = 500;

        [CommandOption("--limit <N>")]
        [Description("Send at most this many events.")]
        public int? Limit { get; init; }

        [CommandOption("--test-only")]
        [Description("Send only the data set's test interactions (e.g. after publishing a model trained on its train split).")]
        public bool TestOnly { get; init; }

        [CommandOption("--train-only")]
        [Description("Send only the data set's training interactions (e.g. to load the graph a model was trained on).")]
        public bool TrainOnly { get; init; }

        /// <summary>Which interactions go out, as named in the event ids.</summary>
        public string Part => TestOnly ? "test" : TrainOnly ? "train" : "all";

        public override ValidationResult Validate()
        {
            if (TestOnly && TrainOnly)
            {
                return ValidationResult.Error("--test-only and --train-only exclude each other.");
            }
            if (DataProblem(Data) is { } problem)
            {
                return ValidationResult.Error(problem);
            }
            if (Rate < 0 || !double.IsFinite(Rate))
            {
                return ValidationResult.Error($"--rate: {Rate} must be 0 or positive.");
            }
            if (Batch < 1)
            {
                return ValidationResult.Error($"--batch: {Batch} must be at least 1.");
            }
            return Limit is < 1 ? ValidationResult.Error($"--limit: {Limit} must be at least 1.") : base.Validate();
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        settings.RequireApiKey();
        Dataset dataset = DatasetReading.Load(console, settings.Data, DatasetLoadOptions.Default);
        IEnumerable<Interaction> source = settings.TestOnly ? dataset.Test
            : settings.TrainOnly ? dataset.Train
            : dataset.Train.Concat(dataset.Test);
        // Stable ids: the position in the replayed sequence (train then test as loaded, then ordered by time).
        var events = source.Select((interaction, position) => (interaction, position))
            .OrderBy(pair => dataset.HasTimestamps ? pair.interaction.Timestamp : 0)
            .Take(settings.Limit ?? int.MaxValue)
            .Select(pair => new EventRecord($"{dataset.Name}:{settings.Part}:{pair.position}",
                dataset.Users[pair.interaction.User], dataset.Items[pair.interaction.Item], "view", pair.interaction.Weight,
                dataset.HasTimestamps ? pair.interaction.Timestamp : null))
            .ToList();
        console.MarkupLineInterpolated($"Replaying {events.Count:N0} events to {settings.EffectiveUrl} at {(settings.Rate > 0 ? $"{settings.Rate:N0}/s" : "full speed")}");
        using var client = settings.CreateClient();
        var clock = Stopwatch.StartNew();
        int accepted = 0;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                ProgressTask task = progress.AddTask("events", maxValue: Math.Max(1, events.Count));
                for (int start = 0; start < events.Count; start += settings.Batch)
                {
                    if (settings.Rate > 0 && TimeSpan.FromSeconds(start / settings.Rate) - clock.Elapsed is { Ticks: > 0 } ahead)
                    {
                        await Task.Delay(ahead, cancellationToken);
                    }
                    var batch = events.GetRange(start, Math.Min(settings.Batch, events.Count - start));
                    accepted += (await client.PostEventsAsync(batch, cancellationToken)).Accepted;
                    task.Increment(batch.Count);
                    task.Description = $"events ({accepted / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s)";
                }
                task.Value = task.MaxValue;
            });
        console.MarkupLineInterpolated(
            $"Sent {events.Count:N0} events, {accepted:N0} accepted, in {clock.Elapsed.TotalSeconds:0.0} s ({accepted / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s).");
        return 0;
    }
}

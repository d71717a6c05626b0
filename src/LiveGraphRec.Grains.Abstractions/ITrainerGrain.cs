namespace LiveGraphRec.Grains.Abstractions;

/// <summary>
/// The cluster's one trainer (key <see cref="Singleton"/>): decides when to retrain, admits one run at a time and
/// keeps the run history. The run itself happens outside any grain turn, in the silo's training worker, which
/// reports back through the last three methods.
/// </summary>
[Alias("lgr.ITrainerGrain")]
public interface ITrainerGrain : IGrainWithIntegerKey
{
    /// <summary>The key of the one trainer grain.</summary>
    public const long Singleton = 0;

    /// <summary>Registers the schedule reminder (idempotent); called by every silo at start.</summary>
    [Alias("EnsureScheduled")]
    Task EnsureScheduledAsync();

    /// <summary>Starts a run unless one is in progress; returns at once (the run is queued, not awaited).</summary>
    /// <param name="reason">Why: "api", "schedule", "events"; shown in the status.</param>
    [Alias("RequestRun")]
    Task<TrainingRequestResult> RequestRunAsync(string reason);

    [Alias("GetStatus")]
    Task<TrainingStatus> GetStatusAsync();

    /// <summary>The worker's heartbeat; false tells it to stop (the run was given up meanwhile).</summary>
    [Alias("ReportProgress")]
    Task<bool> ReportProgressAsync(TrainingProgress progress);

    /// <summary>Asks to push <paramref name="version"/> to the grains; granted only to the current run.</summary>
    [Alias("BeginPublish")]
    Task<bool> BeginPublishAsync(Guid runId, long version);

    [Alias("CompleteRun")]
    Task CompleteRunAsync(TrainingRunSummary summary);
}

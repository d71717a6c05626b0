namespace LiveGraphRec.Grains.Training;

/// <summary>
/// The cluster's one trainer. It decides when to train (a reminder checks the schedule and the event threshold;
/// <see cref="RequestRunAsync"/> on demand), admits one run at a time and keeps the history — but never trains.
/// </summary>
/// <remarks>
/// <para>Why the run is not awaited here: a grain turn must stay short (calls to this grain would queue behind it
/// and time out), and a TorchSharp run takes minutes of CPU that would starve the silo's scheduler threads. So a
/// request only posts a <see cref="TrainingJob"/> to the silo's <see cref="ITrainingQueue"/> (a bounded channel
/// read by a hosted background service, off the Orleans scheduler) and returns. The worker calls back:
/// <see cref="ReportProgressAsync"/> per phase and epoch (the answer tells it whether to go on),
/// <see cref="BeginPublishAsync"/> before it touches the serving grains, and <see cref="CompleteRunAsync"/>.</para>
/// <para>No overlap: the grain is not reentrant and holds at most one current run; the worker takes one job at a
/// time. A run whose silo was lost (this grain then reactivates elsewhere, where no worker holds it) is recorded
/// as abandoned and its late callbacks are refused, so it can never publish over a newer run.</para>
/// </remarks>
public sealed partial class TrainerGrain(
    [PersistentState("trainer", StorageNames.Graph)] IPersistentState<TrainerState> state,
    ITrainingQueue queue,
    IInteractionLog log,
    IOptions<TrainerOptions> options,
    ILogger<TrainerGrain> logger) : Grain, ITrainerGrain, IRemindable
{
    private const string ReminderName = "train";
    private TrainerState State => state.State;
    private TrainerOptions Options => options.Value;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => AbandonLostRunAsync();

    public async Task EnsureScheduledAsync()
    {
        if (!Options.Enabled)
        {
            return;
        }
        if (State.ScheduledSince is null)
        {
            State.ScheduledSince = DateTimeOffset.UtcNow;
            await state.WriteStateAsync();
        }
        await this.RegisterOrUpdateReminder(ReminderName, Options.CheckPeriod, Options.CheckPeriod);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await AbandonLostRunAsync();
        if (State.Current is not null || !Options.Enabled)
        {
            return;
        }
        if (TrainingSchedule.DueReason(Options, State, DateTimeOffset.UtcNow, await log.CountAsync()) is { } reason)
        {
            await RequestRunAsync(reason);
        }
    }

    public async Task<TrainingRequestResult> RequestRunAsync(string reason)
    {
        if (!Options.Enabled)
        {
            return new TrainingRequestResult(false, Guid.Empty, $"The trainer is disabled ({TrainerOptions.Section}:Enabled).");
        }
        await AbandonLostRunAsync();
        if (State.Current is { } current)
        {
            return new TrainingRequestResult(false, current.RunId,
                $"Run {current.RunId} ({current.Reason}, started {current.StartedAt:u}) is still {current.Phase}.");
        }
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var job = new TrainingJob(Guid.NewGuid(), reason, now, State.PublishedVersion);
        // Only a quick post: the worker runs the job on its own thread and reports back through this grain.
        if (!queue.TryEnqueue(job))
        {
            return new TrainingRequestResult(false, Guid.Empty, "This silo's training worker is still busy with an abandoned run.");
        }
        State.Current = new TrainingRunInfo(job.RunId, reason, now, "queued", 0, null, now);
        State.LastStartedAt = now;
        await state.WriteStateAsync();
        LogQueued(logger, job.RunId, reason);
        return new TrainingRequestResult(true, job.RunId, "Queued.");
    }

    public async Task<TrainingStatus> GetStatusAsync()
    {
        await AbandonLostRunAsync();
        return new TrainingStatus(State.Current is null ? "idle" : "running", State.Current, State.LastRun, State.PublishedVersion,
            State.PublishedCut, await log.CountAsync(), TrainingSchedule.NextRunAt(Options, State),
            Options.EventThreshold > 0 ? Options.EventThreshold : null);
    }

    public Task<bool> ReportProgressAsync(TrainingProgress progress)
    {
        if (State.Current?.RunId != progress.RunId)
        {
            return Task.FromResult(false);
        }
        // Kept in memory only: a lost heartbeat costs nothing, and a write per epoch would.
        State.Current = State.Current with
        {
            Phase = progress.Phase, Epoch = progress.Epoch, Loss = progress.Loss, LastHeardAt = DateTimeOffset.UtcNow,
        };
        return Task.FromResult(true);
    }

    public async Task<bool> BeginPublishAsync(Guid runId, long version)
    {
        if (State.Current?.RunId != runId)
        {
            return false;
        }
        State.Current = State.Current with { Phase = "publishing", LastHeardAt = DateTimeOffset.UtcNow };
        await state.WriteStateAsync();
        LogPublishing(logger, runId, version);
        return true;
    }

    public async Task CompleteRunAsync(TrainingRunSummary summary)
    {
        if (State.Current?.RunId != summary.RunId)
        {
            LogStaleCompletion(logger, summary.RunId, summary.Outcome);
            return;
        }
        State.Current = null;
        State.LastRun = summary;
        if (summary.Outcome == TrainingOutcome.Published)
        {
            State.PublishedVersion = summary.Version;
            State.PublishedCut = summary.Cut;
        }
        await state.WriteStateAsync();
        LogCompleted(logger, summary.RunId, summary.Outcome, summary.Version, summary.Message);
    }

    /// <summary>A run no worker of this silo holds is lost: its silo stopped, or this grain moved away from it.</summary>
    private async Task AbandonLostRunAsync()
    {
        if (State.Current is not { } current || queue.Holds(current.RunId))
        {
            return;
        }
        State.Current = null;
        State.LastRun = new TrainingRunSummary(current.RunId, current.Reason, current.StartedAt, DateTimeOffset.UtcNow,
            TrainingOutcome.Abandoned, $"Lost while {current.Phase}: its silo stopped or the trainer moved; the serving model is unchanged.",
            current.Epoch, 0, 0, null, 0);
        await state.WriteStateAsync();
        LogAbandoned(logger, current.RunId, current.Phase);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} queued ({Reason})")]
    private static partial void LogQueued(ILogger logger, Guid runId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} publishes version {Version}")]
    private static partial void LogPublishing(ILogger logger, Guid runId, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Training run {RunId} finished: {Outcome}, version {Version}; {Message}")]
    private static partial void LogCompleted(ILogger logger, Guid runId, TrainingOutcome outcome, long version, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId} reported {Outcome} after it was given up; ignored")]
    private static partial void LogStaleCompletion(ILogger logger, Guid runId, TrainingOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Training run {RunId} was lost while {Phase}; the serving model is unchanged")]
    private static partial void LogAbandoned(ILogger logger, Guid runId, string phase);
}

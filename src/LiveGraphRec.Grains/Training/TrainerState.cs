namespace LiveGraphRec.Grains.Training;

/// <summary>The trainer grain's persisted state: the run in progress, the last finished one and what serves.</summary>
[GenerateSerializer, Alias("lgr.TrainerState")]
public sealed class TrainerState
{
    /// <summary>When the schedule was first registered: the reference time before any run.</summary>
    [Id(0)] public DateTimeOffset? ScheduledSince { get; set; }
    [Id(1)] public DateTimeOffset? LastStartedAt { get; set; }
    [Id(2)] public TrainingRunInfo? Current { get; set; }
    [Id(3)] public TrainingRunSummary? LastRun { get; set; }
    [Id(4)] public long PublishedVersion { get; set; }
    [Id(5)] public long PublishedCut { get; set; }
}

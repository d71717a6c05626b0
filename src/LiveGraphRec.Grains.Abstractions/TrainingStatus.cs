namespace LiveGraphRec.Grains.Abstractions;

/// <summary>What <c>GET /v1/admin/training</c> shows.</summary>
/// <param name="State">idle or running.</param>
/// <param name="PublishedVersion">The last version this trainer published (0: none yet).</param>
/// <param name="PublishedCut">The interaction log sequence that version was trained up to.</param>
/// <param name="LoggedEvents">Entries in the interaction log now; minus the cut, the events not in the model yet.</param>
/// <param name="NextRunAt">When the schedule starts the next run; null when only the event threshold or a request can.</param>
[GenerateSerializer, Immutable, Alias("lgr.TrainingStatus")]
public sealed record TrainingStatus(
    [property: Id(0)] string State,
    [property: Id(1)] TrainingRunInfo? CurrentRun,
    [property: Id(2)] TrainingRunSummary? LastRun,
    [property: Id(3)] long PublishedVersion,
    [property: Id(4)] long PublishedCut,
    [property: Id(5)] long LoggedEvents,
    [property: Id(6)] DateTimeOffset? NextRunAt,
    [property: Id(7)] int? EventThreshold);

using System.Text.Json.Serialization;

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>How a training run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingOutcome>))]
public enum TrainingOutcome
{
    /// <summary>Validated and pushed to the grains under a new version.</summary>
    Published,
    /// <summary>Trained but worse than the serving model beyond the tolerance (or not finite): serving kept.</summary>
    Rejected,
    /// <summary>An error stopped it before the model was published; serving kept.</summary>
    Failed,
    /// <summary>Its silo stopped or the trainer grain moved mid-run; serving kept, the next run starts clean.</summary>
    Abandoned,
}

/// <summary>The answer to a run request.</summary>
/// <param name="Accepted">False when a run was already in progress (<paramref name="RunId"/> is then that run's).</param>
[GenerateSerializer, Immutable, Alias("lgr.TrainingRequestResult")]
public sealed record TrainingRequestResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] Guid RunId,
    [property: Id(2)] string Message);

/// <summary>The run in progress.</summary>
/// <param name="Phase">queued, snapshot, training, validating, publishing.</param>
[GenerateSerializer, Immutable, Alias("lgr.TrainingRunInfo")]
public sealed record TrainingRunInfo(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] string Phase,
    [property: Id(4)] int Epoch,
    [property: Id(5)] double? Loss,
    [property: Id(6)] DateTimeOffset LastHeardAt);

/// <summary>A heartbeat of the run in progress.</summary>
[GenerateSerializer, Immutable, Alias("lgr.TrainingProgress")]
public sealed record TrainingProgress(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] string Phase,
    [property: Id(2)] int Epoch,
    [property: Id(3)] double? Loss);

/// <summary>The validation gate's comparison on the held-out newest events.</summary>
/// <param name="Users">Users with held-out edges that were ranked.</param>
/// <param name="Baseline">What the candidate was compared with: the serving model's name and version, or popularity when none serves.</param>
[GenerateSerializer, Immutable, Alias("lgr.ValidationReport")]
public sealed record ValidationReport(
    [property: Id(0)] int Users,
    [property: Id(1)] int K,
    [property: Id(2)] double CandidateRecall,
    [property: Id(3)] double ServingRecall,
    [property: Id(4)] double Tolerance,
    [property: Id(5)] string Baseline);

/// <summary>A finished run.</summary>
/// <param name="Cut">Interaction log sequence the model was trained up to (the consistent cut recorded with the model).</param>
/// <param name="SnapshotEvents">Log entries in the snapshot (training and held out).</param>
/// <param name="Version">The published version; 0 when nothing was published.</param>
[GenerateSerializer, Immutable, Alias("lgr.TrainingRunSummary")]
public sealed record TrainingRunSummary(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] string Reason,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset FinishedAt,
    [property: Id(4)] TrainingOutcome Outcome,
    [property: Id(5)] string Message,
    [property: Id(6)] int Epochs,
    [property: Id(7)] long Cut,
    [property: Id(8)] long SnapshotEvents,
    [property: Id(9)] ValidationReport? Validation,
    [property: Id(10)] long Version)
{
    public TimeSpan Duration => FinishedAt - StartedAt;
}

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

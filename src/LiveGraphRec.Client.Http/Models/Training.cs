namespace LiveGraphRec.Client.Http.Models;

/// <summary>The answer to <c>POST /v1/admin/train</c>.</summary>
/// <param name="Accepted">False when a run was already in progress; <paramref name="RunId"/> is then that run's.</param>
public sealed record TrainingRequest(bool Accepted, Guid RunId, string Message);

/// <summary><c>GET /v1/admin/training</c>: the trainer grain's state, the run in progress and the last one.</summary>
/// <param name="State">idle or running.</param>
public sealed record TrainingStatus(string State, TrainingRun? CurrentRun, TrainingRunResult? LastRun, long PublishedVersion,
    long LoggedEvents, DateTimeOffset? NextRunAt);

/// <param name="Phase">queued, snapshot, training, validating, publishing.</param>
public sealed record TrainingRun(Guid RunId, string Phase, int Epoch, double? Loss);

/// <param name="Outcome">Published, Rejected, Failed or Abandoned.</param>
/// <param name="Version">The published version; 0 when nothing was published.</param>
public sealed record TrainingRunResult(Guid RunId, string Reason, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Outcome,
    string Message, int Epochs, long Cut, TrainingValidation? Validation, long Version)
{
    public const string Published = "Published";
}

/// <summary>The gate's comparison: Recall@K of the new model and of the serving one on the newest events.</summary>
public sealed record TrainingValidation(int Users, int K, double CandidateRecall, double ServingRecall, double Tolerance);

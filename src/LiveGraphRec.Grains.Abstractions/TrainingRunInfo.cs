namespace LiveGraphRec.Grains.Abstractions;

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

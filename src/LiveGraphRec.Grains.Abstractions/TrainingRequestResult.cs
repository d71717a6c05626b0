namespace LiveGraphRec.Grains.Abstractions;

/// <summary>The answer to a run request.</summary>
/// <param name="Accepted">False when a run was already in progress (<paramref name="RunId"/> is then that run's).</param>
[GenerateSerializer, Immutable, Alias("lgr.TrainingRequestResult")]
public sealed record TrainingRequestResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] Guid RunId,
    [property: Id(2)] string Message);

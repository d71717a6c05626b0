namespace LiveGraphRec.Grains.Abstractions;

/// <summary>A heartbeat of the run in progress.</summary>
[GenerateSerializer, Immutable, Alias("lgr.TrainingProgress")]
public sealed record TrainingProgress(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] string Phase,
    [property: Id(2)] int Epoch,
    [property: Id(3)] double? Loss);

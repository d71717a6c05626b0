namespace LiveGraphRec.Grains.Abstractions;

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

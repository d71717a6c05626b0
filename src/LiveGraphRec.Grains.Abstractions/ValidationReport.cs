namespace LiveGraphRec.Grains.Abstractions;

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

namespace LiveGraphRec.Grains.Abstractions;

/// <param name="Count">How many items to return (K).</param>
/// <param name="ExcludeSeen">Leave out items the user has interacted with (those still in its adjacency).</param>
/// <param name="Candidates">When given, rank only these item ids (e.g. a business filter); null ranks the whole catalog.</param>
[GenerateSerializer, Immutable, Alias("lgr.RecommendationRequest")]
public sealed record RecommendationRequest(
    [property: Id(0)] int Count,
    [property: Id(1)] bool ExcludeSeen = true,
    [property: Id(2)] IReadOnlyList<string>? Candidates = null);

namespace LiveGraphRec.Grains.Abstractions;

[GenerateSerializer, Immutable, Alias("lgr.ScoredItem")]
public sealed record ScoredItem([property: Id(0)] string ItemId, [property: Id(1)] float Score);

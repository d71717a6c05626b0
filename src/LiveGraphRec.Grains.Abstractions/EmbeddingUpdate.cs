namespace LiveGraphRec.Grains.Abstractions;

/// <summary>A published layer-0 embedding for one user or item; nodes ignore versions older than theirs.</summary>
[GenerateSerializer, Immutable, Alias("lgr.EmbeddingUpdate")]
public sealed record EmbeddingUpdate([property: Id(0)] long Version, [property: Id(1)] float[] Vector);

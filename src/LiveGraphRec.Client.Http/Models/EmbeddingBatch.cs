namespace LiveGraphRec.Client.Http.Models;

/// <summary>One batch of a model to publish: every vector carries <paramref name="Version"/>; nodes keep only newer versions.</summary>
public sealed record EmbeddingBatch(string Model, long Version, IReadOnlyList<NodeVector> Items, IReadOnlyList<NodeVector> Users);

public sealed record NodeVector(string Id, float[] Vector);

/// <param name="Applied">Nodes that took the vectors.</param>
/// <param name="Ignored">Nodes that already had this or a newer version.</param>
public sealed record PublishReport(string ModelName, long Version, int Users, int Items, int Applied, int Ignored);

namespace LiveGraphRec.Client.Http.Models;

/// <summary>
/// A user's or item's state: adjacency (most recent first), degree (online edges since the last publish, and those
/// the published embedding was trained with), model version, final embedding.
/// </summary>
public sealed record NodeProfile(
    string Id,
    int Degree,
    long EmbeddingVersion,
    IReadOnlyList<Neighbour> Neighbours,
    float[] Embedding,
    long AppliedEvents,
    DateTimeOffset? LastEventAt,
    int TrainedDegree = 0);

/// <param name="Interactions">Events on this edge; repeats add weight, not edges.</param>
public sealed record Neighbour(string Id, DateTimeOffset LastAt, float Weight, int Interactions);

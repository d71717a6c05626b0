namespace LiveGraphRec.Grains.Publishing;

/// <summary>One user's or item's published layer-0 embedding, as <c>POST /v1/admin/embeddings</c> takes it in batches.</summary>
public sealed record NodeVector(string Id, float[] Vector);

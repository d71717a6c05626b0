namespace LiveGraphRec.Core.Models;

/// <summary>Row-major user and item embeddings of one width; score(u, i) = ⟨user_u, item_i⟩.</summary>
public sealed record EmbeddingFactors(int Dimension, float[] UserVectors, float[] ItemVectors)
{
    public int UserCount => UserVectors.Length / Dimension;
    public int ItemCount => ItemVectors.Length / Dimension;
}

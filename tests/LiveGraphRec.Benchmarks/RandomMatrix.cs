using LiveGraphRec.Core.Retrieval;

namespace LiveGraphRec.Benchmarks;

internal static class RandomMatrix
{
    /// <summary>Seeded uniform ±0.17 embeddings: standard deviation ≈ 0.1, the scale of a fresh LightGCN table.</summary>
    public static EmbeddingMatrix Create(int rows, int dim, int seed)
    {
        var random = new Random(seed);
        var data = new float[rows * dim];
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2 - 1) * 0.17);
        }
        return new EmbeddingMatrix(rows, dim, data);
    }
}

using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;

namespace LiveGraphRec.Prequential.Training;

/// <summary>
/// A model trained on the events seen so far, over the stream's whole dense id space: the ego embeddings E⁰
/// a retrain warm-starts from, and the final embeddings that are served.
/// </summary>
public sealed record TrainedModel(EmbeddingFactors Ego, EmbeddingFactors Final, TimeSpan TrainTime)
{
    /// <summary>
    /// What is published: the final embeddings of the users and items that have an event in <paramref name="seen"/>.
    /// The others were never trained, so they stay cold in the grains (an online graph gives them an embedding
    /// from their first neighbours).
    /// </summary>
    public EmbeddingModel ToPublished(Dataset ids, BipartiteGraph seen, string modelName, long version) =>
        Known(Final, ids, seen, modelName, version);

    /// <summary>The E⁰ rows of the same nodes as <see cref="ToPublished"/>: the trainer's warm start from this model.</summary>
    public EmbeddingModel EgoOfPublished(Dataset ids, BipartiteGraph seen, string modelName, long version) =>
        Known(Ego, ids, seen, modelName, version);

    private static EmbeddingModel Known(EmbeddingFactors factors, Dataset ids, BipartiteGraph seen, string modelName, long version)
    {
        int dim = factors.Dimension;
        var (users, userVectors) = Rows(ids.Users, factors.UserVectors, dim, seen.UserCount, seen.UserDegree);
        var (items, itemVectors) = Rows(ids.Items, factors.ItemVectors, dim, seen.ItemCount, seen.ItemDegree);
        return new EmbeddingModel(modelName, version, dim, users, items, userVectors, itemVectors,
            new Dictionary<string, string> { ["edges"] = seen.EdgeCount.ToString() }, new Dictionary<string, double>(), DateTimeOffset.UtcNow);
    }

    private static (IdMap Ids, float[] Vectors) Rows(IdMap all, float[] vectors, int dim, int count, Func<int, int> degree)
    {
        var ids = new IdMap();
        var kept = new List<float>();
        for (int row = 0; row < count; row++)
        {
            if (degree(row) > 0)
            {
                ids.GetOrAdd(all[row]);
                kept.AddRange(vectors.AsSpan(row * dim, dim));
            }
        }
        return (ids, [.. kept]);
    }
}

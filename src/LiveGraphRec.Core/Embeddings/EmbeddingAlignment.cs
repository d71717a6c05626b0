using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Models;

namespace LiveGraphRec.Core.Embeddings;

/// <summary>
/// A model's embeddings re-indexed to a data set's id maps. Ids the model does not know get zero
/// vectors (they score 0 everywhere) and are counted, so an evaluation can say how many there were.
/// </summary>
public sealed record AlignedEmbeddings(EmbeddingFactors Factors, int UnknownUsers, int UnknownItems)
{
    public static AlignedEmbeddings Align(EmbeddingModel model, IdMap users, IdMap items)
    {
        var (userVectors, unknownUsers) = Reindex(model.UserVectors, model.Users, users, model.Dimension);
        var (itemVectors, unknownItems) = Reindex(model.ItemVectors, model.Items, items, model.Dimension);
        return new AlignedEmbeddings(new EmbeddingFactors(model.Dimension, userVectors, itemVectors), unknownUsers, unknownItems);
    }

    private static (float[] Vectors, int Unknown) Reindex(float[] source, IdMap sourceIds, IdMap targetIds, int dim)
    {
        var target = new float[targetIds.Count * dim];
        int unknown = 0;
        for (int t = 0; t < targetIds.Count; t++)
        {
            if (sourceIds.TryGetIndex(targetIds[t], out int s))
            {
                source.AsSpan(s * dim, dim).CopyTo(target.AsSpan(t * dim, dim));
            }
            else
            {
                unknown++;
            }
        }
        return (target, unknown);
    }
}

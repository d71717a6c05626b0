using System.Numerics.Tensors;
using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Core.Propagation;

/// <summary>
/// LightGCN's parameter-free propagation on CPU: E^(k+1) = D^-1/2 A D^-1/2 E^(k) on the bipartite
/// graph, final embedding = mean of layers 0..K (He et al., SIGIR 2020).
/// </summary>
public static class LightGcnPropagation
{
    /// <summary>
    /// Propagates ego embeddings through <paramref name="layers"/> layers and writes the layer mean.
    /// All matrices are row-major with <paramref name="dim"/> columns.
    /// </summary>
    public static void Propagate(BipartiteGraph graph, float[] userEgo, float[] itemEgo, int dim, int layers,
        float[] userFinal, float[] itemFinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        CheckShape(userEgo, graph.UserCount, dim, nameof(userEgo));
        CheckShape(itemEgo, graph.ItemCount, dim, nameof(itemEgo));
        CheckShape(userFinal, graph.UserCount, dim, nameof(userFinal));
        CheckShape(itemFinal, graph.ItemCount, dim, nameof(itemFinal));

        userEgo.AsSpan().CopyTo(userFinal);
        itemEgo.AsSpan().CopyTo(itemFinal);
        float[] userLayer = (float[])userEgo.Clone(), itemLayer = (float[])itemEgo.Clone();
        float[] userNext = new float[userLayer.Length], itemNext = new float[itemLayer.Length];
        for (int k = 0; k < layers; k++)
        {
            // Users read the previous item layer and items the previous user layer: one synchronous step.
            SparseRowProduct.Multiply(graph.UserOffsets, graph.UserItems, graph.UserEdgeWeights, itemLayer, dim, userNext);
            SparseRowProduct.Multiply(graph.ItemOffsets, graph.ItemUsers, graph.ItemEdgeWeights, userLayer, dim, itemNext);
            (userLayer, userNext) = (userNext, userLayer);
            (itemLayer, itemNext) = (itemNext, itemLayer);
            TensorPrimitives.Add(userFinal, userLayer, userFinal);
            TensorPrimitives.Add(itemFinal, itemLayer, itemFinal);
        }
        float scale = 1f / (layers + 1);
        TensorPrimitives.Multiply(userFinal, scale, userFinal);
        TensorPrimitives.Multiply(itemFinal, scale, itemFinal);
    }

    private static void CheckShape(float[] matrix, int rows, int dim, string name)
    {
        if (matrix.Length != (long)rows * dim)
        {
            throw new ArgumentException($"{name} has {matrix.Length} values; expected {rows} × {dim}.", name);
        }
    }
}

using System.Numerics.Tensors;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.LinearAlgebra;

namespace LiveGraphRec.Core.Models;

/// <summary>
/// A training-free graph model: the top-d singular subspace of the normalized adjacency
/// Â = D_u^-1/2 R D_i^-1/2. LightGCN's propagation is a low-pass filter on Â, and its rank-d
/// truncation is the strongest low-pass component (Shen et al., "How Powerful is Graph Convolution
/// for Recommendation?", CIKM 2021; Peng et al., SVD-GCN, CIKM 2022), so it is a sound cold model
/// and a warm start before the TorchSharp trainer runs.
/// </summary>
public static class SpectralModel
{
    /// <summary>user_u = U_u·√σ and item_i = V_i·√σ, so ⟨user_u, item_i⟩ is the rank-d approximation of Â_ui.</summary>
    public static EmbeddingFactors Fit(BipartiteGraph graph, int dimension, int powerIterations = 4, int seed = 0)
    {
        TruncatedSvd svd = RandomizedSvd.Compute(new NormalizedAdjacency(graph), dimension, powerIterations, seed: seed);
        var scale = new float[dimension];
        TensorPrimitives.Sqrt(svd.Values, scale);
        ScaleColumns(svd.Left, dimension, scale);
        ScaleColumns(svd.Right, dimension, scale);
        return new EmbeddingFactors(dimension, svd.Left, svd.Right);
    }

    private static void ScaleColumns(float[] matrix, int dimension, ReadOnlySpan<float> scale)
    {
        for (int offset = 0; offset < matrix.Length; offset += dimension)
        {
            Span<float> row = matrix.AsSpan(offset, dimension);
            TensorPrimitives.Multiply(row, scale, row);
        }
    }
}

using LiveGraphRec.Core.LinearAlgebra;
using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Core.Graph;

/// <summary>The normalized user×item matrix Â = D_u^-1/2 R D_i^-1/2 as a sparse operator.</summary>
public sealed class NormalizedAdjacency(BipartiteGraph graph) : ISparseOperator
{
    public int Rows => graph.UserCount;
    public int Columns => graph.ItemCount;

    public void Multiply(float[] input, int width, float[] output) =>
        SparseRowProduct.Multiply(graph.UserOffsets, graph.UserItems, graph.UserEdgeWeights, input, width, output);

    public void MultiplyTransposed(float[] input, int width, float[] output) =>
        SparseRowProduct.Multiply(graph.ItemOffsets, graph.ItemUsers, graph.ItemEdgeWeights, input, width, output);
}

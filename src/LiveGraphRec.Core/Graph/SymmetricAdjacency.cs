using LiveGraphRec.Core.LinearAlgebra;
using LiveGraphRec.Core.Propagation;

namespace LiveGraphRec.Core.Graph;

/// <summary>
/// The LightGCN propagation matrix Ã = D^-1/2 A D^-1/2 over all nodes (users first, then items) as one
/// symmetric CSR matrix, so a single SpMM propagates both sides and serves as its own transpose.
/// The first half of the entries are the user rows (edge k of the user-side CSR), the second the item rows.
/// </summary>
public sealed class SymmetricAdjacency : ISparseOperator
{
    private SymmetricAdjacency(int userCount, int itemCount, int[] offsets, int[] columns, float[] weights)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        Offsets = offsets;
        Columns = columns;
        Weights = weights;
    }

    public int UserCount { get; }
    public int ItemCount { get; }
    /// <summary>Users are nodes 0..UserCount-1; item i is node UserCount + i.</summary>
    public int NodeCount => UserCount + ItemCount;
    public int[] Offsets { get; }
    public int[] Columns { get; }
    public float[] Weights { get; }
    public int NonZeros => Columns.Length;

    int ISparseOperator.Rows => NodeCount;
    int ISparseOperator.Columns => NodeCount;

    /// <summary>The same sparsity pattern with other entry weights (e.g. SGCN's masked, re-normalized adjacency).</summary>
    public SymmetricAdjacency WithWeights(float[] weights)
    {
        if (weights.Length != NonZeros)
        {
            throw new ArgumentException($"Expected {NonZeros} weights, got {weights.Length}.", nameof(weights));
        }
        return new SymmetricAdjacency(UserCount, ItemCount, Offsets, Columns, weights);
    }

    public void Multiply(float[] input, int width, float[] output) =>
        SparseRowProduct.Multiply(Offsets, Columns, Weights, input, width, output);

    /// <summary>The matrix is symmetric: Aᵀ x = A x.</summary>
    public void MultiplyTransposed(float[] input, int width, float[] output) => Multiply(input, width, output);

    public static SymmetricAdjacency From(BipartiteGraph graph)
    {
        int users = graph.UserCount, edges = graph.EdgeCount;
        var offsets = new int[users + graph.ItemCount + 1];
        var columns = new int[2 * edges];
        var weights = new float[2 * edges];
        for (int u = 0; u <= users; u++)
        {
            offsets[u] = graph.UserOffsets[u];
        }
        for (int k = 0; k < edges; k++)
        {
            columns[k] = users + graph.UserItems[k];
        }
        graph.UserEdgeWeights.AsSpan().CopyTo(weights);
        for (int i = 1; i <= graph.ItemCount; i++)
        {
            offsets[users + i] = edges + graph.ItemOffsets[i];
        }
        graph.ItemUsers.AsSpan().CopyTo(columns.AsSpan(edges));
        graph.ItemEdgeWeights.AsSpan().CopyTo(weights.AsSpan(edges));
        return new SymmetricAdjacency(users, graph.ItemCount, offsets, columns, weights);
    }
}

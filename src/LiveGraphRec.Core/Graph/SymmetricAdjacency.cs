namespace LiveGraphRec.Core.Graph;

/// <summary>
/// The LightGCN propagation matrix Ã = D^-1/2 A D^-1/2 over all nodes (users first, then items) as one
/// symmetric CSR matrix, so a single SpMM propagates both sides and serves as its own transpose.
/// </summary>
public sealed class SymmetricAdjacency
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

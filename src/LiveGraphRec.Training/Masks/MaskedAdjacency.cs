using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.LinearAlgebra;

namespace LiveGraphRec.Training.Masks;

/// <summary>
/// Applies a per-edge mask to the training graph and re-normalizes as SGCN does: Â = D_z^-1/2 (A ⊙ Z) D_z^-1/2
/// with D_z the degrees of the masked graph, so a node that lost edges spreads its message over those it kept.
/// Edge k is the k-th entry of the user-side CSR; both directions of an edge share its mask value.
/// </summary>
public sealed class MaskedAdjacency
{
    private readonly SymmetricAdjacency _graph;
    /// <summary>For each item-side entry (second half of the symmetric CSR), the edge it mirrors.</summary>
    private readonly int[] _edgeOfItemEntry;
    private readonly int[] _userOfEdge;

    public MaskedAdjacency(SymmetricAdjacency graph)
    {
        _graph = graph;
        EdgeCount = graph.NonZeros / 2;
        _edgeOfItemEntry = new int[EdgeCount];
        _userOfEdge = new int[EdgeCount];
        int users = graph.UserCount;
        // Item rows list their users in ascending order, so visiting users in order fills each item row in order.
        var cursor = new int[graph.ItemCount];
        for (int i = 0; i < graph.ItemCount; i++)
        {
            cursor[i] = graph.Offsets[users + i] - EdgeCount;
        }
        for (int u = 0; u < users; u++)
        {
            for (int k = graph.Offsets[u]; k < graph.Offsets[u + 1]; k++)
            {
                _userOfEdge[k] = u;
                _edgeOfItemEntry[cursor[graph.Columns[k] - users]++] = k;
            }
        }
    }

    public int EdgeCount { get; }
    public SymmetricAdjacency Graph => _graph;

    /// <summary>The normalized adjacency of the graph with edge k weighted by <paramref name="mask"/>[k] (0 drops it).</summary>
    public SymmetricAdjacency Apply(ReadOnlySpan<float> mask)
    {
        if (mask.Length != EdgeCount)
        {
            throw new ArgumentException($"Expected {EdgeCount} mask values, got {mask.Length}.", nameof(mask));
        }
        int users = _graph.UserCount;
        var degree = new float[_graph.NodeCount];
        for (int k = 0; k < EdgeCount; k++)
        {
            degree[_userOfEdge[k]] += mask[k];
            degree[_graph.Columns[k]] += mask[k];
        }
        var weights = new float[_graph.NonZeros];
        for (int k = 0; k < EdgeCount; k++)
        {
            float z = mask[k];
            weights[k] = z > 0 ? z / MathF.Sqrt(degree[_userOfEdge[k]] * degree[_graph.Columns[k]]) : 0;
        }
        for (int j = 0; j < EdgeCount; j++)
        {
            weights[EdgeCount + j] = weights[_edgeOfItemEntry[j]];
        }
        return _graph.WithWeights(weights);
    }

    /// <summary>
    /// The nuclear norm of the user×item block R of a (masked) normalized adjacency, truncated to its top
    /// <paramref name="rank"/> singular values: the symmetric matrix [[0, R], [Rᵀ, 0]] has each σ(R) twice, so this
    /// takes half the sum of its top 2·rank singular values from the randomized SVD with power iteration.
    /// </summary>
    public static double TruncatedNuclearNorm(SymmetricAdjacency adjacency, int rank, int seed, int powerIterations = 2)
    {
        TruncatedSvd svd = RandomizedSvd.Compute(adjacency, Math.Min(2 * rank, adjacency.NodeCount), powerIterations, seed: seed);
        return svd.Values.Sum(v => (double)v) / 2;
    }
}

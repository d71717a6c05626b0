using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.LinearAlgebra;
using LiveGraphRec.Training.Propagation;

namespace LiveGraphRec.Training.Masks;

/// <summary>
/// Applies a per-edge mask to the training graph and re-normalizes as SGCN does: Â = D_z^-1/2 (A ⊙ Z) D_z^-1/2
/// with D_z the degrees of the masked graph, so a node that lost edges spreads its message over those it kept.
/// Edge k is the k-th entry of the user-side CSR; both directions of an edge share its mask value. The masks and
/// the weights they give stay on the graph's device (a step masks every layer twice; host round trips of millions
/// of weights made S-LightGCN ~40× slower than LightGCN per epoch on a GPU).
/// </summary>
public sealed class MaskedAdjacency : IDisposable
{
    private readonly GraphOperator _graph;
    /// <summary>User node and item node of each edge, and for each item-side CSR entry the edge it mirrors.</summary>
    private readonly Tensor _userOfEdge, _itemOfEdge, _edgeOfItemEntry;

    public MaskedAdjacency(GraphOperator graph)
    {
        _graph = graph;
        SymmetricAdjacency adjacency = graph.Adjacency;
        EdgeCount = adjacency.NonZeros / 2;
        var edgeOfItemEntry = new long[EdgeCount];
        var userOfEdge = new long[EdgeCount];
        int users = adjacency.UserCount;
        // Item rows list their users in ascending order, so visiting users in order fills each item row in order.
        var cursor = new int[adjacency.ItemCount];
        for (int i = 0; i < adjacency.ItemCount; i++)
        {
            cursor[i] = adjacency.Offsets[users + i] - EdgeCount;
        }
        for (int u = 0; u < users; u++)
        {
            for (int k = adjacency.Offsets[u]; k < adjacency.Offsets[u + 1]; k++)
            {
                userOfEdge[k] = u;
                edgeOfItemEntry[cursor[adjacency.Columns[k] - users]++] = k;
            }
        }
        var itemOfEdge = Array.ConvertAll(adjacency.Columns[..EdgeCount], c => (long)c);
        _userOfEdge = tensor(userOfEdge, device: graph.Device);
        _itemOfEdge = tensor(itemOfEdge, device: graph.Device);
        _edgeOfItemEntry = tensor(edgeOfItemEntry, device: graph.Device);
    }

    public int EdgeCount { get; }

    /// <summary>The operator of the graph with edge k weighted by <paramref name="mask"/>[k] (0 drops it), normalized.</summary>
    public GraphOperator Apply(Tensor mask) => _graph.Reweighted(NormalizedWeights(mask));

    /// <summary>The masked, normalized graph as a host CSR (for the core's randomized SVD).</summary>
    public SymmetricAdjacency OnHost(Tensor mask)
    {
        using var weights = NormalizedWeights(mask);
        using var host = weights.cpu();
        return _graph.Adjacency.WithWeights(host.data<float>().ToArray());
    }

    /// <summary>The normalized weights of every CSR entry (user rows, then item rows) for a mask of shape [edges].</summary>
    public Tensor NormalizedWeights(Tensor mask)
    {
        if (mask.shape.Length != 1 || mask.shape[0] != EdgeCount)
        {
            throw new ArgumentException($"Expected {EdgeCount} mask values, got shape [{string.Join(", ", mask.shape)}].", nameof(mask));
        }
        using var scope = NewDisposeScope();
        // Explicit Scalars: TorchSharp leaves implicit ones to the finalizer (see TensorArithmetic).
        using Scalar one = 1.ToScalar(), tiny = 1e-30f.ToScalar();
        Tensor degree = zeros(_graph.NodeCount, device: mask.device)
            .index_add_(0, _userOfEdge, mask, one)
            .index_add_(0, _itemOfEdge, mask, one);
        // A kept edge's ends have degree ≥ its mask value > 0; a dropped edge's weight is 0 whatever the degrees,
        // so the clamp only keeps 0 · ∞ out.
        Tensor scale = degree.index_select(0, _userOfEdge).mul(degree.index_select(0, _itemOfEdge)).clamp_min(tiny).rsqrt();
        Tensor userEntries = mask.mul(scale);
        return cat([userEntries, userEntries.index_select(0, _edgeOfItemEntry)]).MoveToOuterDisposeScope();
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

    public void Dispose()
    {
        _userOfEdge.Dispose();
        _itemOfEdge.Dispose();
        _edgeOfItemEntry.Dispose();
    }
}

using System.Numerics.Tensors;

namespace LiveGraphRec.Core.Propagation;

/// <summary>
/// One node's (user's or item's) LightGCN state for online, incremental propagation on top of a trained model:
/// the layer-0 embedding e^(0) — the node's published (trained, final) embedding, zeros for a node the model
/// does not know —, the degree |N| = the trained degree plus the online edges since the publish, and per layer
/// k = 0..K-1 the unnormalized aggregate S^(k) = Σ_{j∈N_online} c_j^(k) over the online neighbours, where
/// c_j^(k) = e_j^(k) / sqrt(|N_j|) is neighbour j's <em>contribution</em>. Layers are read as
/// e^(k+1) = S^(k) / sqrt(|N|) — LightGCN's rule e_u^(k+1) = Σ_j e_j^(k) / sqrt(|N_u||N_j|) over the online
/// edges — and the final embedding as e^(0) + (e^(1) + … + e^(K)) / (K + 1).
/// </summary>
/// <remarks>
/// <para>Why on top of the trained model, not from zero: the trained neighbours' terms are already inside the published
/// e^(0), so only the online edges are aggregated; but they are normalized by the whole degree, so a new edge of a node
/// with d trained neighbours weighs 1/sqrt(d + 1) as in LightGCN rather than competing with the whole trained profile,
/// and the published embedding keeps weight 1 (each online layer gets LightGCN's 1/(K + 1)), so a trained node is not
/// shrunk against a cold one. For a cold node (e^(0) = 0, trained degree 0) this is LightGCN's own mean of layers.
/// Measured in docs/BENCHMARKS.md (prequential evaluation) against the earlier scheme that restarted at degree 0 and
/// averaged e^(0) with the online layers.</para>
/// <para>A new edge costs O(K·d) per endpoint plus one exchange of contributions between the two
/// endpoints (see <see cref="Link"/>), never a scan of the neighbours; correcting the other neighbours
/// costs O(K·d) each and can be coalesced and capped.</para>
/// <para><b>Exact</b> (equal to a from-scratch propagation over the online edges with the same e^(0) and degrees, up to
/// float rounding): the degree; the own normalization 1/sqrt(|N|), because sums are stored unnormalized and divided at
/// read time; and every layer-0 contribution c_j^(0) = e_j^(0)/sqrt(|N_j|) — hence the whole first
/// layer e^(1) — once every node that gained edges has corrected all its neighbours (the neighbour's
/// degree is the only thing in c_j^(0) that changes online). With K = 1 the final embedding is
/// therefore exact.</para>
/// <para><b>Stale</b> (corrected at the next full training and publish): contributions of layers k ≥ 1,
/// c_j^(k) = e_j^(k)/sqrt(|N_j|), are refreshed only when j itself gains an edge and corrects its
/// neighbours, so changes reaching j through its own neighbours (second hop and beyond) travel one hop
/// per new edge, not at once; and neighbours beyond a fan-out cap that are not sent corrections keep
/// the contribution (degree included) they last received.</para>
/// </remarks>
public sealed class NodeEmbeddingState
{
    private readonly float[] _ego;
    private readonly float[] _aggregates;
    /// <summary>LightGCN's weight of one propagated layer in the final embedding: 1/(K + 1) of the model's K.</summary>
    private readonly float _layerWeight;

    /// <param name="ego">e^(0), length d; used in place (not copied), zeros for a cold node.</param>
    /// <param name="aggregates">S^(0..K-1) back to back, length K·d; used in place.</param>
    /// <param name="degree">How many distinct (online) neighbours the aggregates hold.</param>
    /// <param name="trainedDegree">How many neighbours the published e^(0) was trained with (0 for a cold node).</param>
    /// <param name="modelLayers">K of the model whose layer weight 1/(K + 1) the online layers take; by default as many
    /// as the aggregates hold. More than that propagates only the first layers online on top of a deeper model.</param>
    public NodeEmbeddingState(float[] ego, float[] aggregates, int degree, int trainedDegree = 0, int? modelLayers = null)
    {
        ArgumentNullException.ThrowIfNull(ego);
        ArgumentNullException.ThrowIfNull(aggregates);
        ArgumentOutOfRangeException.ThrowIfZero(ego.Length, nameof(ego));
        ArgumentOutOfRangeException.ThrowIfNegative(degree);
        ArgumentOutOfRangeException.ThrowIfNegative(trainedDegree);
        if (aggregates.Length % ego.Length != 0)
        {
            throw new ArgumentException(
                $"The aggregates hold {aggregates.Length} values, not a whole number of {ego.Length}-wide layers.", nameof(aggregates));
        }
        _ego = ego;
        _aggregates = aggregates;
        Degree = degree;
        TrainedDegree = trainedDegree;
        int layers = modelLayers ?? Layers;
        if (layers < Layers)
        {
            throw new ArgumentOutOfRangeException(nameof(modelLayers), layers, $"The model has fewer layers than the {Layers} propagated online.");
        }
        _layerWeight = 1f / (layers + 1);
    }

    /// <summary>A cold node: zero layer-0 embedding, no neighbours.</summary>
    public static NodeEmbeddingState Cold(int dimension, int layers) =>
        new(new float[dimension], new float[checked(dimension * layers)], 0);

    public int Dimension => _ego.Length;
    /// <summary>K, the number of propagation layers.</summary>
    public int Layers => _aggregates.Length / _ego.Length;
    /// <summary>Online neighbours: those in the aggregates.</summary>
    public int Degree { get; private set; }
    /// <summary>Neighbours the published e^(0) was trained with: counted in |N|, their terms are inside e^(0).</summary>
    public int TrainedDegree { get; private set; }
    /// <summary>|N| of LightGCN's normalization.</summary>
    public int FullDegree => TrainedDegree + Degree;
    public ReadOnlySpan<float> Ego => _ego;
    public ReadOnlySpan<float> Aggregates => _aggregates;
    /// <summary>Length of a contribution or correction vector: K·d.</summary>
    public int ContributionLength => _aggregates.Length;

    /// <summary>Writes e^(<paramref name="layer"/>) for 0 ≤ layer ≤ K.</summary>
    public void Layer(int layer, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(layer, Layers);
        if (layer == 0)
        {
            _ego.CopyTo(destination);
        }
        else
        {
            TensorPrimitives.Multiply(Aggregate(layer - 1), InverseSqrt(FullDegree), destination[..Dimension]);
        }
    }

    /// <summary>Writes the final embedding: e^(0) + (e^(1) + … + e^(L)) / (K + 1) for the L online layers of a K-layer model.</summary>
    public void Final(Span<float> destination)
    {
        Span<float> final = destination[..Dimension];
        _ego.CopyTo(final);
        float layerScale = InverseSqrt(FullDegree) * _layerWeight;
        for (int k = 0; k < Layers; k++)
        {
            TensorPrimitives.MultiplyAdd(Aggregate(k), layerScale, final, final);
        }
    }

    /// <summary>This node's contributions c^(k) = e^(k)/sqrt(|N|), k = 0..K-1, as its neighbours aggregate them.</summary>
    public float[] Contribution() => ContributionAtDegree(FullDegree);

    /// <summary>
    /// The contribution to hand the other endpoint of a new edge before this node has linked it:
    /// computed at degree |N|+1 (so c^(0) is exact) from the current layers.
    /// </summary>
    public float[] ProspectiveContribution() => ContributionAtDegree(FullDegree + 1);

    /// <summary>Adds a new neighbour: |N| += 1 and S += its contribution. Returns this node's new contribution.</summary>
    /// <remarks>
    /// The documented update order for an edge (u, i), which the exactness tests follow: u computes its
    /// <see cref="ProspectiveContribution"/> and hands it to i; i links it and hands back its new
    /// contribution; u links that. Each then corrects its other neighbours through a
    /// <see cref="CorrectionTracker{TNeighbour}"/>, at once or coalesced.
    /// </remarks>
    public float[] Link(ReadOnlySpan<float> neighbourContribution)
    {
        CheckContributionLength(neighbourContribution);
        Degree++;
        TensorPrimitives.Add(_aggregates, neighbourContribution, _aggregates);
        return Contribution();
    }

    /// <summary>Adds a neighbour's change of contribution (see <see cref="CorrectionTracker{TNeighbour}"/>) to the aggregates.</summary>
    public void ApplyCorrection(ReadOnlySpan<float> correction)
    {
        CheckContributionLength(correction);
        TensorPrimitives.Add(_aggregates, correction, _aggregates);
    }

    /// <summary>
    /// Takes a newly published embedding as e^(0) and starts a new online graph on top of it: the aggregates and the
    /// online degree are cleared because the published model was trained on <paramref name="trainedDegree"/> of the
    /// node's edges (they count in the normalization from now on).
    /// </summary>
    public void Publish(ReadOnlySpan<float> ego, int trainedDegree)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainedDegree);
        if (ego.Length != Dimension)
        {
            throw new ArgumentException($"The embedding has {ego.Length} dimensions; this node has {Dimension}.", nameof(ego));
        }
        ego.CopyTo(_ego);
        Array.Clear(_aggregates);
        Degree = 0;
        TrainedDegree = trainedDegree;
    }

    private float[] ContributionAtDegree(int degree)
    {
        var contribution = new float[ContributionLength];
        float scale = InverseSqrt(degree);
        TensorPrimitives.Multiply(_ego, scale, contribution.AsSpan(0, Dimension));
        // c^(k) = e^(k)/sqrt(degree) with e^(k) = S^(k-1)/sqrt(|N|) read at the current degree.
        float layerScale = scale * InverseSqrt(FullDegree);
        for (int k = 1; k < Layers; k++)
        {
            TensorPrimitives.Multiply(Aggregate(k - 1), layerScale, contribution.AsSpan(k * Dimension, Dimension));
        }
        return contribution;
    }

    private ReadOnlySpan<float> Aggregate(int k) => _aggregates.AsSpan(k * Dimension, Dimension);

    /// <summary>1/sqrt(n), and 0 for an isolated node, whose propagated layers are zero.</summary>
    private static float InverseSqrt(int n) => n == 0 ? 0f : (float)(1.0 / Math.Sqrt(n));

    private void CheckContributionLength(ReadOnlySpan<float> vector)
    {
        if (vector.Length != ContributionLength)
        {
            throw new ArgumentException(
                $"The vector has {vector.Length} values; {Layers} layers × {Dimension} dimensions need {ContributionLength}.");
        }
    }
}

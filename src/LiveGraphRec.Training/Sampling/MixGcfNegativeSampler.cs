using LiveGraphRec.Training.Runtime;
namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// MixGCF (Huang et al., KDD 2021) synthesizes a hard negative from M uniform candidates, following the
/// official code (huangtinglin/MixGCF, <c>LightGCN.negative_sampling</c>):
/// <list type="bullet">
/// <item>positive mixing: e'_m(l) = α(l)·e_pos(l) + (1 − α(l))·e_m(l), α(l) ~ U(0,1) per user and layer,
/// shared by the M candidates;</item>
/// <item>hop mixing: per layer l, the candidate whose mixed e'_m(l) has the largest inner product with the
/// user's <i>pooled</i> embedding (the code uses the pooled user embedding, not e_u(l) as the paper's
/// notation suggests); the choice is not differentiated;</item>
/// <item>the synthetic negative is the pooled (mean) of the chosen per-layer rows, and its layer-0 row
/// (a mix of positive and candidate ego embeddings) enters the L2 term, as in the official loss.</item>
/// </list>
/// Because α(l) is shared across candidates, argmax_m ⟨s, α p + (1−α) n_m⟩ = argmax_m ⟨s, n_m⟩ whenever
/// α &lt; 1, so the selection scores the raw candidates and only the chosen rows are mixed.
/// Without <paramref name="positiveMixing"/> (the paper's ablation), α = 0: hop mixing of the raw candidates only.
/// </summary>
public sealed class MixGcfNegativeSampler(int candidates, bool positiveMixing = true) : INegativeSampler
{
    public string Name => positiveMixing ? NegativeSamplers.MixGcf : NegativeSamplers.MixGcfHopOnly;
    public int CandidatesPerUser { get; } = candidates;

    public NegativeEmbeddings Select(TrainingBatch batch, ModelView model)
    {
        var device = model.Final.device;
        int layers = model.Layers.Count;
        long dim = model.Layers[0].shape[1];
        using var candidateNodes = NodeIndex.OfItems(batch.Candidates, model.UserCount, device).view(batch.Size, CandidatesPerUser);
        using var best = new DisposableList(layers);
        // The pooled user embedding scores every layer's candidates; with concatenation pooling (NGCF)
        // widths differ, and as the official code each layer then uses the user's own row of that layer.
        bool pooledQuery = model.UserFinal.shape[1] == dim;
        using var userNodes = tensor(batch.Users, device: device);
        foreach (Tensor layer in model.Layers)
        {
            using var layerQuery = pooledQuery ? null : layer.index_select(0, userNodes);
            best.Add(CandidateSelection.Best(layer, layerQuery ?? model.UserFinal, candidateNodes, model.Threads));
        }
        using var positiveNodes = NodeIndex.OfItems(batch.Positives, model.UserCount, device);
        using var alpha = positiveMixing
            ? tensor(batch.MixingWeights, device: device).view(batch.Size, layers, 1)
            : zeros(batch.Size, layers, 1, device: device);
        // One gather per layer for the chosen and the positive rows: every index_select's backward
        // materializes a dense [nodes, d] gradient, so fewer gathers mean less memory traffic.
        var chosenRows = new List<Tensor>(layers);
        var positiveRows = new List<Tensor>(layers);
        for (int l = 0; l < layers; l++)
        {
            using var nodes = cat([best[l], positiveNodes]);
            Tensor[] halves = model.Layers[l].index_select(0, nodes).split(batch.Size);
            chosenRows.Add(halves[0]);
            positiveRows.Add(halves[1]);
        }
        var chosen = stack(chosenRows, 1);
        var positive = stack(positiveRows, 1);
        var mixed = alpha.mul(positive).Plus(ones_like(alpha).sub(alpha).mul(chosen));
        return new NegativeEmbeddings(model.Pool(mixed), mixed.select(1, 0));
    }
}

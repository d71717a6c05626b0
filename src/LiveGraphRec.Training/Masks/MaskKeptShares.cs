using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Training.Masks;

/// <summary>
/// Whether SGCN's masks tell signal from noise: the share of edges kept at inference among the edges of a reference
/// graph (the training edges before <see cref="EdgeNoise"/> added random ones) and among the others.
/// </summary>
public static class MaskKeptShares
{
    /// <summary>
    /// The share of edge-layer masks kept (Φ &gt; 0, i.e. σ(Φ) &gt; 0.5) among <paramref name="masked"/>'s edges that
    /// <paramref name="original"/> has, and among those it has not; NaN for a group without edges.
    /// </summary>
    /// <param name="logits">Φ, [layers × edges], edges in <paramref name="masked"/>'s user-major order.</param>
    public static (double Original, double Added) ByOrigin(BipartiteGraph masked, BipartiteGraph original, ReadOnlySpan<float> logits)
    {
        int edges = masked.EdgeCount;
        if (edges == 0 || logits.Length % edges != 0)
        {
            throw new ArgumentException($"{logits.Length} logits are not a whole number of layers of {edges} edges.", nameof(logits));
        }
        int layers = logits.Length / edges;
        long originalMasks = 0, originalKept = 0, addedMasks = 0, addedKept = 0;
        for (int user = 0; user < masked.UserCount; user++)
        {
            for (int k = masked.UserOffsets[user]; k < masked.UserOffsets[user + 1]; k++)
            {
                int kept = 0;
                for (int layer = 0; layer < layers; layer++)
                {
                    kept += logits[layer * edges + k] > 0 ? 1 : 0;
                }
                if (original.HasEdge(user, masked.UserItems[k]))
                {
                    originalMasks += layers;
                    originalKept += kept;
                }
                else
                {
                    addedMasks += layers;
                    addedKept += kept;
                }
            }
        }
        return ((double)originalKept / originalMasks, (double)addedKept / addedMasks);
    }
}

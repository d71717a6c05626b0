using LiveGraphRec.Core.Graph;

namespace LiveGraphRec.Core.Models;

/// <summary>
/// The popularity baseline as one-dimensional embeddings (every user 1, every item its training
/// degree), so the same retrieval and evaluation code ranks it.
/// </summary>
public static class PopularityModel
{
    public static EmbeddingFactors Fit(BipartiteGraph graph)
    {
        var users = new float[graph.UserCount];
        Array.Fill(users, 1f);
        var items = new float[graph.ItemCount];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = graph.ItemDegree(i);
        }
        return new EmbeddingFactors(1, users, items);
    }
}

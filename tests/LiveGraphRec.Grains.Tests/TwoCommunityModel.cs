using LiveGraphRec.Core.Data;
using LiveGraphRec.Core.Embeddings;
using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;

namespace LiveGraphRec.Grains.Tests;

/// <summary>
/// A real trained model for the cluster tests: spectral embeddings of a graph with two communities —
/// users u0–u19 take items i0–i9 (community A), users u20–u39 items i10–i19 (community B).
/// </summary>
internal static class TwoCommunityModel
{
    public const int Dimension = 4, Users = 40, Items = 20;

    public static IReadOnlyList<string> CommunityA { get; } = Enumerable.Range(0, 10).Select(i => $"i{i}").ToArray();
    public static IReadOnlyList<string> CommunityB { get; } = Enumerable.Range(10, 10).Select(i => $"i{i}").ToArray();

    /// <summary>The model under a given version; the factors are fitted once, so every version holds the same vectors.</summary>
    public static EmbeddingModel Create(long version) =>
        new("two-communities", version, Dimension, Ids("u", Users), Ids("i", Items), Factors.Value.UserVectors,
            Factors.Value.ItemVectors, new Dictionary<string, string>(), new Dictionary<string, double>(), DateTimeOffset.UnixEpoch);

    // Fitted once per process: the randomized SVD is not bit-for-bit repeatable between runs of the same seed.
    // Community B mirrors A edge for edge, so each community's singular values come in equal pairs and the rank-4 fit
    // always gives each community its leading and its second component. With two random communities the second
    // components could nearly tie, and a fit that gave both to A (which happened in CI) let A items score below zero.
    private static readonly Lazy<EmbeddingFactors> Factors = new(() =>
    {
        var random = new Random(5);
        var edges = Enumerable.Range(0, Users / 2)
            .SelectMany(u => Enumerable.Range(0, Items / 2).OrderBy(_ => random.Next()).Take(5)
                .SelectMany(i => new[] { new Interaction(u, i, 0), new Interaction(u + Users / 2, i + Items / 2, 0) }))
            .ToArray();
        return SpectralModel.Fit(BipartiteGraph.Build(Users, Items, edges), Dimension, seed: 3);
    });

    private static IdMap Ids(string prefix, int count)
    {
        var map = new IdMap(count);
        for (int i = 0; i < count; i++)
        {
            map.GetOrAdd($"{prefix}{i}");
        }
        return map;
    }
}

using LiveGraphRec.Core.Graph;
using LiveGraphRec.Core.Models;

namespace LiveGraphRec.Client.Modeling;

/// <summary>The models <c>lgr fit</c> can build without the TorchSharp trainer.</summary>
public static class ModelKinds
{
    public const string Spectral = "spectral";
    public const string Popularity = "popularity";
    public static readonly string[] All = [Spectral, Popularity];

    public static EmbeddingFactors Fit(string kind, BipartiteGraph train, int dimension, int seed) => kind switch
    {
        Spectral => SpectralModel.Fit(train, dimension, seed: seed),
        Popularity => PopularityModel.Fit(train),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown model; expected one of {string.Join(", ", All)}."),
    };
}

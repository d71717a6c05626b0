using LiveGraphRec.Core.Data;

namespace LiveGraphRec.Core.Embeddings;

/// <summary>
/// A trained model's user and item embeddings, with what is needed to serve and compare it: the id maps
/// that give each row its external id and the hyperparameters and metrics it was published with.
/// </summary>
/// <param name="Version">Publish version; increases with every model published under <paramref name="ModelName"/>.</param>
/// <param name="UserVectors">Row-major Users.Count × Dimension matrix.</param>
/// <param name="ItemVectors">Row-major Items.Count × Dimension matrix.</param>
public sealed record EmbeddingModel(
    string ModelName,
    long Version,
    int Dimension,
    IdMap Users,
    IdMap Items,
    float[] UserVectors,
    float[] ItemVectors,
    IReadOnlyDictionary<string, string> Hyperparameters,
    IReadOnlyDictionary<string, double> Metrics,
    DateTimeOffset CreatedAt)
{
    public ReadOnlySpan<float> UserVector(int user) => UserVectors.AsSpan(user * Dimension, Dimension);
    public ReadOnlySpan<float> ItemVector(int item) => ItemVectors.AsSpan(item * Dimension, Dimension);

    /// <summary>Throws when the matrices do not match the id maps and dimension.</summary>
    public void EnsureConsistent()
    {
        if (Dimension <= 0)
        {
            throw new ArgumentException($"Model '{ModelName}' has dimension {Dimension}; it must be positive.");
        }
        EnsureShape(UserVectors, Users, "user");
        EnsureShape(ItemVectors, Items, "item");
    }

    private void EnsureShape(float[] vectors, IdMap ids, string kind)
    {
        long expected = (long)ids.Count * Dimension;
        if (vectors.Length != expected)
        {
            throw new ArgumentException(
                $"Model '{ModelName}' has {vectors.Length:N0} {kind} floats; {ids.Count:N0} {kind}s × {Dimension} needs {expected:N0}.");
        }
    }
}

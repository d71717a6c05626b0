using System.Text.Json.Serialization;

namespace LiveGraphRec.Grains.Abstractions;

/// <summary>What ranked a recommendation list (explicit values: the Orleans wire format carries the number).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RecommendationSource>))]
public enum RecommendationSource
{
    /// <summary>The user's embedding against the item embeddings (dot product).</summary>
    Model = 0,
    /// <summary>
    /// The user's embedding is all zeros (unknown to the published model and no linked edge yet), so the model
    /// cannot tell items apart: the most popular items (by degree) are served instead.
    /// </summary>
    Popularity = 1,
}

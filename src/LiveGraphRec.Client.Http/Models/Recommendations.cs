namespace LiveGraphRec.Client.Http.Models;

/// <summary>A user's recommendations, best first, with the model and index versions they came from.</summary>
/// <param name="IndexUpdatedAt">When the silo's item index last took in changes: the freshness of the item side.</param>
/// <param name="Source">
/// What ranked the items: "Model", or "Popularity" for a user the model cannot rank yet (its scores are then item
/// degrees). Silos older than this field always ranked with the model, hence the default.
/// </param>
public sealed record Recommendations(
    string UserId,
    IReadOnlyList<ScoredItem> Items,
    long ModelVersion,
    long IndexVersion,
    DateTimeOffset? LastEventAt,
    DateTimeOffset IndexUpdatedAt,
    string Source = Recommendations.ModelSource)
{
    public const string ModelSource = "Model";
    public const string PopularitySource = "Popularity";
}

public sealed record ScoredItem(string ItemId, float Score);

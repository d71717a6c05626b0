namespace LiveGraphRec.Client.Http.Models;

/// <summary>A user's recommendations, best first, with the model and index versions they came from.</summary>
/// <param name="IndexUpdatedAt">When the silo's item index last took in changes: the freshness of the item side.</param>
public sealed record Recommendations(
    string UserId,
    IReadOnlyList<ScoredItem> Items,
    long ModelVersion,
    long IndexVersion,
    DateTimeOffset? LastEventAt,
    DateTimeOffset IndexUpdatedAt);

public sealed record ScoredItem(string ItemId, float Score);

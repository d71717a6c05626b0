namespace LiveGraphRec.Grains.Publishing;

/// <summary>
/// What a model published into a live cluster was trained up to: the interaction log sequence of its
/// snapshot, and the users and items with events after it. Those the model does not know are rebased onto
/// the new version (they keep their own e^(0)), so that every edge after the cut is linked again on both ends.
/// </summary>
public sealed record ModelCut(long Sequence, IReadOnlyCollection<string> Users, IReadOnlyCollection<string> Items)
{
    /// <summary>A model of every edge so far (an offline file): nothing is re-linked or rebased.</summary>
    public static ModelCut EveryEdge { get; } = new(EmbeddingUpdate.EveryEdge, [], []);
}

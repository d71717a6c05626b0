namespace LiveGraphRec.Core.Data;

/// <summary>
/// A loaded data set in dense index space: the training interactions and, when the source or a
/// split provides them, the test interactions. Interactions keep duplicates and time order as read;
/// the graph deduplicates.
/// </summary>
public sealed record Dataset(
    string Name,
    IdMap Users,
    IdMap Items,
    Interaction[] Train,
    Interaction[] Test,
    bool HasTimestamps,
    IReadOnlyList<LoadReport> Reports)
{
    public int UserCount => Users.Count;
    public int ItemCount => Items.Count;
}

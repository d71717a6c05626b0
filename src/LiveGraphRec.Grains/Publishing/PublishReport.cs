namespace LiveGraphRec.Grains.Publishing;

/// <summary>The outcome of pushing one embedding model to the grains.</summary>
/// <param name="Applied">Nodes that took the embeddings.</param>
/// <param name="Ignored">Nodes that already had this or a newer version.</param>
/// <param name="Rebased">Nodes outside the model, with events after its cut, moved onto the new version.</param>
public sealed record PublishReport(string ModelName, long Version, int Users, int Items, int Applied, int Ignored, int Rebased = 0);

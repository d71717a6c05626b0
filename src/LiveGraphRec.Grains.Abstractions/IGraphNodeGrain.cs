namespace LiveGraphRec.Grains.Abstractions;

/// <summary>What users and items share: published embeddings, neighbour corrections and the profile.</summary>
[Alias("lgr.IGraphNodeGrain")]
public interface IGraphNodeGrain : IGrainWithStringKey
{
    /// <summary>Takes a published layer-0 embedding unless this node already has the same or a newer version.</summary>
    /// <returns>True when the update was applied, false when it was older and ignored.</returns>
    [Alias("PublishEmbedding")]
    Task<bool> PublishEmbeddingAsync(EmbeddingUpdate update);

    /// <summary>Adds a neighbour's contribution change to this node's aggregates (fire and forget).</summary>
    [OneWay, Alias("ApplyCorrection")]
    Task ApplyCorrectionAsync(ContributionCorrection correction);

    /// <summary>
    /// Completes once everything the node has applied so far is in grain storage: by a write shortly after
    /// (group commit, shared by every caller meanwhile). Interleaves, so it does not queue behind the calls
    /// that changed the node.
    /// </summary>
    [AlwaysInterleave, Alias("Persist")]
    Task PersistAsync();

    /// <summary>The node's adjacency, degree, version and final embedding.</summary>
    /// <remarks>Interleaves: a read of state changed only between awaits, so it need not wait for a delivery's commit.</remarks>
    [AlwaysInterleave, Alias("GetProfile")]
    Task<NodeProfile> GetProfileAsync();
}

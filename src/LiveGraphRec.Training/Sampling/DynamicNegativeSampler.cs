namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// DNS (Zhang et al., SIGIR 2013): of M uniform candidates, the one the current model scores highest for
/// the user (pooled embeddings, as MixGCF's reference implementation of DNS).
/// </summary>
public sealed class DynamicNegativeSampler(int candidates) : INegativeSampler
{
    public string Name => NegativeSamplers.Dynamic;
    public int CandidatesPerUser { get; } = candidates;

    public NegativeEmbeddings Select(TrainingBatch batch, ModelView model)
    {
        using var candidateNodes = NodeIndex.OfItems(batch.Candidates, model.UserCount, model.Final.device).view(batch.Size, CandidatesPerUser);
        using var chosen = CandidateSelection.Best(model.Final, model.UserFinal, candidateNodes, model.Threads);
        return new NegativeEmbeddings(model.Final.index_select(0, chosen), model.Layers[0].index_select(0, chosen));
    }
}

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
        using var candidateNodes = tensor(batch.Candidates, device: model.Final.device).add_(model.UserCount).view(batch.Size, CandidatesPerUser);
        Tensor chosen;
        using (no_grad())
        {
            using var candidateFinal = model.Final.index_select(0, candidateNodes.flatten()).view(batch.Size, CandidatesPerUser, -1);
            using var scores = candidateFinal.mul(model.UserFinal.unsqueeze(1)).sum(-1);
            using var best = scores.argmax(1, keepdim: true);
            chosen = candidateNodes.gather(1, best).squeeze(1);
        }
        using (chosen)
        {
            return new NegativeEmbeddings(model.Final.index_select(0, chosen), model.Layers[0].index_select(0, chosen));
        }
    }
}

namespace LiveGraphRec.Training.Sampling;

/// <summary>RNS: the negative is one item drawn uniformly from those the user has not interacted with.</summary>
public sealed class UniformNegativeSampler : INegativeSampler
{
    public string Name => NegativeSamplers.Uniform;
    public int CandidatesPerUser => 1;

    public NegativeEmbeddings Select(TrainingBatch batch, ModelView model)
    {
        using var nodes = NodeIndex.OfItems(batch.Candidates, model.UserCount, model.Final.device);
        return new NegativeEmbeddings(model.Final.index_select(0, nodes), model.Layers[0].index_select(0, nodes));
    }
}

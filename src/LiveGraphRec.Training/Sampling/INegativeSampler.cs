namespace LiveGraphRec.Training.Sampling;

/// <summary>Turns a batch's candidate items into the negatives the BPR loss contrasts with the positives.</summary>
public interface INegativeSampler
{
    string Name { get; }

    /// <summary>How many uniform candidates the sampler needs per user.</summary>
    int CandidatesPerUser { get; }

    NegativeEmbeddings Select(TrainingBatch batch, ModelView model);
}

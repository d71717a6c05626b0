namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// One mini-batch of BPR triples, drawn on the CPU: users, one positive item each, and
/// <see cref="CandidatesPerUser"/> negative candidates each (items the user has not interacted with).
/// </summary>
/// <param name="MixingWeights">MixGCF positive-mixing coefficients α ~ U(0,1), [users × (layers + 1)].</param>
public sealed record TrainingBatch(long[] Users, long[] Positives, long[] Candidates, int CandidatesPerUser, float[] MixingWeights)
{
    public int Size => Users.Length;

    /// <summary>1-based epoch the batch belongs to (curricula such as PinSage's hard negatives grow with it).</summary>
    public int Epoch { get; init; } = 1;

    /// <summary>Position of the batch within its epoch.</summary>
    public int Index { get; init; }
}

namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// One mini-batch of BPR triples, drawn on the CPU: users, one positive item each, and
/// <see cref="CandidatesPerUser"/> negative candidates each (items the user has not interacted with).
/// </summary>
/// <param name="MixingWeights">MixGCF positive-mixing coefficients α ~ U(0,1), [users × (layers + 1)].</param>
public sealed record TrainingBatch(long[] Users, long[] Positives, long[] Candidates, int CandidatesPerUser, float[] MixingWeights)
{
    public int Size => Users.Length;
}

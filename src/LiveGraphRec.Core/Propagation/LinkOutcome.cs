namespace LiveGraphRec.Core.Propagation;

/// <summary>What a node produces when it links a new neighbour (see <see cref="NodeEmbeddingState.Link"/>).</summary>
/// <param name="Contribution">The node's contributions c^(0..K-1) after the link, for the new neighbour.</param>
/// <param name="Correction">After minus before: what each of its other neighbours adds to its aggregates.</param>
public readonly record struct LinkOutcome(float[] Contribution, float[] Correction);

using LiveGraphRec.Core.Embeddings;

namespace LiveGraphRec.Training.Hosting;

/// <summary>
/// The model the cluster serves, as the trainer needs it: <see cref="Final"/> (what the grains took, the gate's
/// baseline) and <see cref="Ego"/> (the trainer's E⁰, which a warm start continues from). A seed file published
/// from outside has final embeddings only; they then stand in for E⁰.
/// </summary>
public sealed record ServingModel(EmbeddingModel Final, EmbeddingModel Ego, string Source);

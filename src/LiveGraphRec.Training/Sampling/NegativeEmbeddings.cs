namespace LiveGraphRec.Training.Sampling;

/// <summary>
/// The negatives of a batch: pooled embeddings for scoring and their layer-0 rows for the L2 term. Rows are
/// grouped by user ([batch·m, d] for m negatives per user); <paramref name="SharedFinal"/> and
/// <paramref name="SharedEgo"/> ([S, d]) are negatives every user of the batch is contrasted with.
/// </summary>
public sealed record NegativeEmbeddings(Tensor Final, Tensor Ego, Tensor? SharedFinal = null, Tensor? SharedEgo = null);

/// <summary>What a negative sampler sees of the current model in one training step.</summary>
/// <param name="Layers">Per-layer node representations [nodes, d] (layer 0 = ego), with autograd.</param>
/// <param name="Final">Pooled node embeddings [nodes, d_final], with autograd.</param>
/// <param name="UserFinal">The batch users' pooled embeddings [batch, d_final].</param>
/// <param name="Pool">Pools stacked per-layer rows [rows, layers + 1, d] into final embeddings.</param>
/// <param name="Threads">Thread budget for CPU-side candidate scoring.</param>
public sealed record ModelView(IReadOnlyList<Tensor> Layers, Tensor Final, Tensor UserFinal, int UserCount, Func<Tensor, Tensor> Pool, int Threads = 1);
